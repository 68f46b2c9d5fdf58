# SPDX-License-Identifier: GPL-2.0
# vm-cmdline: debugfs=off
# vm-not-debug: the debug kernel's kmemleak report is read through debugfs
# Scenario: a kernel booted with debugfs=off, whose debugfs refuses every
# file: rxpath loads all the same, says in the kernel log why its files
# are missing, and its event stream works with the defaults (the
# per-packet hook off): during an overflow of cpu 1's backlog, a reader's
# backlog_drop records add up to the kernel's dropped count. While a
# reader holds the device open, rmmod is refused; then it unloads.

N=$(frames 20000)
LIMIT=8

check "debugfs is off: nothing under /sys/kernel/debug" [ -z "$(ls /sys/kernel/debug)" ]
dmesg -c >/dev/null
check "insmod with debugfs off" insmod $KO
dmesg >/tmp/dmesg
grep rxpath /tmp/dmesg
check "the kernel log says the files are missing and why" grep -q \
	"rxpath: debugfs unavailable (-EPERM): no files in /sys/kernel/debug/rxpath; /dev/rxpath works" /tmp/dmesg
check "/dev/rxpath is a character device" [ -c /dev/rxpath ]
check_eq "every probe attached (no 'not attached' in the log)" "$(grep -c "not attached" /tmp/dmesg)" 0

echo $LIMIT > /proc/sys/net/core/netdev_max_backlog
rps 2
rxpath watch --json --types backlog_drop >/tmp/w1 2>/tmp/e1 &
w1=$!
check "a reader opens /dev/rxpath and polls it" wait_polling $w1
drop0=$(softnet_stat 1 2)
pktgen_setup $N
pktgen_run 5000
settle
kill -TERM $w1
wait $w1
check_eq "the reader exits 0 on SIGTERM" "$?" 0
dd=$(($(softnet_stat 1 2) - drop0))
head -n 3 /tmp/w1; cat /tmp/e1
check "the flood overflowed cpu 1's backlog ($dd refused)" [ "$dd" -gt 0 ]
check_eq "backlog_drop counts add up to the dropped delta" "$(drop_sum /tmp/w1 1)" "$dd"

rxpath watch --json >/dev/null 2>&1 &
w2=$!
check "another reader polls" wait_polling $w2
rmmod rxpath 2>/tmp/rmmod.err && not_ok "rmmod with that reader open is refused" ||
	ok "rmmod with that reader open is refused: $(cat /tmp/rmmod.err)"
kill -TERM $w2
wait $w2
check "rmmod" rmmod rxpath
