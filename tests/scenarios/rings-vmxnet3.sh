# SPDX-License-Identifier: GPL-2.0
# vm-not-debug: the debug kernel has no vmxnet3 module
# vm-nics: vmxnet3
# Scenario: a NIC drop for want of an RX descriptor, end to end, on QEMU's
# vmxnet3 (the one model here that drops a frame when the guest's ring is
# empty, counting it in the queue's "pkts rx OOB"; QEMU puts every frame
# on RX queue 0). 1: the ring table against ethtool -g and the frames
# received. 2: eth3's ring at 32 under a flood: full rings, rxpath's
# missed_while_full equal to the NIC's OOB count, the RING_FULL records on
# /dev/rxpath adding up to it. 3: rxpath doctor names the ring.

insmod_rings "vmxnet3 rings" || return 0
check "insmod vmxnet3, its two interfaces up" vmxnet3_up
src=$VSRC dst=$VDST
i=0
while [ $i -lt 50 ] && ! grep -q '^ring_driver vmxnet3 resolved: ' $RX/status; do
	sleep 0.2; i=$((i + 1))
done
grep '^ring_driver vmxnet3' $RX/status
check "vmxnet3, loaded after rxpath, is resolved, with its per-queue OOB counter" \
	grep -q '^ring_driver vmxnet3 resolved: .* drops per queue: pkts rx OOB ' $RX/status

# 1. Frames that fit: the ring starts at 0 when it is set up, takes one
# descriptor per frame, and next2comp is the last one completed.
N=$(frames 3000)
check "ethtool -G $dst rx 512" ethtool -G $dst rx 512
up $dst
r0=$(rx_packets $dst) oob0=$(rx_queue_stat $dst "pkts rx OOB")
flood_pair $src $dst $N 1
settle $dst
cat $RX/rings
got=$(($(rx_packets $dst) - r0)) oob=$(($(rx_queue_stat $dst "pkts rx OOB") - oob0))
check_eq "queue 0's count is ethtool -g's current RX size" "$(ring_col $dst 0 count)" "$(ethtool_rx $dst)"
check_eq "every row of $dst names vmxnet3, with indices below count" \
	"$(ring_rows $dst | awk '$2 != "vmxnet3" || $5 >= $4 || $6 >= $4' | wc -l)" 0
if [ "$oob" -eq 0 ] && [ "$got" -gt 0 ]; then
	check_eq "next_to_clean is the last of the $got frames received since ethtool -G, modulo 512" \
		"$(ring_col $dst 0 next_to_clean)" $(((got - 1) % 512))
	check_eq "and no ring was full" "$(ring_col $dst 0 full_ring_events)" 0
else
	not_ok "$N frames at 512 descriptors: received $got, OOB $oob (want all, 0)"
fi

# 2. A ring of 32 under a flood. Its row is primed first (a step of the
# 1 Hz worker has seen it), so that every drop falls in a step.
check "ethtool -G $dst rx 32" ethtool -G $dst rx 32
up $dst
flood_pair $src $dst 100 1
settle $dst
sleep 2.5
cat $RX/rings > /tmp/v0
oob0=$(rx_queue_stat $dst "pkts rx OOB") drv0=$(rx_queue_stat $dst "drv dropped rx total")
rxpath watch --json --types ring_full >/tmp/w 2>/tmp/we &
w=$!
i=0
while [ $i -lt 50 ] && [ "$(sed -n 's/^dev .* readers \([0-9]*\) .*/\1/p' $RX/status)" != 1 ]; do
	sleep 0.1; i=$((i + 1))
done
flood_pair $src $dst $(frames 200000) 32
settle $dst
sleep 2.5
cat $RX/rings > /tmp/v1
cat /tmp/v1
oob=$(($(rx_queue_stat $dst "pkts rx OOB") - oob0))
drv=$(($(rx_queue_stat $dst "drv dropped rx total") - drv0))
kill -TERM $w
wait $w
head -n 3 /tmp/w; cat /tmp/we
full=$(($(ring_col $dst 0 full_ring_events /tmp/v1) - $(ring_col $dst 0 full_ring_events /tmp/v0)))
mwf=$(($(ring_col $dst 0 missed_while_full /tmp/v1) - $(ring_col $dst 0 missed_while_full /tmp/v0)))
recs=$(awk -F'"drops":' 'NF > 1 { split($2, a, /[,}]/); s += a[1] } END { print s + 0 }' /tmp/w)
check "the NIC dropped frames for want of a descriptor (pkts rx OOB +$oob)" [ "$oob" -gt 0 ]
check_eq "none for another reason (drv dropped rx total)" "$drv" 0
check "polls found queue 0's ring full ($full times)" [ "$full" -gt 0 ]
check_eq "missed_while_full grew by the OOB count" "$mwf" "$oob"
check_eq "the RING_FULL records' drops add up to it" "$recs" "$oob"
check_eq "max_pending reached the ring's armed descriptors (32 - 2)" "$(ring_col $dst 0 max_pending /tmp/v1)" 30

# 3. rxpath doctor during a flood names the ring, and the knob.
flood_pair $src $dst 0 32 &
pg=$!
sleep 1
rxpath doctor -i 3 >/tmp/d 2>&1
echo stop > /proc/net/pktgen/pgctrl
wait $pg
settle $dst
cat /tmp/d
check_eq "the doctor names the ring" "$(sed -n 's/^verdict: \([a-z_]*\).*/\1/p' /tmp/d)" ring
check "and says to grow it: ethtool -G $dst rx 64" grep -q "^knob: ethtool -G $dst rx 64 (now 32, at most 4096)" /tmp/d
check "its evidence is what rxpath saw dropped while the ring was full" \
	grep -q 'frames dropped while rings were full (rxpath missed_while_full)' /tmp/d
pktgen_clear
check "rmmod vmxnet3" rmmod vmxnet3
check_eq "its rings leave the table" "$(awk '$2 == "vmxnet3"' $RX/rings | wc -l)" 0
check "rmmod" rmmod rxpath
