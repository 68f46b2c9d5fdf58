# SPDX-License-Identifier: GPL-2.0
# Scenario: NAPI budget accounting. Every net_rx_action cycle rxpath counts
# is one the kernel counts in /proc/softirqs (NET_RX), every squeeze one it
# counts in softnet_stat's time_squeeze, and the NAPI table's work for eth1
# is eth1's rx_packets, exactly.

# Frames go out in bursts of 64 (one doorbell each), so that polls find
# many at once even where the guest is slow enough to take them one by one.
N=$(frames 20480)
core=/proc/sys/net/core

check "insmod" insmod $KO
check "status: netdev_budget in force is read (300)" grep -q '^netdev_budget 300 ' $RX/status
check_eq "budget_warn_pct defaults to 50" "$(cat $RX/budget_warn_pct)" 50

# 1. The packet budget: netdev_budget 16 against e1000e's weight of 64.
echo 16 > $core/netdev_budget
echo 64 > $core/dev_weight
check "status follows netdev_budget to 16" grep -q '^netdev_budget 16 ' $RX/status
budget_begin
PKTGEN_BURST=64 pktgen_setup $N
pktgen_run 5120
budget_agree "budget 16"
# (A burst cut short by a full transmit ring shifts the rest: pktgen may
# send up to 63 more than asked.)
check "budget 16: eth1 received at least the $N frames" [ $(($(rx_packets eth1) - rx0)) -ge $N ]
b=$(col /tmp/b1/budget 0 budget_squeeze)
check "budget 16: cpu 0 budget_squeeze > 0 ($b)" [ "$b" -gt 0 ]
check "budget 16: cpu 0 low_budget_cycles ($(col /tmp/b1/budget 0 low_budget_cycles)) >= budget_squeeze" \
	[ "$(col /tmp/b1/budget 0 low_budget_cycles)" -ge "$b" ]
check "budget 16: cpu 0 budget_hist 100+ >= budget_squeeze" \
	[ "$(awk '$1 == 0 { print $NF }' /tmp/b1/budget_hist)" -ge "$b" ]
check_eq "budget 16: eth1's NAPI weight" "$(awk '$2 == "eth1" { print $7; exit }' /tmp/b1/napi)" 64
mw=$(awk '$2 == "eth1" { print $8; exit }' /tmp/b1/napi)
check "budget 16: eth1 max_work ($mw) within (0, 64]" [ "$mw" -gt 0 -a "$mw" -le 64 ]
check "budget 16: eth1 full_polls within [0, polls]" \
	[ "$(napi_sum eth1 full_polls /tmp/b1/napi)" -le "$(napi_sum eth1 polls /tmp/b1/napi)" ]
check_eq "budget 16: no poll ran outside net_rx_action" \
	"$(grep '^napi_polls_outside_net_rx_action ' $RX/status)" "napi_polls_outside_net_rx_action 0"
check_eq "budget 16: cycle_clock is off by default, max_cycle_usecs shows -" \
	"$(cat $RX/cycle_clock) $(col /tmp/b1/budget 0 max_cycle_usecs)" "off -"
check "status: the clock's probes are off, and say when they attach" \
	grep -q '^probe tracepoint:irq:softirq_exit off: attached while cycle_clock on$' $RX/status

# 1b. The same, a quarter of the frames, with cycle_clock on: each cycle
# is timed, and counted at its softirq_exit instead of at its CPU's next
# cycle.
check "cycle_clock switched on" sh -c "echo on > $RX/cycle_clock"
check_eq "cycle_clock reads on" "$(cat $RX/cycle_clock)" on
budget_begin
PKTGEN_BURST=64 pktgen_setup $((N / 4))
pktgen_run 5120
budget_agree "budget 16, cycle_clock on"
b=$(col /tmp/b1/budget 0 budget_squeeze)
check "budget 16, cycle_clock on: cpu 0 budget_squeeze > 0 ($b)" [ "$b" -gt 0 ]
check "budget 16, cycle_clock on: cpu 0 max_cycle_usecs is a number" \
	[ "$(col /tmp/b1/budget 0 max_cycle_usecs)" -ge 0 ]
fails=0
for bad in maybe 2 "" "on on" -1 "$(head -c 5000 /dev/zero | tr '\0' 1)"; do
	if printf '%s\n' "$bad" > $RX/cycle_clock 2>/dev/null; then
		fails=$((fails + 1)); echo "cycle_clock accepted '$bad'"
	fi
