# SPDX-License-Identifier: GPL-2.0
# Scenario: the RX ring table, for eth1 (e1000e). Its count is what
# ethtool -g says, its indices fit it, its polls are the NAPI table's; with
# the ring at e1000e's minimum a flood fills it, and next_to_clean is the
# frames received since the ring was set up, modulo its size. Resizes under
# a flood, and the driver unloaded and loaded again, are survived.

N=$(frames 20000)

# ring DEV NAME: column NAME of DEV's first row in the rings table.
ring() {
	awk -v dev="$1" -v name="$2" '
		NR == 1 { for (i = 1; i <= NF; i++) if ($i == name) c = i; next }
		$1 == dev { print $c; exit }' ${3:-$RX/rings}
}
ethtool_rx() {
	ethtool -g "$1" | awk '/^Current hardware settings/ { c = 1 } c && $1 == "RX:" { print $2; exit }'
}
carrier_wait() {
	i=0
	while [ "$(cat /sys/class/net/eth1/carrier 2>/dev/null)" != 1 ] && [ $i -lt 100 ]; do
		sleep 0.1; i=$((i + 1))
	done
}

insmod_rings "the ring table (e1000e's rings cannot be resolved)" || return 0
check "e1000e is resolved" grep -q '^ring_driver e1000e resolved: ' $RX/status
check_eq "the table's header" "$(head -n 1 $RX/rings)" \
	"dev driver queue count next_to_use next_to_clean unused pending min_unused max_pending polls full_polls full_ring_events missed_while_full"

# 1. A flood at the default size.
PKTGEN_BURST=64 pktgen_setup $N
pktgen_run 4096
settle
# e1000e's watchdog has the NIC interrupt every 2 s, idle or not
# (e1000_watchdog_task's write to ICS), and so a poll: the rings table is
# read between two reads of the NAPI table that agree, no poll between.
for i in 1 2 3 4 5 6 7 8 9 10; do
	cat $RX/napi > /tmp/n0
	cat $RX/rings > /tmp/r1
	cat $RX/napi > /tmp/n1
	[ "$(cat /tmp/n0)" = "$(cat /tmp/n1)" ] && break
done
cat /tmp/r1
check_eq "eth1 has one ring" "$(awk '$1 == "eth1"' /tmp/r1 | wc -l)" 1
check_eq "eth1's driver is e1000e, queue 0" "$(ring eth1 driver /tmp/r1) $(ring eth1 queue /tmp/r1)" "e1000e 0"
size=$(ethtool_rx eth1)
check_eq "eth1's count is ethtool -g's current RX size" "$(ring eth1 count /tmp/r1)" "$size"
c=$(ring eth1 count /tmp/r1); ntu=$(ring eth1 next_to_use /tmp/r1); ntc=$(ring eth1 next_to_clean /tmp/r1)
check "next_to_use ($ntu) and next_to_clean ($ntc) are below count ($c)" [ "$ntu" -lt "$c" -a "$ntc" -lt "$c" ]
exp=$(( ntc > ntu ? ntc - ntu - 1 : c + ntc - ntu - 1 ))
check_eq "unused is the *_DESC_UNUSED formula on them" "$(ring eth1 unused /tmp/r1)" "$exp"
check_eq "eth1's ring polls equal its NAPI polls" "$(ring eth1 polls /tmp/r1)" "$(napi_sum eth1 polls /tmp/n1)"
check_eq "and its full polls" "$(ring eth1 full_polls /tmp/r1)" "$(napi_sum eth1 full_polls /tmp/n1)"
p=$(ring eth1 pending /tmp/r1); mp=$(ring eth1 max_pending /tmp/r1); mu=$(ring eth1 min_unused /tmp/r1)
check_eq "idle: nothing pending" "$p" 0
check "max_pending ($mp) within [64, count - 1]: full polls had pending read" [ "$mp" -ge 64 -a "$mp" -lt "$c" ]
check "min_unused ($mu) within [0, unused]" [ "$mu" -le "$exp" ]
check "eth0 (sending only) has its row too" [ "$(awk '$1 == "eth0"' /tmp/r1 | wc -l)" -eq 1 ]
# QEMU's e1000e holds frames back rather than drop them: its missed
# counters stay 0, and so does missed_while_full (KUnit covers the rest).
check_eq "rx_missed_errors stays 0" "$(cat /sys/class/net/eth1/statistics/rx_missed_errors)" 0
check_eq "so missed_while_full is 0" "$(ring eth1 missed_while_full /tmp/r1)" 0

# 2. The ring at e1000e's minimum, 80: a flood fills it.
check "ethtool -G eth1 rx 80" ethtool -G eth1 rx 80
carrier_wait
check_eq "ethtool -g says 80" "$(ethtool_rx eth1)" 80
echo 1 > $RX/reset
rx0=$(rx_packets eth1)
PKTGEN_BURST=64 pktgen_setup $N
pktgen_run 4096
settle
rx1=$(rx_packets eth1)
cat $RX/rings > /tmp/r2
cat /tmp/r2
check_eq "count follows the resize" "$(ring eth1 count /tmp/r2)" 80
check_eq "next_to_clean is the frames received since the resize ($((rx1 - rx0))) modulo 80" \
	"$(ring eth1 next_to_clean /tmp/r2)" $(((rx1 - rx0) % 80))
