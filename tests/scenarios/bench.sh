# SPDX-License-Identifier: GPL-2.0
# vm-host-root: bpftrace, the host's, runs beside rxpath
# make bench (not a test): what rxpath's hooks cost, and what bpftrace
# costs doing the same job, in one boot. One vCPU under -icount shift=0
# (tests/bench.sh): guest time counts executed instructions, so 1e9 /
# packets/s is instructions per packet. Modes are interleaved round by
# round and the median of each is reported. Three paths:
#  1. CPU-bound receive: pktgen netif_receive into eth1, RPS to the same
#     CPU: every packet is a backlog enqueue, a NET_RX cycle and a backlog
#     poll of its own, then dropped by IP. The worst case for the per-poll
#     hook.
#  2. An e1000e flood, eth0 to eth1 through QEMU's hub, bursts of 64: a
#     NIC's polls take up to 64 frames; eth1's RX ring is read each poll.
#  3. A veth pair between two network namespaces, pktgen's UDP frames into
#     the other namespace: veth_xmit queues each with netif_rx to the
#     CPU's backlog, the container host's path.

ROUNDS=3
COUNT=100000
BT="chroot /host /usr/bin/bpftrace"
# What bpftrace runs to do rxpath's job: a histogram of the target CPU's
# input queue length at enqueue_to_backlog (backlog_hist), and of each
# poll's work and the weight it left (napi, budget_hist); "timed" also
# times each NET_RX cycle (max_cycle_usecs) as cycle_clock does.
BT_JOB='kprobe:enqueue_to_backlog {
	$off = *(uint64 *)(kaddr("__per_cpu_offset") + arg1 * 8);
	$sd = (struct softnet_data *)(kaddr("softnet_data") + $off);
	@qlen = hist($sd->input_pkt_queue.qlen);
}
tracepoint:napi:napi_poll { @work = hist(args->work); @left = hist(args->budget - args->work); }'
BT_CLOCK='tracepoint:irq:softirq_entry /args->vec == 3/ { @start[cpu] = nsecs; }
tracepoint:irq:softirq_exit /args->vec == 3 && @start[cpu]/ { @usecs = hist((nsecs - @start[cpu]) / 1000); delete(@start[cpu]); }'

have_bt=
if host_root && [ -x /host/usr/bin/bpftrace ]; then
	have_bt=1
	diag "bpftrace: $($BT --version 2>&1)"
else
	diag "no bpftrace on the host: its rows are left out"
fi

median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
# ipp PPS: instructions per packet.
ipp() { awk -v p="$1" 'BEGIN { printf "%.0f", 1e9 / p }'; }

# One background tool at a time: a bpftrace program or an rxpath reader.
bg=
bg_stop() {
	[ -n "$bg" ] || return 0
	kill -INT $bg 2>/dev/null; wait $bg 2>/dev/null; bg=
}
bt_start() {
	: > /tmp/bt.out
	$BT -e "$1" > /tmp/bt.out 2>&1 &
	bg=$!
	i=0
	while ! grep -q '^Attaching' /tmp/bt.out && [ $i -lt 600 ]; do sleep 0.1; i=$((i + 1)); done
	sleep 1
}
reader_start() {
	rxpath watch "$@" >/dev/null 2>&1 &
	bg=$!
	i=0
	while ! grep -q '^dev .* readers 1 ' $RX/status && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
}
loaded() {
	lsmod | grep -q '^rxpath ' || insmod $KO
	echo "$1" > $RX/backlog_hook
	echo "$2" > $RX/cycle_clock
}
mode() {
	bg_stop
	case $1 in
	none) lsmod | grep -q '^rxpath ' && rmmod rxpath ;;
	defaults) loaded off off ;;
	hook) loaded on off ;;
	all) loaded on on; reader_start ;;
	records) loaded on on; reader_start --types backlog,backlog_drop,cycle --backlog 0 --budget-left 100 ;;
	bpftrace) mode none; bt_start "$BT_JOB" ;;
	bpftrace-timed) mode none; bt_start "$BT_JOB
$BT_CLOCK" ;;
	esac
	:
}
label() {
	case $1 in
	none) echo "rxpath not loaded" ;;
	defaults) echo "rxpath, defaults (per-poll hook)" ;;
	hook) echo "rxpath, backlog_hook on" ;;
	all) echo "rxpath, every probe on (backlog_hook, cycle_clock) and rxpath watch" ;;
	records) echo "rxpath, every probe on and a reader of every record" ;;
	bpftrace) echo "bpftrace: backlog qlen, poll work and budget left" ;;
	bpftrace-timed) echo "bpftrace, and each NET_RX cycle timed" ;;
	esac
}

# bench NAME RUN MODE...: ROUNDS interleaved rounds of RUN (prints
# packets/s) in each MODE; then a table: median packets/s, instructions
# per packet, what each mode adds to "none" (the first).
bench() {
	name=$1 run=$2
	shift 2
	for m in "$@"; do : > /tmp/$m.pps; done
	r=0
	while [ $r -lt $ROUNDS ]; do
		r=$((r + 1))
		line="$name round $r:"
		for m in "$@"; do
			mode $m
			p=$($run)
			echo $p >> /tmp/$m.pps
			line="$line $m $p"
		done
		show "$line packets/s"
	done
	mode none
	base=$(ipp $(median < /tmp/$1.pps))
	show ""
	show "| mode | packets/s | instructions a packet | added | change |"
	show "|---|---|---|---|---|"
	for m in "$@"; do
		p=$(median < /tmp/$m.pps) i=$(ipp $(median < /tmp/$m.pps))
		eval "add_$(echo $m | tr - _)=$((i - base))"
		if [ $m = $1 ]; then
			show "| $(label $m) | $p | $i | | |"
		else
			show "| $(label $m) | $p | $i | +$((i - base)) | $(awk -v a=$i -v b=$base 'BEGIN { printf "%+.1f%%", (a - b) * 100 / b }') |"
		fi
	done
}

