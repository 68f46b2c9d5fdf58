# SPDX-License-Identifier: GPL-2.0
# vm-cmdline: debugfs=off
# vm-not-debug: the debug kernel's kmemleak report is read through debugfs
# Scenario: a kernel booted with debugfs=off, whose debugfs refuses every
# file: rxpath loads all the same, says in the kernel log why its files
# are missing, and its event stream works with the defaults (the
# per-packet hook off): during an overflow of cpu 1's backlog, a reader's
# backlog_drop records add up to the kernel's dropped count. Every file
# reads through /dev/rxpath (rxpath show), and every reader command works
# from it: prom's and snapshot's figures are the kernel's, top and doctor
# run. The controls work through it (rxpath set, rxpath reset). Then the
# device is given to a group, as the package's udev rule does (group
# 1000, mode 0640): a member that is not root reads every file and the
# stream, and prom's figures are the kernel's; its controls are refused
# (EPERM) and change nothing; a user outside the group can read nothing.
# While a reader holds the device open, rmmod is refused; then it unloads.

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

# Every file and every reader command, through the device.
rxpath show >/tmp/show 2>/tmp/err
check "rxpath show reads every file through the device" \
	[ $? -eq 0 -a ! -s /tmp/err -a "$(grep -c '^==> ' /tmp/show)" -eq 11 ]
check "rxpath show status: its version line" sh -c 'rxpath show status | grep -q "^version "'
cp /proc/net/softnet_stat /tmp/stat
rxpath prom >/tmp/prom 2>/tmp/err
check "rxpath prom exits 0 with nothing on stderr" [ $? -eq 0 -a ! -s /tmp/err ]
rxpath snapshot --json >/tmp/snap 2>/tmp/err
check "rxpath snapshot --json exits 0 with nothing on stderr" [ $? -eq 0 -a ! -s /tmp/err ]
for cpu in 0 1; do
	check_eq "prom: cpu $cpu dropped is softnet_stat's" \
		"$(sed -n "s/^rxpath_softnet_dropped_total{cpu=\"$cpu\"} //p" /tmp/prom)" "$(softnet_stat $cpu 2 /tmp/stat)"
	check_eq "snapshot: cpu $cpu processed is softnet_stat's" \
		"$(grep -o "{\"cpu\":$cpu,\"processed\":[0-9]*" /tmp/snap | sed 's/.*://')" "$(softnet_stat $cpu 1 /tmp/stat)"
done
check "rxpath top -n 1 prints its table" sh -c 'rxpath top -i 1 -n 1 2>&1 | grep -q "^rxpath top: "'
check "rxpath doctor -i 1 gives a verdict" sh -c 'rxpath doctor -i 1 2>&1 | grep -q "^verdict: "'

# The controls, through the device.
check "rxpath set backlog_hook on" rxpath set backlog_hook on
check_eq "rxpath show backlog_hook" "$(rxpath show backlog_hook)" on
rxpath set backlog_hook maybe 2>/tmp/err && not_ok "rxpath set backlog_hook maybe is refused" ||
	ok "rxpath set backlog_hook maybe is refused: $(cat /tmp/err)"
check_eq "and changes nothing" "$(rxpath show backlog_hook)" on
check "rxpath set backlog_hook off" rxpath set backlog_hook off
check "rxpath reset" rxpath reset
check "rxpath show reset: a time" sh -c 'rxpath show reset | grep -q "^last_reset [0-9]"'

# The device given to group 1000, as the udev rule does.
chgrp 1000 /dev/rxpath && chmod 0640 /dev/rxpath
as_member() { rxpath-devtest runas 1000 1000 "$@"; }
check "the group's member reads every file" sh -c 'rxpath-devtest runas 1000 1000 rxpath show >/dev/null'
cp /proc/net/softnet_stat /tmp/stat
as_member rxpath prom >/tmp/prom 2>/tmp/err
check "the member's rxpath prom exits 0 with nothing on stderr" [ $? -eq 0 -a ! -s /tmp/err ]
for cpu in 0 1; do
	check_eq "member's prom: cpu $cpu dropped is softnet_stat's" \
		"$(sed -n "s/^rxpath_softnet_dropped_total{cpu=\"$cpu\"} //p" /tmp/prom)" "$(softnet_stat $cpu 2 /tmp/stat)"
done
check "the member reads the stream (rxpath watch -t 1)" as_member rxpath watch -t 1
dmesg -c >/dev/null
as_member rxpath set backlog_hook on 2>/tmp/err && not_ok "the member's rxpath set is refused" ||
	ok "the member's rxpath set is refused: $(cat /tmp/err)"
as_member rxpath reset 2>/tmp/err && not_ok "the member's rxpath reset is refused" ||
	ok "the member's rxpath reset is refused: $(cat /tmp/err)"
check "the kernel log names the capability" \
	sh -c 'dmesg | grep -q "RXPATH_IOC_CONTROL: needs CAP_SYS_ADMIN"'
check_eq "and they changed nothing" "$(rxpath show backlog_hook)" off
rxpath-devtest runas 1001 1001 rxpath prom >/dev/null 2>/tmp/err &&
	not_ok "a user outside the group reads nothing" ||
	check "a user outside the group reads nothing, with one line saying why: $(cat /tmp/err)" \
		[ "$(wc -l </tmp/err)" -eq 1 ]
chmod 0600 /dev/rxpath && chgrp 0 /dev/rxpath

rxpath watch --json >/dev/null 2>&1 &
w2=$!
check "another reader polls" wait_polling $w2
rmmod rxpath 2>/tmp/rmmod.err && not_ok "rmmod with that reader open is refused" ||
	ok "rmmod with that reader open is refused: $(cat /tmp/rmmod.err)"
kill -TERM $w2
wait $w2
check "rmmod" rmmod rxpath
