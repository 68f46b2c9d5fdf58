# SPDX-License-Identifier: GPL-2.0
# A probe that cannot attach is reported in status with its reason; the
# module loads anyway and everything else keeps working.

check "insmod with a function that does not exist" insmod $KO backlog_func=rxpath_no_such_function backlog_hook=1
# The errno is named where the kernel has CONFIG_SYMBOLIC_ERRNAME (Debian's
# do), and a number elsewhere (the debug kernel).
check "status names the probe, the errno and the reason" \
	grep -qE '^probe kprobe:rxpath_no_such_function failed: (-ENOENT|-2) no such function' $RX/status
check "the other probes are attached" grep -q '^probe tracepoint:napi:napi_poll attached$' $RX/status
budget_src=$(sed -n 's/^netdev_budget [0-9]* (read from \(.*\))$/\1/p' $RX/status)
check_eq "backlog_hook reads off" "$(cat $RX/backlog_hook)" off
if echo on > $RX/backlog_hook 2>/dev/null; then
	not_ok "switching the missing hook on is refused"
else
	ok "switching the missing hook on is refused"
fi
check "cat $RX/* exits 0" sh -c "cat $RX/* > /tmp/all 2> /tmp/err"
check "and writes nothing to stderr" [ ! -s /tmp/err ]
rps 2
echo 8 > /proc/sys/net/core/netdev_max_backlog
pktgen_setup $(frames 20000)
pktgen_run 5000
settle
check_eq "hook columns show -" "$(col $RX/softnet 1 backlog_enqueues) $(col $RX/softnet 1 backlog_drops)" "- -"
check_eq "kernel counters still shown" "$(col $RX/softnet 1 dropped)" "$(softnet_stat 1 2)"
check "sampled backlog_max still works" [ "$(col $RX/softnet 1 backlog_max)" -gt 0 ]
check "rmmod" rmmod rxpath

# netdev_budget is found through the sysctl table on kernels that do not
# export it (6.1). Loaded from a network namespace that has no
# net.core.netdev_budget, the lookup fails: status says why, the columns
# that need the budget show -, and cycles are still counted.
if [ "$budget_src" = "the net.core sysctl table" ]; then
	check "insmod from a namespace without net.core.netdev_budget" unshare -n insmod $KO
	check "status says netdev_budget is unknown, and why" \
		grep -qE '^netdev_budget unknown: (-ENOENT|-2) from the net.core sysctl table' $RX/status
	pktgen_setup 2000
	pktgen_run
	settle
	cat $RX/budget $RX/budget_hist
	check_eq "budget columns that need the budget show -" \
		"$(col $RX/budget 0 budget_squeeze) $(col $RX/budget 0 time_squeeze) $(col $RX/budget 0 low_budget_cycles)" "- - -"
	check "cycles are still counted" [ "$(col $RX/budget 0 cycles)" -gt 0 ]
	check_eq "budget_hist shows -" "$(awk '$1 == 0 { print $2 }' $RX/budget_hist)" -
	check "rmmod" rmmod rxpath
else
	skip "netdev_budget lookup failure: this kernel exports net_hotdata"
fi
