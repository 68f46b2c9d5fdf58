# SPDX-License-Identifier: GPL-2.0
# vm-tcg-single: under multi-threaded TCG, a guest whose kprobe on enqueue_to_backlog is disarmed under traffic jumps to 0 from its call site in netif_receive_skb_list_internal, with rxpath or without it (QEMU 10; stale code for the other vCPU; tests/tcg-kprobe.sh)
# Scenario 1: load, read every file, unload, 20 times while traffic flows
# (200 in make soak), every third time with a reader of every record,
# killed mid-read before the unload; then switch the per-packet hook off
# and on under traffic.

# A steady 10k frames/s, not a flood: the point is traffic at every load
# and unload, and an endless flood exhausts a debug kernel's memory (KASAN's
# quarantine and RCU-deferred frees grow faster than it drains them).
# On the debug kernel each round takes 30 s or more (every probe
# registration patches text and waits for RCU under KASAN and lockdep), so
# it does 4 rounds and 4 switches instead of 20 and 10.
rounds=20 switches=10
debug_kernel && rounds=4 switches=4
[ -n "${rxpath_soak:-}" ] && rounds=200 switches=100
rps 2
pktgen_setup 0 - 100000
pktgen_run &
sleep 1
rx0=$(rx_packets eth1)

fails=0 killed=0
round=0
while [ $round -lt $rounds ]; do
	round=$((round + 1))
	insmod $KO backlog_hook=$((round % 2)) || { fails=$((fails + 1)); continue; }
	# Every third round, a reader of every record, killed mid-read.
	r=
	if [ $((round % 3)) = 0 ]; then
		rxpath watch --json --types backlog,backlog_drop,cycle --backlog 0 \
			--budget-left 100 >/dev/null 2>&1 &
		r=$!
		# Open (it is busy reading, seldom waiting in poll).
		wait_readers 1 || fails=$((fails + 1))
		killed=$((killed + 1))
	fi
	cat $RX/* >/dev/null 2>/tmp/err || fails=$((fails + 1))
	[ -s /tmp/err ] && { fails=$((fails + 1)); cat /tmp/err; }
	[ -z "$r" ] || { kill -KILL $r; wait $r; }
	rmmod rxpath || fails=$((fails + 1))
done
check_eq "$rounds cycles of insmod (hook on, off), cat $RX/*, rmmod under traffic, $killed with a reader killed mid-read: failures" $fails 0
check "traffic flowed meanwhile" [ "$(rx_packets eth1)" -gt $((rx0 + 1000)) ]

check "insmod for the hook switching" insmod $KO backlog_hook=1
fails=0
i=0
while [ $i -lt $switches ]; do
	i=$((i + 1))
	echo off > $RX/backlog_hook || fails=$((fails + 1))
	[ "$(cat $RX/backlog_hook)" = off ] || fails=$((fails + 1))
	[ "$(col $RX/softnet 1 backlog_enqueues)" = - ] || fails=$((fails + 1))
	grep -q '^backlog_hook off$' $RX/status || fails=$((fails + 1))
	echo on > $RX/backlog_hook || fails=$((fails + 1))
	[ "$(cat $RX/backlog_hook)" = on ] || fails=$((fails + 1))
	sleep 0.2
	[ "$(col $RX/softnet 1 backlog_enqueues)" -gt 0 ] || fails=$((fails + 1))
done
check_eq "$switches hook off/on switches under traffic: failures" $fails 0
echo 0 > $RX/backlog_hook
check "rmmod with the hook off" rmmod rxpath
check "insmod with the defaults" insmod $KO
check_eq "hook starts off by default" "$(cat $RX/backlog_hook)" off
check_eq "status says so" "$(grep '^backlog_hook ' $RX/status)" "backlog_hook off"
echo 1 > $RX/backlog_hook
check "rmmod with the hook on under traffic" rmmod rxpath

pktgen_stop
wait
settle
