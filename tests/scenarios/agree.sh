# SPDX-License-Identifier: GPL-2.0
# Scenario 2: after an exact number of packets steered by RPS from CPU 0 to
# CPU 1, rxpath's softnet rows equal /proc/net/softnet_stat read at the same
# moment, and backlog_enqueues accounts for every steered packet.

N=$(frames 20000)
rps 2
check "insmod backlog_hook=1" insmod $KO backlog_hook=1
rx0=$(rx_packets eth1)
enq0=$(col $RX/softnet 1 backlog_enqueues)
proc0=$(softnet_stat 1 1)

pktgen_setup $N
pktgen_run 5000
settle

check_eq "eth1 rx_packets delta" $(($(rx_packets eth1) - rx0)) $N
check_eq "cpu 1 backlog_enqueues delta" $(($(col $RX/softnet 1 backlog_enqueues) - enq0)) $N
check_eq "cpu 1 backlog_drops" "$(col $RX/softnet 1 backlog_drops)" 0
check_eq "cpu 1 processed delta (softnet_stat)" $(($(softnet_stat 1 1) - proc0)) $N

cp $RX/softnet /tmp/rx
cp /proc/net/softnet_stat /tmp/stat
cat /tmp/rx /tmp/stat
for cpu in 0 1; do
	for pair in processed:1 dropped:2 time_squeeze:3 received_rps:10 flow_limit:11; do
		name=${pair%:*}
		v=$(awk -v id="$(printf '%08x' $cpu)" -v f="${pair#*:}" '$13 == id { print $f }' /tmp/stat)
		check_eq "cpu $cpu $name equals softnet_stat" "$(col /tmp/rx $cpu $name)" "$(printf '%d' 0x$v)"
	done
	v=$(awk -v id="$(printf '%08x' $cpu)" '$13 == id { print $12 }' /tmp/stat)
	check_eq "cpu $cpu input_qlen + process_qlen equals softnet_stat backlog length" \
		$(($(col /tmp/rx $cpu input_qlen) + $(col /tmp/rx $cpu process_qlen))) "$(printf '%d' 0x$v)"
done
check "cpu 1 received RPS IPIs" [ "$(col /tmp/rx 1 received_rps)" -gt 0 ]
# CPU 1's backlog row in the NAPI table: every steered packet, and the
# weight process_backlog gives it, dev_weight x dev_weight_rx_bias.
check_eq "cpu 1 backlog row: work equals the steered packets" \
	"$(awk '$2 == "backlog" && $3 == 1 { print $5 }' $RX/napi)" $N
check_eq "cpu 1 backlog row: weight is dev_weight x dev_weight_rx_bias" \
	"$(awk '$2 == "backlog" && $3 == 1 { print $7 }' $RX/napi)" \
	$(($(cat /proc/sys/net/core/dev_weight) * $(cat /proc/sys/net/core/dev_weight_rx_bias)))

hist=$(awk '$1 == 1 { s = 0; for (i = 2; i <= NF; i++) s += $i; print s }' $RX/backlog_hist)
check_eq "cpu 1 backlog_hist sums to backlog_enqueues" "$hist" "$(col $RX/softnet 1 backlog_enqueues)"
# 7.x calls tracepoint probes preemptible, under SRCU (compat.h), and
# refuses a module whose BTF does not match its own.
if [ "$(uname -r | cut -d. -f1)" -ge 7 ]; then
	check "the kernel took rxpath's BTF (/sys/kernel/btf/rxpath; 7.x refuses a mismatch)" \
		[ -f /sys/kernel/btf/rxpath ]
	check "status: tracepoint probes are preemptible here, rxpath's disable preemption" \
		grep -q '^tracepoint_probes preemptible (the kernel calls them under SRCU)' $RX/status
else
	check "status: tracepoint probes run with preemption off here" \
		grep -qx 'tracepoint_probes preemption off (the kernel disables it around them)' $RX/status
fi
check "rmmod" rmmod rxpath
