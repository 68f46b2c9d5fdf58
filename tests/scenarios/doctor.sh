# SPDX-License-Identifier: GPL-2.0
# Scenario: rxpath doctor names the stage in three staged faults, each
# under a flood it samples for 3 s: eth1's RX ring at e1000e's minimum
# (ring), netdev_budget 16 (budget), netdev_max_backlog 8 with RPS to
# CPU 1 (backlog). QEMU's NICs hold frames back rather than drop them, so
# the first two lose nothing: the doctor names the stage at its limit.

# doctor_under_flood OUT: rxpath doctor -i 3 during a flood, into OUT.
doctor_under_flood() {
	pktgen_setup 0
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

# 1. A tiny ring.
check "ethtool -G eth1 rx 80" ethtool -G eth1 rx 80
sleep 2
doctor_under_flood /tmp/d1
check_eq "ring at 80: the doctor names the ring" "$(verdict /tmp/d1)" ring
check "and says to grow it: ethtool -G eth1 rx 160" grep -q '^knob: ethtool -G eth1 rx 160 (now 80, at most 4096)' /tmp/d1
check "ethtool -G eth1 rx 256" ethtool -G eth1 rx 256
sleep 2

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
rps 0
echo 1000 > /proc/sys/net/core/netdev_max_backlog
check "the doctor changed no setting" [ "$(cat /proc/sys/net/core/netdev_budget /proc/sys/net/core/netdev_max_backlog | tr '\n' ' ')" = "300 1000 " ]
check "rmmod" rmmod rxpath
