# SPDX-License-Identifier: GPL-2.0
# vm-nics: igb virtio-net-pci
# vm-tap: 5000 1000
# Scenario: what NIC drivers do to their rings, under a flood into the
# NIC, with a reader of /dev/rxpath open throughout. igb (eth2 to eth3):
# RX ring resizes (ethtool -G) and queue-count changes (ethtool -L), which
# free and remake its rings, vectors and NAPIs. virtio_net (eth4 to eth5):
# ring resizes where the device can reset a queue, and XDP attached and
# detached in driver mode (virtnet_xdp_set stops every queue's NAPI and
# restarts it); queue-count changes on a third virtio-net NIC, of two
# queue pairs, that the host floods through a tap ("# vm-tap:"). After
# each round every file reads, and the ring table follows ethtool -g. Then rmmod of e1000e, igb and virtio_net while their
# rings are being polled and the reader is open: their rows go, the
# module goes, it loads again and its rows come back. Afterwards, from a
# reset, the counts agree with the kernel's; the reader exits 0; rxpath
# unloads. 2 rounds of each (1 on the debug kernel) and 1 rmmod of each
# driver (30 and 20 in make soak).

rounds=2 rmrounds=1
debug_kernel && rounds=1
[ -n "${rxpath_soak:-}" ] && rounds=30 rmrounds=20
# Floods as fast as pktgen sends, 64 frames a doorbell (one for
# virtio_net: 7.2's stalls a TX queue under bursts, see rings-nics); 1k
# frames/s one at a time on the debug kernel, where a sender at full speed
# under KASAN holds a CPU in softirq through a driver's remove (nic-churn).
burst=64 vburst=1 delay=0
debug_kernel && burst=1 delay=1000000

# follows DEV: waits up to 5 s for every ring row of DEV to count ethtool
# -g's current RX size (a row shows the ring as its latest poll found it).
follows() {
	want=$(ethtool_rx $1) j=0
	while [ $j -lt 50 ]; do
		rows=$(ring_rows $1)
		[ -n "$rows" ] && [ -z "$(echo "$rows" | awk -v s="$want" '$4 != s')" ] && return 0
		sleep 0.1; j=$((j + 1))
	done
	diag "$1's rows after 5 s, ethtool -g $want:"
	ring_rows $1 | while read -r l; do diag "  $l"; done
	return 1
}
# reads: every file of rxpath reads, with nothing on stderr.
reads() { cat $RX/* >/dev/null 2>/tmp/err && [ ! -s /tmp/err ]; }
# change DEV OPTION VALUE: ethtool OPTION DEV VALUE..., then every file
# reads, DEV is up again and its rows follow; failures counted in fails,
# rows that did not follow in lag.
change() {
	dev=$1 opt=$2
	shift 2
	ethtool $opt $dev "$@" || fails=$((fails + 1))
	reads || fails=$((fails + 1))
	up $dev
	follows $dev || lag=$((lag + 1))
}

insmod_rings "driver churn" || return 0
extra_insmod
check "igb resolved" ring_resolved igb
check "virtio_net resolved" ring_resolved virtio_net
set -- $(ifs_of igb)
IS=$1 ID=$2
set -- $(ifs_of virtio_net)
VS=$1 VD=$2
check_eq "igb and virtio_net pairs" "$IS $ID $VS $VD" "eth2 eth3 eth4 eth5"
up $IS $ID $VS $VD
rxpath watch --json >/dev/null 2>/tmp/w.err &
w=$!
check "a reader polls /dev/rxpath" wait_polling $w

# 1. igb: resizes and queue-count changes under a flood of 64 flows, which
# RSS spreads over both queues, so that each ring is polled (pktgen's
# start returns when it stops).
FLOWS=64 flood_pair $IS $ID 0 $burst $delay &
pg=$!
fails=0 lag=0
round=0
while [ $round -lt $rounds ]; do
	round=$((round + 1))
	for s in 80 4096 512; do change $ID -G rx $s; done
	for c in 1 2; do change $ID -L combined $c; done
done
pktgen_stop
wait $pg
check_eq "igb: $rounds rounds of 3 resizes and 2 queue-count changes under a flood, every file read: failures" $fails 0
check_eq "igb: after each, every ring row of $ID counted ethtool -g's size within 5 s: otherwise" $lag 0
check_eq "igb: $ID has 2 ring rows" "$(ring_rows $ID | wc -l)" 2

# 2. virtio_net: resizes, if the device resets queues; XDP.
flood_pair $VS $VD 0 $vburst $delay &
pg=$!
if ethtool -G $VD rx 128 2>/tmp/err; then
	fails=0 lag=0
	round=0
	while [ $round -lt $rounds ]; do
		round=$((round + 1))
		for s in 64 256 128; do change $VD -G rx $s; done
	done
	ethtool -G $VD rx 256 || fails=$((fails + 1))
	check_eq "virtio_net: $rounds rounds of 3 resizes under a flood, every file read: failures" $fails 0
	check_eq "virtio_net: after each, the ring row of $VD counted ethtool -g's size within 5 s: otherwise" $lag 0
else
	skip "virtio_net ring resize: ethtool -G $VD refused it: $(cat /tmp/err)"
fi
# Queue-count changes, on the NIC with two queue pairs that the host
# floods through its tap ("# vm-tap:").
TAP=
for d in /sys/class/net/*; do
	[ "$(cat $d/address)" = 52:54:00:72:78:70 ] && TAP=${d##*/}
