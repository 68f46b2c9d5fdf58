# SPDX-License-Identifier: GPL-2.0
# vm-nics: vmxnet3
# make demo: two losses staged and found. A vmxnet3 RX ring too small for
# a flood (QEMU's vmxnet3 drops a frame when the guest's ring has no
# descriptor for it), and CPU 1's backlog too short for what RPS steers to
# it. For each: the flood, what rxpath watch read from /dev/rxpath as it
# happened, the tables, and rxpath doctor naming the stage and the knob.

# doctor_during CMD...: rxpath doctor -i 3 while CMD floods, CMD stopped after.
doctor_during() {
	"$@" &
	pg=$!
	sleep 1
	rxpath doctor -i 3 >/tmp/doctor.txt 2>&1
	pktgen_stop
	wait $pg
	show "$(cat /tmp/doctor.txt)"
}
# show_head FILE: FILE, or its first 8 and last 2 lines.
show_head() {
	if [ "$(wc -l <"$1")" -le 10 ]; then
		show "$(cat "$1")"
	else
		show "$(head -n 8 "$1")"
		show "..."
		show "$(tail -n 2 "$1")"
	fi
}
verdict() { sed -n 's/^verdict: \([a-z_]*\).*/\1/p' /tmp/doctor.txt; }

insmod $KO backlog_hook=1
vmxnet3_up
i=0
while [ $i -lt 50 ] && ! grep -q '^ring_driver vmxnet3 resolved: ' $RX/status; do
	sleep 0.2; i=$((i + 1))
done
show "=== Debian kernel $(uname -r), $(nproc) CPUs; e1000e eth0 -> QEMU hub -> e1000e eth1, vmxnet3 $VSRC -> hub -> vmxnet3 $VDST"
show "=== insmod rxpath.ko backlog_hook=1 (count every packet offered to a backlog)"
show ""
for f in $RX/*; do
	show "\$ cat $f"
	show "$(cat $f)"
done

show ""
show "=== 1. A full RX ring: ethtool -G $VDST rx 32, then 200000 60-byte frames from $VSRC into it"
ethtool -G $VDST rx 32
up $VDST
flood_pair $VSRC $VDST 100 1
settle $VDST
sleep 2.5
oob0=$(rx_queue_stat $VDST "pkts rx OOB") mwf0=$(ring_col $VDST 0 missed_while_full)
rxpath watch --types ring_full >/tmp/watch.txt 2>/tmp/watch.err &
wpid=$!
sleep 0.5
flood_pair $VSRC $VDST 200000 32
settle $VDST
sleep 2.5
show "\$ cat $RX/rings"
show "$(cat $RX/rings)"
kill -TERM $wpid
wait $wpid
show ""
show "\$ rxpath watch --types ring_full"
show_head /tmp/watch.txt
show "$(cat /tmp/watch.err)"
oob=$(($(rx_queue_stat $VDST "pkts rx OOB") - oob0))
mwf=$(($(ring_col $VDST 0 missed_while_full) - mwf0))
show "\$ ethtool -S $VDST | grep 'pkts rx OOB'   (the NIC's own count: +$oob in this flood)"
show "$(ethtool -S $VDST | grep 'pkts rx OOB')"
show ""
show "=== rxpath doctor -i 3, during a flood without end into $VDST"
doctor_during flood_pair $VSRC $VDST 0 32
settle $VDST
check "the NIC dropped frames for a full ring ($oob), and rxpath attributed all of them to it" \
	[ "$oob" -gt 0 -a "$mwf" -eq "$oob" ]
check_eq "the doctor names the ring" "$(verdict)" ring

show ""
show "=== 2. A short backlog: netdev_max_backlog=8, RPS steers eth1 to CPU 1, 100000 frames from eth0"
echo 8 > /proc/sys/net/core/netdev_max_backlog
rps 2
drop0=$(softnet_stat 1 2)
rxpath watch --types backlog,backlog_drop --backlog 4 >/tmp/watch.txt 2>/tmp/watch.err &
wpid=$!
sleep 0.5
pktgen_setup 100000
pktgen_run
settle
kill -TERM $wpid
wait $wpid
show "$(grep -E 'pps|Result' /proc/net/pktgen/eth0 | sed 's/^ */    /')"
show ""
show "\$ rxpath watch --types backlog,backlog_drop --backlog 4"
show_head /tmp/watch.txt
show "$(cat /tmp/watch.err)"
show ""
for f in softnet backlog_hist budget budget_hist napi; do
	show "\$ cat $RX/$f"
	show "$(cat $RX/$f)"
done
show ""
show "\$ cat /proc/net/softnet_stat   (the kernel's own counters, hex)"
show "$(cat /proc/net/softnet_stat)"
show "\$ cat /sys/class/net/eth1/statistics/rx_packets"
show "$(rx_packets eth1)"
show ""
show "=== rxpath doctor -i 3, during a flood without end into eth1"
pktgen_setup 0
doctor_during pktgen_run
settle
dropped=$(($(softnet_stat 1 2) - drop0))
check "CPU 1's backlog refused frames ($dropped)" [ "$dropped" -gt 0 ]
check_eq "the doctor names the backlog" "$(verdict)" backlog

show ""
show "Read it. 1: $VDST's ring (queue 0, 32 descriptors: QEMU's vmxnet3 puts every"
show "frame on queue 0) was found full at full_ring_events polls, and the NIC dropped"
show "what it had no descriptor for: missed_while_full is the NIC's own count of"
show "those drops (ethtool -S 'pkts rx OOB'), taken in the seconds the ring was seen"
show "full, and each 'rx_ring ... full' line of rxpath watch says what it added."
show "The doctor names the ring and the knob: a bigger ring (ethtool -G)."
show "2: CPU 1 was offered backlog_enqueues packets and refused backlog_drops of"
show "them (the kernel's 'dropped' agrees); backlog_max is the longest input queue"
show "seen, against netdev_max_backlog; backlog_hist shows how full the queue was"
show "when packets arrived. rxpath watch printed the events as they came: 'cpu 1"
show "backlog 9/8 xN' is N packets that met CPU 1's backlog above 4, the longest 9;"
show "'backlog drop N' is N refused (events that come faster than the reader reads"
show "add up in one record). budget: each CPU's net_rx_action cycles, how they ended"
show "(drained, or squeezed by the packet budget or by time: the two add up to the"
show "kernel's time_squeeze), and budget_hist how much of netdev_budget they used;"
show "napi: the work of each NAPI instance (eth1's equals its rx_packets; CPU 1's"
show "backlog did the rest). The doctor names the backlog: raise"
show "net.core.netdev_max_backlog, or spread RPS wider."
pktgen_clear
rmmod rxpath
ok "demo ran"