# events RUN: what one packet of RUN brings about, as measured in a run of
# its own with rxpath's defaults: NET_RX cycles, NAPI polls.
events() {
	mode defaults
	echo 1 > $RX/reset
	c0=$(awk '$1 == "NET_RX:" { print $2 }' /proc/softirqs)
	p=$($1)
	c1=$(awk '$1 == "NET_RX:" { print $2 }' /proc/softirqs)
	polls=$(awk 'NR > 1 { s += $4 } END { print s }' $RX/napi)
	light=$(awk '$1 == 0 { print $2 }' $RX/budget_hist)
	show "per packet: $(awk -v c=$((c1 - c0)) -v n=$COUNT 'BEGIN { printf "%.3f", c / n }') NET_RX cycles, $(awk -v c=$polls -v n=$COUNT 'BEGIN { printf "%.3f", c / n }') NAPI polls ($light cycles in budget_hist 0-9)"
	mode none
}

# 1. CPU-bound receive.
rps 1
netif_pps() {
	pktgen_setup $COUNT netif_receive
	pktgen_run
	sed -n 's/^ *\([0-9]*\)pps.*/\1/p' /proc/net/pktgen/eth1
}
show "## 1. CPU-bound receive: pktgen netif_receive into eth1, RPS to its own CPU; $COUNT packets, $ROUNDS interleaved rounds, medians"
show ""
if [ -n "$have_bt" ]; then
	bench netif netif_pps none defaults hook all records bpftrace bpftrace-timed
	show ""
	show "every probe on, against bpftrace doing the same job: $add_all / $add_bpftrace_timed = $(awk -v a=$add_all -v b=$add_bpftrace_timed 'BEGIN { printf "%.2f", a / b }') (without the timing, hook on against bpftrace: $add_hook / $add_bpftrace = $(awk -v a=$add_hook -v b=$add_bpftrace 'BEGIN { printf "%.2f", a / b }'))"
	mode none
	bt_start 'tracepoint:skb:kfree_skb { @kfree = count(); }'
	netif_pps > /dev/null
	bg_stop
	show "kfree_skb per packet: $(awk '/^@kfree:/ { printf "%.3f", $2 / '$COUNT' }' /tmp/bt.out)"
else
	bench netif netif_pps none defaults hook all records
fi
events netif_pps
show "kprobe missed: $(sed -n 's/.*enqueue_to_backlog.* missed \([0-9]*\)$/\1/p' $RX/status 2>/dev/null)"

# 2. A NIC flood.
rps 0
# A run whose frames eth1 did not receive (one in a few boots sends at
# twice the rate into nothing) is run again, at most twice, and said so.
nic_pps() {
	for try in 1 2 3; do
		rx0=$(rx_packets eth1)
		PKTGEN_BURST=64 pktgen_setup $COUNT
		pktgen_run
		settle
		got=$(($(rx_packets eth1) - rx0))
		[ $got -lt $((COUNT * 99 / 100)) ] || break
		show "(nic: eth1 received $got of $COUNT frames: run again)"
	done
	sed -n 's/^ *\([0-9]*\)pps.*/\1/p' /proc/net/pktgen/eth0
}
show ""
show "## 2. NIC flood: pktgen eth0 -> eth1 (e1000e) through the hub, bursts of 64; $COUNT packets, $ROUNDS interleaved rounds (sending and receiving on the one CPU)"
show ""
bench nic nic_pps none defaults
events nic_pps
mode defaults
nic_pps > /dev/null
show "eth1 ring polls in a run: $(awk '$1 == "eth1" { print $11; exit }' $RX/rings), of which full: $(awk '$1 == "eth1" { print $12; exit }' $RX/rings)"
mode none

# 3. veth between namespaces.
show ""
show "## 3. veth: pktgen UDP frames from vb0 to vb1 in another network namespace; $COUNT packets, $ROUNDS interleaved rounds"
show ""
if tools_insmod; then
	unshare -n sleep 100000 &
	ns=$!
	sleep 0.5
	# (busybox's ip leaves the peer the kernel's name: vb0@veth0.)
	ip link add vb0 type veth &&
	ip link set "$(ip link show vb0 | sed -n 's/^[0-9]*: vb0@\([^:]*\):.*/\1/p')" name vb1 &&
	ip link set vb1 netns $ns &&
	ip addr add 10.9.0.1/24 dev vb0 && ip link set vb0 up &&
	nsenter -t $ns -n sh -c 'ip addr add 10.9.0.2/24 dev vb1 && ip link set vb1 up && ip link set lo up'
	vmac=$(nsenter -t $ns -n ip link show vb1 | sed -n 's/.*link\/ether \([0-9a-f:]*\).*/\1/p')
	veth_pps() {
		pktgen_clear
		echo "add_device vb0" > /proc/net/pktgen/kpktgend_0
		echo "count $COUNT" > /proc/net/pktgen/vb0
		echo "pkt_size 60" > /proc/net/pktgen/vb0
		echo "dst 10.9.0.2" > /proc/net/pktgen/vb0
		echo "dst_mac $vmac" > /proc/net/pktgen/vb0
		echo start > /proc/net/pktgen/pgctrl
		sed -n 's/^ *\([0-9]*\)pps.*/\1/p' /proc/net/pktgen/vb0
	}
	bench veth veth_pps none defaults
	events veth_pps
	kill $ns
else
	diag "no veth or network namespaces here: section 3 left out"
fi
ok "bench ran"