done
if [ -z "$TAP" ]; then
	skip "virtio_net queue-count changes: no NIC on a tap (the host needs root and /dev/net/tun)"
else
	up $TAP
	check_eq "virtio_net: $TAP has 2 queue pairs" "$(ethtool -l $TAP | awk '/^Combined:/ { print $2; exit }')" 2
	fails=0 lag=0
	round=0
	while [ $round -lt $rounds ]; do
		round=$((round + 1))
		for c in 1 2; do
			rx=$(rx_packets $TAP)
			change $TAP -L combined $c
			sleep 0.3
			[ "$(rx_packets $TAP)" -gt "$rx" ] || lag=$((lag + 1))
		done
	done
	check_eq "virtio_net: $rounds rounds of 2 queue-count changes under the host's flood, every file read: failures" $fails 0
	check_eq "virtio_net: after each, $TAP kept receiving and its rows counted ethtool -g's size: otherwise" $lag 0
	check_eq "virtio_net: $TAP's two RX queues have ring rows" "$(ring_rows $TAP | wc -l)" 2
	# Down, it takes nothing of the host's flood: the counts below can
	# be taken at rest.
	ip link set $TAP down
fi
fails=0 lost=0
round=0
while [ $round -lt $rounds ]; do
	round=$((round + 1))
	rxpath-devtest xdp $VD on || fails=$((fails + 1))
	reads || fails=$((fails + 1))
	rx=$(rx_packets $VD)
	sleep 0.5
	[ "$(rx_packets $VD)" -gt "$rx" ] || lost=$((lost + 1))
	rxpath-devtest xdp $VD off || fails=$((fails + 1))
	reads || fails=$((fails + 1))
	follows $VD || lost=$((lost + 1))
done
pktgen_stop
wait $pg
check_eq "virtio_net: $rounds XDP attaches and detaches under a flood, every file read: failures" $fails 0
check_eq "virtio_net: with XDP attached $VD received, and after it its row followed: otherwise" $lost 0

# 3. rmmod of each driver while its rings are polled and the reader is
# open; loaded again.
module() { grep "/$1\.ko\$" /lib/modules/load.order /lib/modules/extra.order | head -n 1 | cut -d: -f2; }
for drv in e1000e igb virtio_net; do
	ko=$(module $drv)
	if [ -z "$ko" ]; then
		skip "rmmod $drv: built in here"
		continue
	fi
	fails=0 stale=0 back=0
	round=0
	while [ $round -lt $rmrounds ]; do
		round=$((round + 1))
		set -- $(ifs_of $drv)
		src=$1 dst=$2
		if [ $drv = e1000e ]; then
			pktgen_setup 0 - 20000
			pktgen_run &
		else
			flood_pair $src $dst 0 $([ $drv = virtio_net ] && echo $vburst || echo $burst) $delay &
		fi
		pg=$!
		sleep 1
		[ -n "$(ring_rows $dst)" ] || fails=$((fails + 1))
		rmmod $drv || fails=$((fails + 1))
		grep -q "^ring_driver $drv not loaded$" $RX/status || stale=$((stale + 1))
		[ "$(awk -v d=$drv '$2 == d' $RX/rings | wc -l)" = 0 ] || stale=$((stale + 1))
		reads || fails=$((fails + 1))
		# The sender went with its driver: pktgen has stopped.
		wait $pg
		pktgen_clear
		insmod /lib/modules/$ko || fails=$((fails + 1))
		ring_resolved $drv || fails=$((fails + 1))
		j=0
		while [ -z "$(ifs_of $drv)" ] && [ $j -lt 50 ]; do sleep 0.1; j=$((j + 1)); done
		set -- $(ifs_of $drv)
		if [ $drv = e1000e ]; then
			guest_net_up >/dev/null
		else
			up $1 $2
		fi
		flood_pair $1 $2 256 1
		settle $2
		[ -n "$(ring_rows $2)" ] || back=$((back + 1))
	done
	check_eq "rmmod $drv under a flood with the reader open, $rmrounds times, loaded again, every file read: failures" $fails 0
	check_eq "rmmod $drv: its rows left the table, status said not loaded: otherwise" $stale 0
	check_eq "rmmod $drv: loaded again, its rows came back: otherwise" $back 0
done
check_eq "the reader is still open" "$(readers)" 1

pktgen_clear
budget_begin
pktgen_setup $(frames 20000)
pktgen_run 5000
budget_agree "after the driver churn"
kill -TERM $w
wait $w
check_eq "the reader exits 0 on SIGTERM" "$?" 0
cat /tmp/w.err
check "rmmod" rmmod rxpath
