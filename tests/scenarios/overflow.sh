# SPDX-License-Identifier: GPL-2.0
# Scenario 3: netdev_max_backlog 8 and a flood steered to CPU 1. rxpath's
# backlog_drops equals the kernel's dropped delta for CPU 1, and the peak
# reaches the limit in force (the length is taken before the packet joins:
# the kernel refuses at netdev_max_backlog + 1).

N=$(frames 20000)
LIMIT=8
echo $LIMIT > /proc/sys/net/core/netdev_max_backlog
rps 2
check "insmod backlog_hook=1" insmod $KO backlog_hook=1
grep -q "^sysctl net.core.netdev_max_backlog $LIMIT$" $RX/status &&
	ok "status shows netdev_max_backlog $LIMIT" ||
	not_ok "status shows netdev_max_backlog $LIMIT"
rx0=$(rx_packets eth1)
drop0=$(softnet_stat 1 2)
proc0=$(softnet_stat 1 1)

pktgen_setup $N
pktgen_run 5000
settle
cat $RX/softnet $RX/backlog_hist

drops=$(col $RX/softnet 1 backlog_drops)
enq=$(col $RX/softnet 1 backlog_enqueues)
max=$(col $RX/softnet 1 backlog_max)
check "cpu 1 backlog_drops > 0 ($drops)" [ "$drops" -gt 0 ]
check_eq "cpu 1 backlog_drops equals softnet_stat dropped delta" "$drops" $(($(softnet_stat 1 2) - drop0))
check_eq "cpu 1 dropped column equals softnet_stat" "$(col $RX/softnet 1 dropped)" "$(softnet_stat 1 2)"
check_eq "cpu 1 backlog_enqueues (offered) equals eth1 rx_packets delta" "$enq" $(($(rx_packets eth1) - rx0))
check_eq "cpu 1 offered - refused equals processed delta" $((enq - drops)) $(($(softnet_stat 1 1) - proc0))
check "cpu 1 backlog_max ($max) reaches the limit: $LIMIT + 1 with drops by length" [ "$max" -eq $((LIMIT + 1)) ]
over=$(awk -v lim=$LIMIT '
	NR == 1 { for (i = 2; i <= NF; i++) { split($i, r, "-"); lo[i] = r[1] }; next }
	$1 == 1 { for (i = 2; i <= NF; i++) if (lo[i] > lim + 1 && $i > 0) n += $i; print n + 0 }' $RX/backlog_hist)
check_eq "cpu 1 backlog_hist has nothing above the limit + 1" "$over" 0
check_eq "every refusal was attributed to its CPU" "$(grep '^backlog_drops_unattributed ' $RX/status)" "backlog_drops_unattributed 0"

# Hook off: the peak is sampled at the backlog poll, a lower bound.
echo 0 > $RX/backlog_hook
echo 1 > $RX/reset
pktgen_setup $N
pktgen_run 5000
settle
cat $RX/softnet
max=$(col $RX/softnet 1 backlog_max)
check_eq "hook off: backlog_enqueues shows -" "$(col $RX/softnet 1 backlog_enqueues)" -
check "hook off: sampled backlog_max ($max) within (0, $LIMIT + 1]" [ "$max" -gt 0 -a "$max" -le $((LIMIT + 1)) ]
check "rmmod" rmmod rxpath
