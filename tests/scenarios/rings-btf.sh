# SPDX-License-Identifier: GPL-2.0
# vm-not-debug: the debug kernel builds two of these drivers as modules, for driver-churn (the BTF reader is in KUnit there)
# Scenario: rxpath resolves each supported driver's RX ring from the
# driver's own BTF, when it loads, and forgets it when it goes. The other
# drivers this kernel builds are loaded without their hardware, just for
# this (the cloud flavour builds fewer, and boots on virtio-net).

# The drivers of module/ring_drivers.c, and their rows (gve has two, GQI
# and DQO; mlx5_core two, cyclic and striding).
DRIVERS="e1000e e1000 igb igc ixgbe i40e ice virtio_net vmxnet3 ena gve ixgbevf iavf mlx5_core"
rows_of() { case $1 in gve|mlx5_core) echo 2 ;; *) echo 1 ;; esac; }
# has DRIVER: this kernel builds it (the boot NIC's, or one of extra.order).
boot=$(basename "$(readlink /sys/class/net/eth1/device/driver)")
has() { [ "$1" = "$boot" ] || grep -q "/$1\.ko$" /lib/modules/extra.order; }
# rows DRIVER...: the rows of those this kernel builds.
rows() {
	n=0
	for d in "$@"; do
		has $d && n=$((n + $(rows_of $d)))
	done
	echo $n
}
all=0
for d in $DRIVERS; do all=$((all + $(rows_of $d))); done
# shellcheck disable=SC2086
present=$(rows $DRIVERS)
diag "booted on $boot; drivers built: $(for d in $DRIVERS; do has $d && printf '%s ' $d; done)($present rows)"

check "insmod" insmod $KO
grep '^ring_' $RX/status
if [ ! -e /sys/kernel/btf/vmlinux ]; then
	# A kernel built without BTF.
	check "without BTF, status says why for every driver" \
		[ "$(grep -c '^ring_driver .* failed: .* no /sys/kernel/btf/vmlinux' $RX/status)" -eq $all ]
	check "rmmod" rmmod rxpath
	return 0 2>/dev/null || exit 0
fi
why=$(ring_btf_missing $boot)
if [ -n "$why" ]; then
	# vmlinux has BTF, the modules none (5.10): status says so for each.
	for m in $(cat /lib/modules/extra.order); do
		insmod /lib/modules/$m || diag "insmod $m failed"
	done
	sleep 1
	grep '^ring_' $RX/status
	check_eq "$why: status says so for every driver" \
		"$(grep -c '^ring_driver .* failed: -EOPNOTSUPP loaded, but this kernel has no BTF for modules' $RX/status)" $present
	skip "ring members: $why"
	check "rmmod" rmmod rxpath
	return 0
fi
check "$boot (loaded before rxpath) is resolved" grep -q "^ring_driver $boot resolved: " $RX/status
if [ $boot = e1000e ]; then
	check "e1000e's ring, and its drop counter" \
		grep -q '^ring_driver e1000e resolved: poll e1000e_poll, ring struct e1000_ring, drops rx_missed_errors+rx_fifo_errors+rx_over_errors$' $RX/status
	check_eq "e1000e's napi member is this kernel's struct napi_struct" \
		"$(awk '$1 == "ring_member" && $2 == "e1000e" && $3 == "e1000_adapter.napi" { print ($4 > 0) }' $RX/status)" 1
	for f in count next_to_use next_to_clean desc; do
		check "e1000e's e1000_ring.$f is resolved" grep -q "^ring_member e1000e e1000_ring\\.$f [0-9]* [248]$" $RX/status
	done
fi

# Loaded after rxpath: resolved when each goes live.
for m in $(cat /lib/modules/extra.order); do
	insmod /lib/modules/$m || diag "insmod $m failed"
done
i=0
while [ $i -lt 50 ] && [ "$(grep -c '^ring_driver .* resolved: ' $RX/status)" -lt $present ]; do
	sleep 0.2; i=$((i + 1))
done
grep '^ring_' $RX/status
for d in $DRIVERS; do
	[ $d = $boot ] && continue
	if has $d; then
		check "$d loaded after rxpath is resolved" grep -q "^ring_driver $d resolved: " $RX/status
	else
		check "$d, which this kernel does not build, is not loaded" grep -q "^ring_driver $d not loaded$" $RX/status
	fi
