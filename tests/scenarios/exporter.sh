# SPDX-License-Identifier: GPL-2.0
# vm-hostfwd: 9848
# vm-not-debug: the exporter's code is the reader's, which the stock kernels run; the debug kernel has the device's own scenarios
# Scenario: rxpath serve, the Prometheus exporter, run as it is deployed:
# not root, in the device's group (given the device as the package's
# udev rule does), listening on the guest's user-mode NIC, which QEMU
# forwards to a port of the host's loopback, where a real Prometheus
# (exporter.pre) scrapes it every second with the project's alert rules.
# In the guest: /metrics answers with rxpath_up 1, the module's and the
# exporter's versions and the sysctls; during a staged overflow of CPU
# 1's backlog (netdev_max_backlog 8, RPS to CPU 1) its dropped counter
# grows by exactly the kernel's count; / answers, other paths are 404; the
# exporter never holds the module: rmmod works while it runs, and it then
# says rxpath_up 0, and 1 again after insmod. On the host (exporter.host),
# Prometheus's own figures: the increase of the drop metric over the
# overflow is the kernel's delta, the backlog alert fired and the ring
# alert did not, and every metric the rules and the dashboard use came in.

N=$(frames 20000)
LIMIT=8
PORT=9848

fwd=
for d in /sys/class/net/*; do
	[ "$(cat $d/address)" = 52:54:00:72:78:71 ] && fwd=${d##*/}
done
check "the user-mode NIC is there ($fwd)" [ -n "$fwd" ]
ip addr add 10.0.2.15/24 dev $fwd && ip link set $fwd up

check "insmod backlog_hook=1" insmod $KO backlog_hook=1
chgrp 1000 /dev/rxpath && chmod 0640 /dev/rxpath
rxpath-devtest runas 1000 1000 rxpath serve -l :$PORT 2>/tmp/serve.err &
srv=$!
# metrics FILE: one scrape, as the guest's own client.
metrics() { wget -q -O "$1" "http://127.0.0.1:$PORT/metrics"; }
i=0
while ! metrics /tmp/m0 && [ $i -lt 50 ]; do sleep 0.2; i=$((i + 1)); done
check "the exporter answers /metrics, running as uid 1000" metrics /tmp/m0
check "rxpath_up 1" grep -qx "rxpath_up 1" /tmp/m0
check "the module's version" grep -q '^rxpath_module_info{version="[0-9.]*"} 1$' /tmp/m0
check "the exporter's version and ABI" grep -q '^rxpath_exporter_info{version="[0-9.]*",abi="2"} 1$' /tmp/m0
check "the sysctls (netdev_max_backlog)" grep -q '^rxpath_sysctl{name="netdev_max_backlog"} [0-9]*$' /tmp/m0
check "/ answers" sh -c "wget -q -O - http://127.0.0.1:$PORT/ | grep -q /metrics"
wget -q -O /dev/null "http://127.0.0.1:$PORT/nope" 2>/tmp/err && not_ok "another path is 404" ||
	check "another path is 404: $(cat /tmp/err)" grep -q 404 /tmp/err

# The overflow, with Prometheus scraping: seconds of quiet before and after.
echo $LIMIT > /proc/sys/net/core/netdev_max_backlog
rps 2
sleep 4
metrics /tmp/m1
drop0=$(softnet_stat 1 2)
pktgen_setup $N
pktgen_run 5000
settle
dd=$(($(softnet_stat 1 2) - drop0))
metrics /tmp/m2
check "the flood overflowed cpu 1's backlog ($dd refused)" [ "$dd" -gt 0 ]
m() { sed -n "s/^rxpath_softnet_dropped_total{cpu=\"1\"} //p" "$1"; }
check_eq "the exporter's cpu 1 dropped grew by the kernel's count" "$(($(m /tmp/m2) - $(m /tmp/m1)))" "$dd"
check_eq "and is softnet_stat's" "$(m /tmp/m2)" "$(softnet_stat 1 2)"
show "prometheus-dropped-delta: $dd"
sleep 6

check "rmmod while the exporter runs: it never holds the module" rmmod rxpath
metrics /tmp/m3
check "then rxpath_up 0" grep -qx "rxpath_up 0" /tmp/m3
check "insmod" insmod $KO
chgrp 1000 /dev/rxpath && chmod 0640 /dev/rxpath
metrics /tmp/m4
check "then rxpath_up 1 again" grep -qx "rxpath_up 1" /tmp/m4
sed 's/^/metrics: /' /tmp/m2 >&3
kill -TERM $srv
wait $srv
check_eq "the exporter exits 0 on SIGTERM" "$?" 0
cat /tmp/serve.err
echo 1000 > /proc/sys/net/core/netdev_max_backlog
rps 0
check "rmmod" rmmod rxpath
