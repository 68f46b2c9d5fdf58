# SPDX-License-Identifier: GPL-2.0
# make demo: what rxpath shows before and after a backlog overflow.

show "=== Debian kernel $(uname -r), $(nproc) CPUs, e1000e eth0 -> QEMU hub -> e1000e eth1"
echo 200 > /proc/sys/net/core/netdev_max_backlog
rps 2
insmod $KO backlog_hook=1
show "=== insmod rxpath.ko backlog_hook=1 (count every packet offered to a backlog); netdev_max_backlog=200; RPS steers eth1 to CPU 1"
show ""
for f in $RX/*; do
	show "\$ cat $f"
	show "$(cat $f)"
done
show ""
show "=== pktgen: 100000 60-byte frames out of eth0 into eth1, while rxpath watch reads /dev/rxpath"
rxpath watch --types backlog,backlog_drop --backlog 150 >/tmp/watch.txt 2>/tmp/watch.err &
wpid=$!
sleep 0.5
pktgen_setup 100000
pktgen_run
settle
kill -TERM $wpid
wait $wpid
show "$(grep -E 'pps|Result' /proc/net/pktgen/eth0 | sed 's/^ */    /')"
show ""
show "\$ rxpath watch --types backlog,backlog_drop --backlog 150"
if [ "$(wc -l </tmp/watch.txt)" -le 10 ]; then
	show "$(cat /tmp/watch.txt)"
else
	show "$(head -n 8 /tmp/watch.txt)"
	show "..."
	show "$(tail -n 2 /tmp/watch.txt)"
fi
show "$(cat /tmp/watch.err)"
show ""
for f in softnet backlog_hist budget budget_hist napi rings; do
	show "\$ cat $RX/$f"
	show "$(cat $RX/$f)"
done
show ""
show "\$ cat /proc/net/softnet_stat   (the kernel's own counters, hex)"
show "$(cat /proc/net/softnet_stat)"
show "\$ cat /sys/class/net/eth1/statistics/rx_packets"
show "$(rx_packets eth1)"
show ""
show "Read it: CPU 1 was offered backlog_enqueues packets and refused backlog_drops"
show "of them (the kernel's 'dropped' agrees); backlog_max is the longest input queue"
show "seen, against netdev_max_backlog; backlog_hist shows how full the queue was"
show "when packets arrived. Raise net.core.netdev_max_backlog or spread RPS wider."
show "budget: each CPU's net_rx_action cycles, how they ended (drained, or squeezed"
show "by the packet budget or by time: the two add up to the kernel's time_squeeze),"
show "and budget_hist how much of netdev_budget they used; napi: the work of each"
show "NAPI instance (eth1's equals its rx_packets; CPU 1's backlog did the rest);"
show "rings: eth1's RX ring, its fill and how often a poll found it full."
show "rxpath watch printed the events as they came: 'cpu 1 backlog 201/200 xN' is N"
show "packets that met CPU 1's backlog above 150, the longest 201; 'backlog drop N'"
show "is N refused (events that come faster than the reader reads add up in one"
show "record). rxpath doctor names the stage where packets are lost, and the knob."
show ""
show "=== rxpath doctor -i 3, during a flood without end"
pktgen_setup 0
pktgen_run &
pg=$!
sleep 1
show "$(rxpath doctor -i 3 2>&1)"
pktgen_stop
wait $pg
settle
rmmod rxpath
ok "demo ran"
