# SPDX-License-Identifier: GPL-2.0
# make bench (not a test): what rxpath's hooks cost in the CPU-bound receive
# benchmark. pktgen injects into eth1's receive path (xmit_mode
# netif_receive) on CPU 0, and RPS steers every packet to CPU 0's own
# backlog, so every packet runs enqueue_to_backlog and the whole pipeline
# runs on one CPU: packets/s is that CPU's cost per packet. Modes are
# interleaved round by round so that drift hits them alike; the median of
# each is reported.

ROUNDS=5
COUNT=100000
rps 1

pps() {
	pktgen_setup $COUNT netif_receive
	pktgen_run
	sed -n 's/^ *\([0-9]*\)pps.*/\1/p' /proc/net/pktgen/eth1
}

# reader: `rxpath watch` with its defaults attached to /dev/rxpath (backlog
# records above 500, cycles with less than 10% of the budget left: none
# here), so the producers run their reader loop and filters. reader-all:
# a record for every packet's backlog (coalesced) and every NET_RX cycle,
# the most the stream can be asked for; the reader shares the one CPU.
wpid=
reader_stop() {
	[ -n "$wpid" ] || return 0
	kill $wpid; wait $wpid; wpid=
}
reader_start() {
	rxpath watch "$@" >/dev/null 2>&1 &
	wpid=$!
	i=0
	while ! grep -q '^dev .* readers 1 ' $RX/status && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
}
mode() {
	reader_stop
	case $1 in
	none) lsmod | grep -q '^rxpath ' && rmmod rxpath ;;
	off) lsmod | grep -q '^rxpath ' || insmod $KO; echo off > $RX/backlog_hook ;;
	on) lsmod | grep -q '^rxpath ' || insmod $KO; echo on > $RX/backlog_hook ;;
	reader) mode on; reader_start ;;
	reader-all) mode on; reader_start --types backlog,backlog_drop,cycle --backlog 0 --budget-left 100 ;;
	esac
	:
}

median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
pct() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%+.1f", (a - b) * 100 / b }'; }

: > /tmp/none; : > /tmp/off; : > /tmp/on; : > /tmp/reader; : > /tmp/reader-all
: > /tmp/off.r; : > /tmp/on.r; : > /tmp/reader.r; : > /tmp/reader-all.r
r=0
while [ $r -lt $ROUNDS ]; do
	r=$((r + 1))
	for m in none off on reader reader-all; do
		mode $m
		pps > /tmp/$m.last
		cat /tmp/$m.last >> /tmp/$m
	done
	n=$(cat /tmp/none.last)
	for m in off on reader reader-all; do
		pct $(cat /tmp/$m.last) $n >> /tmp/$m.r; echo >> /tmp/$m.r
	done
	show "round $r: none $n  off $(cat /tmp/off.last)  on $(cat /tmp/on.last)  reader $(cat /tmp/reader.last)  reader-all $(cat /tmp/reader-all.last)  packets/s"
done
mode on
missed=$(sed -n 's/.*enqueue_to_backlog.* missed \([0-9]*\)$/\1/p' $RX/status)
mode none

show ""
show "CPU-bound receive: pktgen netif_receive on eth1, RPS to its own CPU, $COUNT packets x $ROUNDS interleaved rounds."
show "Median packets/s, and the median of each round's change against 'not loaded' in the same round:"
show "  rxpath not loaded          $(median < /tmp/none)"
show "  loaded, backlog_hook off   $(median < /tmp/off)  ($(median < /tmp/off.r)%)"
show "  loaded, backlog_hook on    $(median < /tmp/on)  ($(median < /tmp/on.r)%)"
show "  on, a reader of /dev/rxpath with watch's defaults    $(median < /tmp/reader)  ($(median < /tmp/reader.r)%)"
show "  on, a reader of every backlog packet and cycle       $(median < /tmp/reader-all)  ($(median < /tmp/reader-all.r)%)"
show "  kprobe missed: $missed"

# 2. A NIC flood: eth0 sends to eth1 (e1000e) through the QEMU hub, 64
# frames per doorbell, no RPS; the receiver holds the sender back, so
# eth0's packets/s is the path's rate, sending and receiving on the one
# CPU. Loaded, rxpath's per-poll hooks run with the ring reads of e1000e's
# RX ring (binary search for pending after full polls included): the cost
# as a NIC's traffic sees it, one poll per up to 64 frames.
rps 0
nic_pps() {
	PKTGEN_BURST=64 pktgen_setup $COUNT
	pktgen_run
	sed -n 's/^ *\([0-9]*\)pps.*/\1/p' /proc/net/pktgen/eth0
}
: > /tmp/nnone; : > /tmp/noff; : > /tmp/noff.r
r=0
while [ $r -lt $ROUNDS ]; do
	r=$((r + 1))
	mode none; nic_pps > /tmp/nnone.last
	mode off; nic_pps > /tmp/noff.last
	n=$(cat /tmp/nnone.last); f=$(cat /tmp/noff.last)
	echo $n >> /tmp/nnone; echo $f >> /tmp/noff
	pct $f $n >> /tmp/noff.r; echo >> /tmp/noff.r
	show "nic round $r: none $n  loaded $f  packets/s"
done
polls=$(awk '$1 == "eth1" { print $11; exit }' $RX/rings)
full=$(awk '$1 == "eth1" { print $12; exit }' $RX/rings)
mode none
show ""
show "NIC flood: pktgen eth0 -> eth1 (e1000e), bursts of 64, $COUNT packets x $ROUNDS interleaved rounds."
show "  rxpath not loaded                  $(median < /tmp/nnone)"
show "  loaded (backlog_hook off, rings)   $(median < /tmp/noff)  ($(median < /tmp/noff.r)%)"
show "  eth1 ring polls in the last round: $polls, of which full: $full"
ok "bench ran"
