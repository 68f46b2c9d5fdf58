# SPDX-License-Identifier: GPL-2.0
# Scenario: rxpath doctor names the stage in three staged faults, each
# under a flood it samples for 3 s: eth1's RX ring at e1000e's minimum
# (ring), netdev_budget 16 (budget), netdev_max_backlog 8 with RPS to
# CPU 1 (backlog). QEMU's NICs hold frames back rather than drop them, so
# the first two lose nothing: the doctor names the stage at its limit.
# Then rxpath top through a backlog overflow.
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
	sleep 2
	doctor_under_flood /tmp/d1
	check_eq "ring at 80: the doctor names the ring" "$(verdict /tmp/d1)" ring
	check "and says to grow it: ethtool -G eth1 rx 160" grep -q '^knob: ethtool -G eth1 rx 160 (now 80, at most 4096)' /tmp/d1
	check "ethtool -G eth1 rx 256" ethtool -G eth1 rx 256
	sleep 2
fi

# 2. A tiny budget.
echo 16 > /proc/sys/net/core/netdev_budget
doctor_under_flood /tmp/d2
check_eq "netdev_budget 16: the doctor names the budget" "$(verdict /tmp/d2)" budget
check "and says which value to try" grep -q '^knob: sysctl -w net.core.netdev_budget=300 (now 16)' /tmp/d2
echo 300 > /proc/sys/net/core/netdev_budget

# 3. A tiny backlog, with RPS.
echo 8 > /proc/sys/net/core/netdev_max_backlog
rps 2
doctor_under_flood /tmp/d3
check_eq "netdev_max_backlog 8 with RPS: the doctor names the backlog" "$(verdict /tmp/d3)" backlog
check "and says which value to try" grep -q '^knob: sysctl -w net.core.netdev_max_backlog=1000 (now 8)' /tmp/d3
check "its evidence is cpu 1's refusals" grep -q "^backlog .*cpu 1's backlog refused [1-9]" /tmp/d3

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
