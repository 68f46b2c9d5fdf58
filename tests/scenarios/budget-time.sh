# SPDX-License-Identifier: GPL-2.0
# vm-icount: 7
# Scenario: cycles that end by time. netdev_budget_usecs cannot go below 2
# jiffies (8 ms at HZ=250), longer than any poll of a fast guest. This one
# runs under QEMU -icount shift=7: its clock advances 128 ns per executed
# instruction, so a 64-frame e1000e poll lasts tens of guest milliseconds and
# every cycle with a full poll outlives the time limit. (Not on the debug
# kernel: see tests/vm.sh.) pktgen sends in
# bursts of 64 (one CPU sends and receives: without them each poll would
# find one frame). The budget (300) never runs out: a cycle polls eth1 once,
# and e1000e's weight is 64.

N=5120
check "insmod with cycle_clock=1" insmod $KO cycle_clock=1
check_eq "cycle_clock reads on" "$(cat $RX/cycle_clock)" on
check "status: the clock's probes are attached" sh -c "grep -q '^probe tracepoint:irq:softirq_entry attached' $RX/status && grep -q '^probe tracepoint:irq:softirq_exit attached' $RX/status"
min=$(budget_usecs_min)
diag "netdev_budget_usecs at its minimum: $min"
budget_begin
PKTGEN_BURST=64 pktgen_setup $N
pktgen_run $N
budget_agree "time limit"
# (A burst cut short by a full transmit ring shifts the rest: pktgen may
# send up to 63 more than asked.)
check "time limit: eth1 received at least the $N frames" [ $(($(rx_packets eth1) - rx0)) -ge $N ]
t=$(col /tmp/b1/budget 0 time_squeeze)
check "time limit: cpu 0 time_squeeze > 0 ($t)" [ "$t" -gt 0 ]
check_eq "time limit: cpu 0 budget_squeeze" "$(col /tmp/b1/budget 0 budget_squeeze)" 0
max=$(col /tmp/b1/budget 0 max_cycle_usecs)
check "time limit: cpu 0 max_cycle_usecs ($max) outlasts the limit's first jiffy ($((min / 2)))" \
	[ "$max" -ge $((min / 2)) ]
check "rmmod" rmmod rxpath
