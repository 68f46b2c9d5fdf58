# SPDX-License-Identifier: GPL-2.0
# Scenario: rxpath doctor names the stage in three staged faults, each
# under a flood it samples for 3 s: eth1's RX ring at e1000e's minimum
# (ring), netdev_budget 16 (budget), netdev_max_backlog 8 with RPS to
# CPU 1 (backlog). QEMU's NICs hold frames back rather than drop them, so
# the first two lose nothing: the doctor names the stage at its limit.
# Each knob comes with its form that survives a reboot (a udev rule, a
# sysctl.d line). Then its findings on the settings around the stages:
# interrupt coalescing that holds a full ring's interrupt (rx-usecs 1000 on
# eth1), both of an igb's RX vectors on one CPU, the igb on one queue of
# two, a CPU saturated by its interrupts with RPS off, threaded NAPI. Then
# rxpath top through a backlog overflow.
# vm-nics: igb
# vm-not-debug: the debug kernel under TCG squeezes every NET_RX cycle by time (each takes over 8 ms with KASAN) and keeps every ring full, so every stage is at its limit at once and there is no single stage to name

# doctor_under_flood OUT: rxpath doctor -i 3 during a flood, into OUT.
# In bursts of 64 frames, which reach eth1 together even when the
# sender's CPU is as slow as the receiver's (the debug kernel).
doctor_under_flood() {
	PKTGEN_BURST=64 pktgen_setup 0
	pktgen_run &
	pg=$!
	sleep 1
	rxpath doctor -i 3 >"$1" 2>&1
	pktgen_stop
	wait $pg
	settle
	cat "$1"
}
verdict() { sed -n 's/^verdict: \([a-z_]*\).*/\1/p' "$1"; }

check "insmod" insmod $KO
check "rxpath doctor -i 1 at rest exits 0" sh -c 'rxpath doctor -i 1 >/tmp/d0 2>&1'
cat /tmp/d0
check_eq "at rest: no verdict" "$(verdict /tmp/d0)" none

# 1. A tiny ring (a skip where the ring table cannot resolve e1000e).
ringwhy=$(ring_btf_missing e1000e)
if [ -n "$ringwhy" ]; then
	skip "ring stage: $ringwhy"
else
	check "ethtool -G eth1 rx 80" ethtool -G eth1 rx 80
	check "ethtool -C eth1 rx-usecs 1000" ethtool -C eth1 rx-usecs 1000
	sleep 2
	doctor_under_flood /tmp/d1
	check_eq "ring at 80: the doctor names the ring" "$(verdict /tmp/d1)" ring
	check "and says to grow it: ethtool -G eth1 rx 160" grep -q '^knob: ethtool -G eth1 rx 160 (now 80, at most 4096)' /tmp/d1
	check "and how to keep it: a udev rule" grep -qF 'persist: echo '"'"'ACTION=="add", SUBSYSTEM=="net", KERNEL=="eth1", RUN+="/usr/sbin/ethtool -G eth1 rx 160"'"'"' >>/etc/udev/rules.d/60-rxpath.rules' /tmp/d1
	check "finding: coalescing holds eth1's interrupt 1000 us while its ring was full" \
		grep -q '^finding: coalescing: eth1 holds each RX interrupt up to 1000 us' /tmp/d1
	check "  now: ethtool -C eth1 rx-usecs 500" grep -q '^  now: ethtool -C eth1 rx-usecs 500 ' /tmp/d1
	check "ethtool -G eth1 rx 256" ethtool -G eth1 rx 256
	check "ethtool -C eth1 rx-usecs 3 (the default, dynamic)" ethtool -C eth1 rx-usecs 3
	sleep 2
fi

# 2. A tiny budget.
echo 16 > /proc/sys/net/core/netdev_budget
doctor_under_flood /tmp/d2
check_eq "netdev_budget 16: the doctor names the budget" "$(verdict /tmp/d2)" budget
check "and says which value to try" grep -q '^knob: sysctl -w net.core.netdev_budget=300 (now 16)' /tmp/d2
check "and its sysctl.d line" grep -qF "persist: echo 'net.core.netdev_budget = 300' >>/etc/sysctl.d/60-rxpath.conf" /tmp/d2
echo 300 > /proc/sys/net/core/netdev_budget

# 3. A tiny backlog, with RPS.
echo 8 > /proc/sys/net/core/netdev_max_backlog
rps 2
doctor_under_flood /tmp/d3
check_eq "netdev_max_backlog 8 with RPS: the doctor names the backlog" "$(verdict /tmp/d3)" backlog
check "and says which value to try" grep -q '^knob: sysctl -w net.core.netdev_max_backlog=1000 (now 8)' /tmp/d3
check "its evidence is cpu 1's refusals" grep -q "^backlog .*cpu 1's backlog refused [1-9]" /tmp/d3
check "and its sysctl.d line" grep -qF "persist: echo 'net.core.netdev_max_backlog = 1000' >>/etc/sysctl.d/60-rxpath.conf" /tmp/d3
check "no finding on eth1's settings here" sh -c '! grep -q "^finding: [a-z]*: eth1" /tmp/d3'