f=$(ring eth1 full_ring_events /tmp/r2)
check "full_ring_events ($f) <= full_polls" [ "$f" -le "$(ring eth1 full_polls /tmp/r2)" ]
check_eq "min_unused reached 0" "$(ring eth1 min_unused /tmp/r2)" 0
if debug_kernel; then
	# Measured on the 6.12.118 debug kernel, twice: max_pending 64 (one
	# poll's weight), no full ring, with eth1's interrupts throttled to
	# 100/s too. The 6.1 and 6.12.117 debug kernels did fill it.
	skip "a full ring on the debug kernel: its sender (pktgen under KASAN) does not outpace its receiver there, so the 80-slot ring need not fill (full_ring_events $f, max_pending $(ring eth1 max_pending /tmp/r2)); checked on Debian's kernels, and in KUnit"
else
	check "full_ring_events > 0 ($f)" [ "$f" -gt 0 ]
	check_eq "max_pending reached the ring's capacity, 79" "$(ring eth1 max_pending /tmp/r2)" 79
fi

# 3. Resizes under traffic, each one while eth0 sends a burst of frames:
# 10k frames/s, 5000 a resize (the debug kernel: 2k frames/s, 6000 a
# resize, since its resizes hold rtnl for seconds). A burst a resize, not
# a flood without end: on a slow host (the debug kernel's 2 vCPUs pinned to
# one host core) an endless flood keeps eth1's NAPI instance scheduled, and
# e1000e_down, under rtnl, waits in napi_synchronize for minutes, with or
# without rxpath loaded; such a guest has also run out of memory (1.6 GiB
# of unreclaimable slab) while it waited. With bursts, the resize goes on
# once its burst is sent, and what the guest is sent is bounded however
# slowly it runs. A resize that has not returned in 120 s ends the guest
# with the blocked tasks' stacks on the console (bounded); unreclaimable
# slab is printed before and after the resizes and may grow by 64 MB at
# most.
rate=100000 burst=5000
debug_kernel && rate=500000 burst=6000
# The debug kernel takes minutes (under rtnl) to fill a large ring with
# its checkers on: 6 resizes there, up to 512.
sizes="80 4096 256 1024 80 512 2048 96 4096 80 128 256 80 1024 4096 160 80 640 320 256"
debug_kernel && sizes="80 256 128 512 96 256"
sunr0=$(meminfo SUnreclaim)
mem_report "before the resizes"
under=0
for s in $sizes; do
	pktgen_setup $burst - $rate
	pktgen_run &
	pg=$!
	bounded 120 "ethtool -G eth1 rx $s" ethtool -G eth1 rx $s || diag "ethtool -G eth1 rx $s failed"
	kill -0 $pg 2>/dev/null && under=$((under + 1))
	# A row shows the ring as its latest poll found it: once the burst
	# is over, the next poll may be the watchdog's (every 2 s).
	i=0
	while [ "$(ring eth1 count)" != "$s" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
	check_eq "after rx $s, the table's count is ethtool -g's" "$(ring eth1 count) $(ethtool_rx eth1)" "$s $s"
	wait $pg
	mem_report "after rx $s"
done
diag "$under of $(echo $sizes | wc -w) resizes returned with their burst still being sent"
carrier_wait
settle
grown=$(($(meminfo SUnreclaim) - sunr0))
check "unreclaimable slab grew by $grown kB through the resizes, at most 65536" [ $grown -le 65536 ]
check_eq "after $(echo $sizes | wc -w) resizes under traffic, ethtool -g says 256" "$(ethtool_rx eth1)" 256
PKTGEN_BURST=64 pktgen_setup 2048
pktgen_run 2048
settle
cat $RX/rings
check_eq "and the table follows: count 256" "$(ring eth1 count)" 256

# 4. The driver unloaded and loaded again under rxpath (where it is a
# module: the debug kernel has it built in).
e1000e=$(grep '/e1000e\.ko$' /lib/modules/load.order)
if [ -z "$e1000e" ]; then
	skip "rmmod e1000e under rxpath: e1000e is built in here"
else
	echo rem_device_all > /proc/net/pktgen/kpktgend_0
	check "rmmod e1000e" rmmod e1000e
	check "e1000e is not loaded" grep -q '^ring_driver e1000e not loaded$' $RX/status
	check_eq "its rings are gone from the table" "$(grep -c '^eth' $RX/rings)" 0
	check "insmod e1000e" insmod /lib/modules/$e1000e
	i=0
	while [ $i -lt 50 ] && ! grep -q '^ring_driver e1000e resolved: ' $RX/status; do
		sleep 0.2; i=$((i + 1))
	done
	check "e1000e is resolved again" grep -q '^ring_driver e1000e resolved: ' $RX/status
	guest_net_up > /dev/null
	PKTGEN_BURST=64 pktgen_setup 2048
	pktgen_run 2048
	settle
	cat $RX/rings
	check_eq "eth1's ring is back, at the default size" "$(ring eth1 count)" "$size"
fi
check "rmmod" rmmod rxpath
