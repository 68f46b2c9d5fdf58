# SPDX-License-Identifier: GPL-2.0
# vm-cmdline: thread_backlog_napi
# Scenario: backlog NAPI in threads (6.10+: thread_backlog_napi on the
# kernel command line; always so on PREEMPT_RT). process_backlog then runs
# in backlog_napi/<cpu>, outside net_rx_action and with no budget. With RPS
# to CPU 1, rxpath counts CPU 1's backlog polls in the napi table and in
# outside_polls, never in a cycle; cycles and the budget split still equal
# the kernel's NET_RX softirqs and time_squeeze; status and doctor say that
# backlog work runs in threads. Older kernels ignore the parameter: there
# status must say softirq, and the rest is a skip.

N=$(frames 20000)
rps 2
check "insmod" insmod $KO
kver=$(uname -r | awk -F'[.-]' '{ print $1 * 100 + $2 }')
if [ "$kver" -lt 610 ]; then
	check "status: backlog_napi softirq (no thread_backlog_napi before 6.10)" \
		grep -qx 'backlog_napi softirq' $RX/status
	skip "backlog NAPI threads: this kernel ($(uname -r)) has no thread_backlog_napi (6.10+)"
else
	grep '^backlog_napi ' $RX/status
	check "status: backlog_napi threads" grep -q '^backlog_napi threads (thread_backlog_napi' $RX/status
	check "CPU 1's backlog thread exists" eval "ps | grep -q '\[backlog_napi/1\]'"

	budget_begin
	bl0=$(awk '$2 == "backlog" && $3 == 1 { print $5 }' /tmp/b0/napi)
	pktgen_setup $N
	pktgen_run 5000
	budget_agree "backlog threads"
	check_eq "backlog threads: eth1 rx_packets delta" $(($(rx_packets eth1) - rx0)) $N
	bl=$(awk '$2 == "backlog" && $3 == 1 { print $5 }' /tmp/b1/napi)
	check_eq "backlog threads: CPU 1's backlog row counts every steered packet" $((bl - ${bl0:-0})) $N
	o=$(bdelta budget 1 outside_polls)
	check "backlog threads: CPU 1's backlog polls are outside_polls ($o)" [ "$o" -gt 0 ]
	check_eq "backlog threads: CPU 1's cycles carry none of them (packets)" "$(bdelta budget 1 work)" 0
	check "backlog threads: status names the polls outside net_rx_action" \
		grep -q '^napi_polls_outside_net_rx_action [1-9][0-9]* (threaded' $RX/status

	rxpath doctor -i 1 >/tmp/doctor 2>&1
	cat /tmp/doctor
	check "doctor says backlog work runs in threads" grep -q '^context: backlog work runs in threads' /tmp/doctor
fi
check "rmmod" rmmod rxpath
