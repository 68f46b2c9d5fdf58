# SPDX-License-Identifier: GPL-2.0
# Scenario: eth1's NIC (e1000e) unbound from its driver and bound again,
# and its link set down and up, under traffic, with a reader of
# /dev/rxpath open: 3 rounds (1 on the debug kernel; 30 in make soak,
# with 4 link flaps each). Unbound, eth1 has no row in napi or rings and
# every file reads; bound again, it has its rows
# back. Afterwards, from a reset, eth1's NAPI work is its rx_packets and
# the cycles and squeezes are the kernel's (budget_agree), its ring row
# counts e1000e's 256 descriptors; the reader exits 0; rxpath unloads.

# 5k frames/s; 1k on the debug kernel, where freeing the sender's
# frames under KASAN and kmemleak while e1000e's remove runs held a CPU
# in softirq for a minute at 5k (a soft lockup, in net_tx_action).
rounds=3 delay=200000 flaps=1
debug_kernel && rounds=1 delay=1000000
# make soak: 30 rounds, with 4 link flaps each (120).
[ -n "${rxpath_soak:-}" ] && rounds=30 flaps=4
N=$(frames 20000)
pci=$(basename "$(readlink /sys/class/net/eth1/device)")
drv=/sys/bus/pci/drivers/e1000e
check "eth1 is e1000e's ($pci)" [ -e $drv/$pci ]

check "insmod" insmod $KO
rxpath watch --json >/dev/null 2>/tmp/e1 &
w1=$!
check "a reader polls /dev/rxpath" wait_polling $w1
pktgen_setup 0 - $delay
pktgen_run &
pg=$!
sleep 1

fails=0 stale=0 back=0
round=0
while [ $round -lt $rounds ]; do
	round=$((round + 1))
	echo "$pci" >$drv/unbind || fails=$((fails + 1))
	[ -e /sys/class/net/eth1 ] && fails=$((fails + 1))
	cat $RX/* >/dev/null 2>/tmp/err || fails=$((fails + 1))
	[ -s /tmp/err ] && { fails=$((fails + 1)); cat /tmp/err; }
	awk '$2 == "eth1"' $RX/napi | grep -q . && stale=$((stale + 1))
	[ -n "$(ring_rows eth1)" ] && stale=$((stale + 1))
	echo "$pci" >$drv/bind || fails=$((fails + 1))
	j=0
	while [ ! -e /sys/class/net/eth1 ] && [ $j -lt 100 ]; do sleep 0.1; j=$((j + 1)); done
	up eth1
	flap=0
	while [ $flap -lt $flaps ]; do
		flap=$((flap + 1))
		ip link set eth1 down && up eth1 || fails=$((fails + 1))
	done
	sleep 1
	awk '$2 == "eth1"' $RX/napi | grep -q . || back=$((back + 1))
done
check_eq "$rounds rounds of unbind, bind, link down and up under traffic, every file read: failures" $fails 0
check_eq "unbound, eth1 had no napi or rings row: rounds otherwise" $stale 0
check_eq "bound again, eth1 polled and had its napi row back: rounds otherwise" $back 0
pktgen_stop
wait $pg
guest_net_up

budget_begin
pktgen_setup $N
pktgen_run 5000
budget_agree "after the churn"
check_eq "eth1's ring counts 256 descriptors" "$(ring_col eth1 0 count)" 256
kill -TERM $w1
wait $w1
check_eq "the reader exits 0 on SIGTERM" "$?" 0
cat /tmp/e1
check "rmmod" rmmod rxpath