# Findings on an igb (eth2 floods eth3 with 64 flows, which RSS spreads
# over its two queues): both RX vectors on cpu 0; then one queue.
echo 1000 > /proc/sys/net/core/netdev_max_backlog
rps 0
extra_insmod
set -- $(ifs_of igb)
IS=$1 ID=$2
check_eq "the igb pair" "$IS $ID" "eth2 eth3"
up $IS $ID
# igb_flood OUT: rxpath doctor -i 3 during a flood from eth2 into eth3.
igb_flood() {
	FLOWS=64 flood_pair $IS $ID 0 64 &
	pg=$!
	sleep 1
	rxpath doctor -i 3 >"$1" 2>&1
	pktgen_stop
	wait $pg
	settle $ID
	cat "$1"
}
for irq in $(awk -v d="$ID-" '$NF ~ d { sub(":", "", $1); print $1 }' /proc/interrupts); do
	echo 0 > /proc/irq/$irq/smp_affinity_list
done
igb_flood /tmp/d4
check "finding: both of eth3's RX vectors go to cpu 0 alone" \
	grep -q '^finding: irq: eth3.s 2 RX interrupt vectors all go to cpu 0 ' /tmp/d4
check "  now: the second moved to cpu 1" grep -q '^  now: echo 1 > /proc/irq/[0-9]*/smp_affinity_list$' /tmp/d4
check "  persist: irqbalance" grep -q '^  persist: irqbalance' /tmp/d4
check "finding: cpu 0 saturated by eth3's interrupts with RPS off, cpu 1 idle" \
	grep -q '^finding: rps: cpu 0 was busy [0-9]*% of the interval, taking eth3.s RX interrupts' /tmp/d4
check "  now: RPS to every CPU but 0 (mask 2), and its udev rule" sh -c \
	'grep -q "^  now: echo 2 > /sys/class/net/eth3/queues/rx-0/rps_cpus" /tmp/d4 && grep -qF "ATTR{queues/rx-0/rps_cpus}=\"2\"" /tmp/d4'
check "ethtool -L eth3 combined 1" ethtool -L $ID combined 1
up $ID
igb_flood /tmp/d5
check "finding: eth3 receives on 1 hardware queue of the several it has" \
	grep -q '^finding: queues: eth3 receives on 1 hardware queue of the [0-9]* it has' /tmp/d5
check "  now: ethtool -L eth3 combined 2 (one a CPU), and its udev rule" sh -c \
	'grep -q "^  now: ethtool -L eth3 combined 2$" /tmp/d5 && grep -qF "RUN+=\"/usr/sbin/ethtool -L eth3 combined 2\"" /tmp/d5'
ethtool -L $ID combined 2
up $ID
# Threaded NAPI on eth1.
if [ -e /sys/class/net/eth1/threaded ]; then
	echo 1 > /sys/class/net/eth1/threaded
	doctor_under_flood /tmp/d6
	check "finding: eth1's NAPI polls run in threads, outside the budget" \
		grep -q "^finding: threaded: eth1's NAPI polls run in kernel threads" /tmp/d6
	check "  persist: a udev rule setting threaded 0" grep -qF 'ATTR{threaded}="0"' /tmp/d6
	echo 0 > /sys/class/net/eth1/threaded
else
	skip "threaded NAPI: no /sys/class/net/eth1/threaded on this kernel"
fi
echo 8 > /proc/sys/net/core/netdev_max_backlog
rps 2

# 4. rxpath top through a flood to CPU 1 (still backlog 8), the hook on:
# plain frames off a terminal; CPU 1's drops/s add up to its refusals
# (to within 2%: each rate is rounded to a whole packet/s, its interval to
# a millisecond), and its peak, from the device, is the limit + 1.
echo on > $RX/backlog_hook
drop0=$(softnet_stat 1 2)
rxpath top -i 1 -n 20 >/tmp/top.txt 2>&1 &
tp=$!
sleep 1.5
pktgen_setup $(frames 20000)
pktgen_run 5000
settle
wait $tp
dd=$(($(softnet_stat 1 2) - drop0))
head -n 12 /tmp/top.txt
check_eq "top: 20 frames" "$(grep -c '^rxpath top: ' /tmp/top.txt)" 20
sum=$(awk '/^rxpath top: / { dt = $3 } $1 == "1" && NF == 7 { s += $3 * dt } END { printf "%d", s + 0.5 }' /tmp/top.txt)
check "top: cpu 1's drops/s add up to its refusals ($sum, softnet_stat $dd)" \
	[ "$dd" -gt 0 -a $((sum * 100)) -ge $((dd * 98)) -a $((sum * 100)) -le $((dd * 102)) ]
check_eq "top: cpu 1's peak backlog is the limit + 1" \
	"$(awk '$1 == "1" && NF == 7 && $7 ~ /^[0-9]+$/ && $7 > m { m = $7 } END { print m + 0 }' /tmp/top.txt)" 9
if [ -z "$ringwhy" ]; then
	check "top: eth1's ring row" grep -q '^eth1 ' /tmp/top.txt
fi
echo off > $RX/backlog_hook
rps 0
echo 1000 > /proc/sys/net/core/netdev_max_backlog
check "the doctor changed no setting" [ "$(cat /proc/sys/net/core/netdev_budget /proc/sys/net/core/netdev_max_backlog | tr '\n' ' ')" = "300 1000 " ]
check "rmmod" rmmod rxpath
