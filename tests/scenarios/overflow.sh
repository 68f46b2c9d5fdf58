# SPDX-License-Identifier: GPL-2.0
# Scenario 3: netdev_max_backlog 8 and a flood steered to CPU 1. rxpath's
# backlog_drops equals the kernel's dropped delta for CPU 1 (also for the
# refusals of a reused skb, which fire no kfree_skb tracepoint), and the peak
# reaches the limit in force (the length is taken before the packet joins:
# the kernel refuses at netdev_max_backlog + 1). Then the flow limit: its
# drop count equals softnet_stat's column 11.

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

# Refusals of a packet still referenced elsewhere: pktgen's netif_receive
# with a burst hands the stack one skb again and again, holding a
# reference, so a refusal's kfree_skb only drops that reference and fires
# no tracepoint. The kernel still counts it, and so does backlog_drops.
echo 1 > $RX/reset
drop0=$(softnet_stat 1 2)
PKTGEN_BURST=8 pktgen_setup $N netif_receive
pktgen_run
settle
dd=$(($(softnet_stat 1 2) - drop0))
check "burst: cpu 1's backlog refused packets of the reused skb ($dd)" [ "$dd" -gt 0 ]
check_eq "burst: cpu 1 backlog_drops equals softnet_stat dropped delta" \
	"$(col $RX/softnet 1 backlog_drops)" "$dd"

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

# The flow limit (net.core.flow_limit_cpu_bitmap): once a backlog holds
# half of netdev_max_backlog, a flow with more than half of the last 128
# packets is refused. skb_flow_limit keeps its table and count on the CPU
# that enqueues (CPU 0, eth1's NAPI), the refusal in the target's dropped
# (CPU 1). pktgen sends one flow. The count is read where vmlinux's BTF
# puts it (status says which layout, and whether BTF verified it).
LIMIT=16
echo $LIMIT > /proc/sys/net/core/netdev_max_backlog
if [ -w /proc/sys/net/core/flow_limit_cpu_bitmap ]; then
	echo 3 > /proc/sys/net/core/flow_limit_cpu_bitmap
	echo 1 > $RX/backlog_hook
	drop0=$(softnet_stat 1 2)
	# Twice the flood: on the debug kernel only a few of a quarter's
	# frames found the queue half full.
	pktgen_setup $((2 * N))
	pktgen_run 5000
	settle
	cp $RX/softnet /tmp/rx
	cp /proc/net/softnet_stat /tmp/stat
	cat /tmp/rx /tmp/stat
	for cpu in 0 1; do
		check_eq "flow limit: cpu $cpu flow_limit equals softnet_stat column 11" \
			"$(col /tmp/rx $cpu flow_limit)" "$(softnet_stat $cpu 11 /tmp/stat)"
	done
	fl=$(col /tmp/rx 0 flow_limit)
	check "flow limit: cpu 0 refused packets of the flow ($fl)" [ "$fl" -gt 0 ]
	check_eq "flow limit: cpu 1 backlog_drops equals softnet_stat dropped delta" \
		"$(col /tmp/rx 1 backlog_drops)" $(($(softnet_stat 1 2 /tmp/stat) - drop0))
	layout=$(grep '^flow_limit_count ' $RX/status)
	show "$layout"
	check "flow limit: status names the layout, checked against vmlinux's BTF" \
		grep -qE "^flow_limit_count byte [0-9]+, [48] bytes: (compat.h's mirror, verified against|vmlinux's BTF \()" $RX/status
	echo 0 > /proc/sys/net/core/flow_limit_cpu_bitmap
else
	skip "flow limit: this kernel has no flow_limit_cpu_bitmap (CONFIG_NET_FLOW_LIMIT)"
fi
check "rmmod" rmmod rxpath