done
check_eq "cycle_clock refuses bad values: accepted" $fails 0
check "its pr_warn names the file" logged 'rxpath: cycle_clock: write on, off, 1 or 0'
check "cycle_clock switched off" sh -c "echo 0 > $RX/cycle_clock"
check_eq "cycle_clock reads off" "$(cat $RX/cycle_clock)" off

# (The time limit is scenario budget-time: it needs a slow guest clock.)

# 2. Threaded NAPI: eth1's polls leave net_rx_action. The NAPI table still
# counts every one, and outside_polls says they ran outside a cycle.
if echo 1 > /sys/class/net/eth1/threaded 2>/dev/null; then
	budget_begin
	pktgen_setup 5000
	pktgen_run 5000
	budget_agree "threaded"
	o=$(($(col /tmp/b1/budget 0 outside_polls) + $(col /tmp/b1/budget 1 outside_polls)))
	check "threaded: outside_polls > 0 ($o)" [ "$o" -gt 0 ]
	check "threaded: status names the polls outside net_rx_action" \
		grep -q '^napi_polls_outside_net_rx_action [1-9][0-9]* (threaded' $RX/status
	echo 0 > /sys/class/net/eth1/threaded
else
	skip "threaded NAPI: /sys/class/net/eth1/threaded refused"
fi

# 3. budget_warn_pct takes 0 to 100 only.
huge=$(head -c 5000 /dev/zero | tr '\0' 7)
fails=0
for bad in 101 -1 abc 1.5 "" " " 0x10 +5 "5%" "50 50" 1000 "$huge" 18446744073709551617; do
	if printf '%s\n' "$bad" > $RX/budget_warn_pct 2>/dev/null; then
		fails=$((fails + 1)); echo "budget_warn_pct accepted '$bad'"
	fi
done
check_eq "budget_warn_pct refuses bad values: accepted" $fails 0
check_eq "budget_warn_pct unchanged" "$(cat $RX/budget_warn_pct)" 50
check "refusal logged with a pr_warn line" logged 'rxpath: budget_warn_pct: write a whole percentage'
for good in 0 100 25; do
	echo $good > $RX/budget_warn_pct
	check_eq "budget_warn_pct takes $good" "$(cat $RX/budget_warn_pct)" $good
done
check "budget_warn_pct shows in status" grep -q '^budget_warn_pct 25$' $RX/status
for f in budget budget_hist napi budget_warn_pct cycle_clock; do
	for bs in 1 7 64; do
		check "$f read $bs bytes at a time equals one read" piecewise_read $RX/$f $bs
	done
done
check "rmmod" rmmod rxpath
if insmod $KO budget_warn_pct=101 2>/dev/null; then
	not_ok "insmod budget_warn_pct=101 refused"
	rmmod rxpath
else
	ok "insmod budget_warn_pct=101 refused"
fi
check "its pr_warn names the parameter" logged 'rxpath: budget_warn_pct: a whole percentage'
check "insmod budget_warn_pct=10" insmod $KO budget_warn_pct=10
check_eq "budget_warn_pct from the parameter" "$(cat $RX/budget_warn_pct)" 10

# 4. A device that goes away leaves the table; the rest stays. eth1 is
# removed from the PCI bus (its driver may be built in), then found again.
pktgen_setup 2000
pktgen_run
settle
check "eth1 in napi before it goes" grep -q ' eth1 ' $RX/napi
eth0_rows=$(grep -c ' eth0 ' $RX/napi)
pci=$(readlink -f /sys/class/net/eth1/device)
check "eth1 removed from the PCI bus under rxpath" sh -c "echo 1 > $pci/remove"
check_eq "no eth1 rows once it is gone" "$(grep -c ' eth1 ' $RX/napi)" 0
# (eth0 may appear meanwhile: e1000e's watchdog raises an interrupt every 2 s.)
check "eth0's rows stay ($eth0_rows before)" [ "$(grep -c ' eth0 ' $RX/napi)" -ge "$eth0_rows" ]
check "every file still reads" cat $RX/budget $RX/budget_hist $RX/napi $RX/status
echo 1 > /sys/bus/pci/rescan
i=0
while [ $(ls /sys/class/net | wc -l) -lt 3 ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
check "the device is found again" [ $(ls /sys/class/net | wc -l) -ge 3 ]
check "rmmod" rmmod rxpath
