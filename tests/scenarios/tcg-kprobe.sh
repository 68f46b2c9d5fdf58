# SPDX-License-Identifier: GPL-2.0
# Not an rxpath scenario: the emulator's test, booted by tests/tcg-kprobe.sh
# with tests/tcg-kprobe/kprobe_flip.ko in rxpath.ko's place. load-loop's
# traffic and its load and unload rounds, with a module that does nothing
# but arm a kprobe on enqueue_to_backlog, disarm and re-arm it 10 times
# (as rxpath's backlog_hook switch does) and unregister it at unload. Under
# multi-threaded TCG, load-loop's guest has twice jumped to address 0 from
# enqueue_to_backlog's call site while rxpath's kprobe on it was disarmed.
# If this module's guest does too, the fault is the emulator's.
# 300 rounds: 3000 disarms and 300 unregisters (3000 rounds in make soak).

if ! insmod $KO flips=1 2>/dev/null || [ ! -d /sys/module/kprobe_flip ]; then
	[ -d /sys/module/rxpath ] && rmmod rxpath
	skip "tcg-kprobe: boots kprobe_flip.ko only (tests/tcg-kprobe.sh)"
	return 0
fi
rmmod kprobe_flip
rounds=300
[ -n "${rxpath_soak:-}" ] && rounds=3000
rps 2
pktgen_setup 0 - 100000
pktgen_run &
sleep 1
rx0=$(rx_packets eth1)
fails=0 round=0
while [ $round -lt $rounds ]; do
	round=$((round + 1))
	insmod $KO flips=10 || fails=$((fails + 1))
	rmmod kprobe_flip || fails=$((fails + 1))
	[ $((round % 50)) = 0 ] && say "round $round: $(dmesg | grep -c 'kprobe_flip: unloaded') unloads logged"
done
check_eq "$rounds rounds of a kprobe on enqueue_to_backlog registered, disarmed and re-armed 10 times, unregistered, under traffic: failures" $fails 0
check "traffic flowed meanwhile" [ "$(rx_packets eth1)" -gt $((rx0 + 1000)) ]
h=$(dmesg | sed -n 's/.*kprobe_flip: unloaded, \([0-9]*\) hits$/\1/p' | tail -1)
check "the kprobe was hit ($h in the last round)" [ "${h:-0}" -gt 0 ]
pktgen_stop
wait