done
check_eq "every driver this kernel builds resolved" "$(grep -c '^ring_driver .* resolved: ' $RX/status)" $present
if has vmxnet3; then
	check "vmxnet3's ring is the first of an array in its queue, its drops the queue's OOB count" \
		grep -q '^ring_driver vmxnet3 resolved: poll vmxnet3_poll_rx_only or vmxnet3_poll, ring struct vmxnet3_cmd_ring (embedded), drops per queue: pkts rx OOB (vmxnet3_adapter.rqd_start\[queue\].stats.pktsRxOutOfBuf)$' $RX/status
	for f in vmxnet3_rx_queue.qid vmxnet3_rx_queue.comp_ring.base vmxnet3_rx_queue.comp_ring.next2proc \
		vmxnet3_rx_queue.comp_ring.gen vmxnet3_cmd_ring.next2fill vmxnet3_cmd_ring.next2comp vmxnet3_cmd_ring.size \
		vmxnet3_rx_queue.adapter vmxnet3_adapter.rqd_start Vmxnet3_RxQueueDesc.stats.pktsRxOutOfBuf; do
		check "vmxnet3's $f is resolved" grep -q "^ring_member vmxnet3 $f [0-9]* [1248]$" $RX/status
	done
fi
check_eq "i40e and ice have no full-ring test" \
	"$(grep -cE '^ring_driver (i40e|ice) resolved: .*, drops - \(no full-ring test\)$' $RX/status)" "$(rows i40e ice)"
if has gve; then
	check "gve's two queue formats are resolved, GQI's counters running free" \
		[ "$(grep -cE '^ring_driver gve resolved: poll gve_napi_poll(_dqo)?, ring struct gve_rx_ring, drops - \(no full-ring test\)$' $RX/status)" -eq 2 ]
	for f in gve_rx_ring.mask gve_rx_ring.fill_cnt gve_rx_ring.cnt gve_rx_ring.dqo.bufq.mask \
		gve_rx_ring.dqo.bufq.tail gve_rx_ring.dqo.bufq.head; do
		check "gve's $f is resolved" grep -q "^ring_member gve $f [0-9]* 4$" $RX/status
	done
fi
has ena && check "ena's ena_ring.ring_size is resolved" grep -q "^ring_member ena ena_ring.ring_size [0-9]* 4$" $RX/status
if has mlx5_core; then
	check "mlx5_core's cyclic and striding receive queues are resolved, in its channel" \
		[ "$(grep -cE '^ring_driver mlx5_core resolved: poll mlx5e_napi_poll, ring struct mlx5e_rq \(embedded\), ' $RX/status)" -eq 2 ]
	for f in mlx5e_rq.wq_type mlx5e_rq.wqe.wq.sz mlx5e_rq.wqe.wq.cur_sz mlx5e_rq.mpwqe.wq.fbc.sz_m1 mlx5e_rq.mpwqe.wq.cur_sz; do
		check "mlx5_core's $f is resolved" grep -q "^ring_member mlx5_core $f [0-9]* [124]$" $RX/status
	done
fi
if has virtio_net; then
	# The vring's size is read in virtio_ring's struct, around the virtqueue.
	check "virtio_net's virtqueue.index is resolved" grep -q "^ring_member virtio_net virtqueue.index [0-9]* 4$" $RX/status
	check "virtio_ring's struct vring_virtqueue holds the virtqueue at its start" \
		grep -q "^ring_member virtio_ring vring_virtqueue.vq 0 [0-9]*$" $RX/status
	check "its layout is a bool (packed_ring, 6.1 and 6.12) or an enum (layout, 7.x)" \
		grep -qE "^ring_member virtio_ring vring_virtqueue.(packed_ring [0-9]* 1|layout [0-9]* 4)$" $RX/status
	for f in split.vring.num packed.vring.num; do
		check "virtio_ring's vring_virtqueue.$f is resolved" grep -q "^ring_member virtio_ring vring_virtqueue.$f [0-9]* 4$" $RX/status
	done
fi
check_eq "ixgbevf and iavf have a full-ring test but count no drops" \
	"$(grep -cE '^ring_driver (ixgbevf|iavf) resolved: .*, drops - \(the driver counts none\)$' $RX/status)" "$(rows ixgbevf iavf)"
check_eq "no ring member failed" "$(grep -c '^ring_driver .* failed' $RX/status)" 0
# For the host side (rings-btf.host), which checks them against pahole.
show "$(grep '^ring_member ' $RX/status)"

# Unloaded: forgotten.
for gone in igb ena; do has $gone && break; done
check "rmmod $gone" rmmod $gone
check "$gone is not loaded any more" grep -q "^ring_driver $gone not loaded$" $RX/status
check_eq "and none of its members is shown" "$(grep -c "^ring_member $gone " $RX/status)" 0
check "insmod $gone again" insmod /lib/modules/$(grep "/$gone.ko$" /lib/modules/extra.order)
i=0
while [ $i -lt 50 ] && ! grep -q "^ring_driver $gone resolved: " $RX/status; do
	sleep 0.2; i=$((i + 1))
done
check "$gone is resolved again" grep -q "^ring_driver $gone resolved: " $RX/status
check "rmmod" rmmod rxpath
