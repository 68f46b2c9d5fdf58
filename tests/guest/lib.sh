# SPDX-License-Identifier: GPL-2.0
#
# Helpers for the guest's scenarios (busybox sh). Verdicts go to fd 3, the
# result channel, as TAP lines; everything else goes to the console log.

T=0
RX=/sys/kernel/debug/rxpath
KO=/lib/modules/rxpath.ko

# On the console each verdict carries the guest's uptime, as the kernel's
# lines do: where a scenario's time goes reads from its console log.
say() { read -r up _ </proc/uptime; echo "[$up] rxpath-guest: $*"; }
ok() { T=$((T + 1)); echo "ok $T - $*" >&3; say "ok - $*"; }
skip() { T=$((T + 1)); echo "ok $T - $* # SKIP" >&3; say "skip - $*"; }
not_ok() { T=$((T + 1)); echo "not ok $T - $*" >&3; say "NOT OK - $*"; }
diag() { echo "# $*" >&3; say "# $*"; }
# check DESC COMMAND...: ok when the command succeeds.
check() { d=$1; shift; if "$@"; then ok "$d"; else not_ok "$d"; fi; }
# logged ERE: whether the kernel's log has a line that matches. (As a
# command of check: "check DESC dmesg | grep" would judge dmesg alone.)
logged() { dmesg | grep -E "$1" >/dev/null; }
# check_eq DESC GOT WANT
# (values of more than one line are compared, not printed)
check_eq() {
	if [ "$(echo "$2" | wc -l)" -gt 1 ]; then
		if [ "$2" = "$3" ]; then ok "$1"; else not_ok "$1: differs"; fi
	elif [ "$2" = "$3" ]; then ok "$1 ($2)"; else not_ok "$1: got '$2', want '$3'"; fi
}
# show: what the host shows (make demo): goes to the result channel as is.
show() { echo "$*" >&3; }

guest_net_up() {
	# Nothing but the frames a scenario sends may reach eth1.
	# (Kernels without IPv6 have nothing to switch off.)
	v6=/proc/sys/net/ipv6/conf
	[ -d $v6 ] && echo 1 > $v6/all/disable_ipv6 && echo 1 > $v6/default/disable_ipv6
	ip link set lo up
	for d in eth0 eth1; do
		[ -e /sys/class/net/$d ] || continue
		[ -d $v6/$d ] && echo 1 > $v6/$d/disable_ipv6
		ip link set $d up
	done
	i=0
	while [ "$(cat /sys/class/net/eth1/carrier 2>/dev/null)" != 1 ] && [ $i -lt 100 ]; do
		sleep 0.1; i=$((i + 1))
	done
	echo "rxpath-guest: eth1 carrier $(cat /sys/class/net/eth1/carrier 2>/dev/null) after $i ticks"
	# eth1's interrupts on CPU 0, so that "RPS to CPU 1" always crosses CPUs.
	irqs=$(awk '/eth1/ { sub(":", "", $1); print $1 }' /proc/interrupts)
	for irq in $irqs; do
		echo 1 > /proc/irq/$irq/smp_affinity ||
			echo "rxpath-guest: cannot pin IRQ $irq to CPU 0"
	done
	# An MSI moves at its next interrupt, and a NIC that keeps polling
	# raises none: a flood could run on the old CPU throughout. A few
	# frames, one at a time, move the receive interrupt now.
	i=0
	while [ $i -lt 10 ]; do
		moved=1
		for irq in $(awk '/eth1-rx/ { sub(":", "", $1); print $1 }' /proc/interrupts); do
			f=/proc/irq/$irq/effective_affinity_list
			[ -r $f ] && [ "$(cat $f)" != 0 ] && moved=0
		done
		[ $moved = 1 ] && break
		pktgen_setup 5 - 2000000
		pktgen_run
		i=$((i + 1))
	done
	echo "rxpath-guest: eth1 IRQs on CPU 0 after $i rounds of 5 frames"
	grep -E 'CPU|eth' /proc/interrupts
}

# col FILE CPU NAME: the value of column NAME in CPU's row of an rxpath table.
col() {
	awk -v cpu="$2" -v name="$3" '
		NR == 1 { for (i = 1; i <= NF; i++) if ($i == name) c = i; next }
		$1 == cpu && c { print $c; found = 1 }
		END { if (!found) print "missing" }' "$1"
}

# ring_btf_missing DRIVER: why rxpath cannot resolve DRIVER's rings on this
# kernel, as status says it (no BTF for modules before 5.11); empty if it can.
ring_btf_missing() {
	sed -n "s/^ring_driver $1 failed: -EOPNOTSUPP loaded, but \(this kernel has no BTF for modules\).*/\1 (5.11+)/p" $RX/status
}

# insmod_rings WHAT: loads rxpath for a scenario of the ring table; on a
# kernel where e1000e's rings cannot be resolved (ring_btf_missing), WHAT
# is a skip that says why, rxpath is unloaded and it returns 1.
insmod_rings() {
	check "insmod" insmod $KO
	why=$(ring_btf_missing e1000e)
	[ -z "$why" ] && return 0
	skip "$1: $why"
	check "rmmod" rmmod rxpath
	return 1
}

# softnet_stat CPU FIELD [FILE]: field N (1-based) of the row of
# /proc/net/softnet_stat (or a copy of it) for CPU, in decimal. The row's
# CPU id is column 13 (5.10+).
softnet_stat() {
	v=$(awk -v id="$(printf '%08x' "$1")" -v f="$2" '$13 == id { print $f }' "${3:-/proc/net/softnet_stat}")
	printf '%d' "0x${v:-ffffffff}"
}

# drop_sum FILE CPU: the counts of the backlog_drop records for CPU's
# backlog in the JSON lines (rxpath watch --json) of FILE.
drop_sum() {
	sed -n "s/.*\"type\":\"backlog_drop\",\"backlog_cpu\":$2,\"count\":\([0-9]*\)}$/\1/p" "$1" |
		awk '{ s += $1 } END { print s + 0 }'
}
# relay FILE [PREFIX]: the "ok - ", "not ok - " and "# " lines of FILE (a
# test program's output), as this scenario's own.
relay() {
	while IFS= read -r l; do
		case "$l" in
		"ok - "*) ok "${2:-}${l#ok - }" ;;
		"not ok - "*) not_ok "${2:-}${l#not ok - }" ;;
		"# "*) diag "${2:-}${l#\# }" ;;
		esac
	done <"$1"
}
# readers: the readers of /dev/rxpath that status counts. wait_readers N:
# until there are N (an open file counts from its first read, poll or
# filter); false if not within 10 s.
readers() { sed -n 's/^dev .* readers \([0-9]*\) .*/\1/p' $RX/status; }
wait_readers() {
	i=0
	while [ "$(readers)" != "$1" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
	[ "$(readers)" = "$1" ]
}
# wait_polling PID: until the reader PID waits in poll, its filter set (a
# reader counts in status from its filter, before it polls); false if it
# does not within 10 s.
wait_polling() {
	i=0
	while ! grep -q poll /proc/$1/wchan 2>/dev/null && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
	grep -q poll /proc/$1/wchan 2>/dev/null
}

# cpus: the online CPUs' numbers.
cpus() { awk '$1 == "cpu" { next } { print $1 }' $RX/softnet; }

# budget_snapshot DIR: rxpath's budget tables, /proc/softirqs and
# /proc/net/softnet_stat copied into DIR as of one moment: read by one cat
# between two reads of /proc/softirqs (separator lines from /tmp/sep.*
# split them), retried until no net_rx_action cycle began while it read
# (the kernel's NET_RX counts did not move). One process keeps the window
# short: idle guests still run NET_RX softirqs (e1000e's watchdog raises an
# interrupt every 2 s, and under -icount an idle guest's clock follows the
# host's). No quiet moment in 100 reads is a failed check, never a snapshot
# taken anyway. The napi table's work moves only with traffic: read after.
budget_snapshot() {
	mkdir -p "$1"
	for f in budget budget_hist softnet_stat softirqs; do echo "=== $f" > /tmp/sep.$f; done
	i=0
	while [ $i -lt 100 ]; do
		cat /proc/softirqs /tmp/sep.budget $RX/budget /tmp/sep.budget_hist $RX/budget_hist \
			/tmp/sep.softnet_stat /proc/net/softnet_stat /tmp/sep.softirqs /proc/softirqs |
			awk -v d="$1" '/^=== / { f = d "/" $2; next }
				{ print > (f ? f : d "/net_rx.before") }'
		[ "$(grep NET_RX "$1/net_rx.before")" = "$(grep NET_RX "$1/softirqs")" ] && break
		i=$((i + 1))
	done
	cat $RX/napi > "$1/napi"
	if [ $i -eq 100 ]; then
		not_ok "snapshot $1: a NET_RX softirq began in each of $i reads of the budget tables"
		return 1
	fi
	[ $i -eq 0 ] || diag "snapshot $1: a NET_RX softirq began in $i reads before this one"
}

# net_rx CPU [DIR]: the kernel's NET_RX softirq count for CPU.
net_rx() { awk -v c=$(($1 + 2)) '$1 == "NET_RX:" { print $c }' "${2:-/proc}/softirqs"; }

# napi_sum DEV COLUMN FILE: the column summed over DEV's rows of a napi table.
napi_sum() {
	awk -v dev="$1" -v name="$2" '
		NR == 1 { for (i = 1; i <= NF; i++) if ($i == name) c = i; next }
		$2 == dev { s += $c } END { print s + 0 }' "$3"
}

# budget_begin: rxpath's counts from zero (a reset), the kernel's as a
# snapshot in /tmp/b0 (with rxpath's, which idle cycles since the reset may
# have moved already: a slow guest clock, -icount, sees a few each second),
# eth1's rx_packets in $rx0.
budget_begin() {
	settle
	echo 1 > $RX/reset
	budget_snapshot /tmp/b0
	rx0=$(rx_packets eth1)
}

# bdelta FILE CPU NAME: column NAME of CPU's row, /tmp/b1's minus /tmp/b0's.
bdelta() { echo $(($(col /tmp/b1/$1 $2 $3) - $(col /tmp/b0/$1 $2 $3))); }

# budget_agree WHAT: after a run, the checks every run must pass: rxpath's
# cycles are the kernel's NET_RX softirqs, its squeezes the kernel's
# time_squeeze, per CPU, and eth1's NAPI work is its rx_packets, each as
# the change from /tmp/b0. The snapshot is left in /tmp/b1.
budget_agree() {
	settle
	budget_snapshot /tmp/b1
	cat /tmp/b1/budget /tmp/b1/budget_hist /tmp/b1/napi
	for cpu in $(cpus); do
		b=$(bdelta budget $cpu budget_squeeze)
		t=$(bdelta budget $cpu time_squeeze)
		cycles=$(bdelta budget $cpu cycles)
		check_eq "$1: cpu $cpu budget_squeeze + time_squeeze equals softnet_stat time_squeeze delta" \
			$((b + t)) $(($(softnet_stat $cpu 3 /tmp/b1/softnet_stat) - $(softnet_stat $cpu 3 /tmp/b0/softnet_stat)))
		check_eq "$1: cpu $cpu cycles equals /proc/softirqs NET_RX delta" \
			"$cycles" $(($(net_rx $cpu /tmp/b1) - $(net_rx $cpu /tmp/b0)))
		check_eq "$1: cpu $cpu drained + squeezed cycles equals cycles" \
			$(($(bdelta budget $cpu drained_cycles) + b + t)) "$cycles"
		hist=$(awk -v cpu=$cpu '$1 == cpu { s = 0; for (i = 2; i <= NF; i++) s += $i; print s }' /tmp/b1/budget_hist)
		check_eq "$1: cpu $cpu budget_hist sums to cycles since the reset" "$hist" "$(col /tmp/b1/budget $cpu cycles)"
	done
	check_eq "$1: napi work of eth1 equals its rx_packets delta (e1000e cleans TX in a vector of its own)" \
		$(($(napi_sum eth1 work /tmp/b1/napi) - $(napi_sum eth1 work /tmp/b0/napi))) $(($(rx_packets eth1) - rx0))
}

# budget_usecs_min: sets netdev_budget_usecs to the least the kernel takes
# (2 jiffies) and prints it.
budget_usecs_min() {
	for v in 1 1000 2000 4000 8000 20000; do
		echo $v > /proc/sys/net/core/netdev_budget_usecs 2>/dev/null && break
	done
	cat /proc/sys/net/core/netdev_budget_usecs
}

# piecewise_read FILE BS: whether reading FILE BS bytes at a time gives the
# text of one read. Live tables may change meanwhile (an idle e1000e still
# polls every 2 s): the comparison counts only when a read before and one
# after agree, and is retried until they do.
piecewise_read() {
	i=0
	while [ $i -lt 20 ]; do
		cat "$1" > /tmp/pr.before
		dd if="$1" bs="$2" 2>/dev/null > /tmp/pr.part
		cat "$1" > /tmp/pr.after
		if cmp -s /tmp/pr.before /tmp/pr.after; then
			cmp -s /tmp/pr.before /tmp/pr.part
			return
		fi
		i=$((i + 1))
	done
	echo "rxpath-guest: $1 never held still for a piecewise read"
	return 1
}

# debug_kernel: whether this is the debug kernel (KASAN, lockdep, kmemleak;
# tests/debug-kernel.config), where every scenario runs smaller counts.
debug_kernel() { [ -e /sys/kernel/debug/kmemleak ]; }

# frames N: N, or a quarter of it on the debug kernel (KASAN, lockdep and
# kmemleak make each frame some ten times dearer there). The checks are
# exact either way; only the run time changes.
frames() {
	if debug_kernel; then echo $(($1 / 4)); else echo "$1"; fi
}

rx_packets() { cat /sys/class/net/$1/statistics/rx_packets; }

# settle [DEV]: waits until DEV (eth1) has received nothing new for half
# a second.
settle() {
	prev=-1; now=$(rx_packets ${1:-eth1})
	while [ "$prev" != "$now" ]; do
		sleep 0.5; prev=$now; now=$(rx_packets ${1:-eth1})
	done
}

# pktgen_setup COUNT [MODE [DELAY_NS]]: eth0 sends COUNT 60-byte UDP frames
# to eth1 (COUNT 0: until stopped), DELAY_NS apart (default 0: as fast as it
# can). MODE netif_receive injects on eth1 itself; "-" is the default mode.
# PKTGEN_BURST=N sends N frames per doorbell (xmit_more), so that they
# reach eth1 together even when sender and receiver share the CPU. The
# count is then not exact: a burst cut short by a full transmit ring
# shifts the rest, and pktgen may send up to N - 1 frames more.
# pktgen_clear: pktgen's thread holds no device. It removes them when it
# next runs, which a busy guest may delay past the 125 ms the write waits:
# a device added before that would go with them.
pktgen_clear() {
	echo rem_device_all > /proc/net/pktgen/kpktgend_0
	i=0
	while ls /proc/net/pktgen | grep -qvE '^(pgctrl|kpktgend_[0-9]+)$' && [ $i -lt 100 ]; do
		sleep 0.05; i=$((i + 1))
	done
}
pktgen_setup() {
	pg=/proc/net/pktgen
	pktgen_clear
	if [ "${2:-}" = netif_receive ]; then
		echo "add_device eth1" > $pg/kpktgend_0; dev=eth1
	else
		echo "add_device eth0" > $pg/kpktgend_0; dev=eth0
	fi
	echo "count $1" > $pg/$dev
	echo "pkt_size 60" > $pg/$dev
	echo "delay ${3:-0}" > $pg/$dev
	echo "dst 10.0.0.2" > $pg/$dev
	echo "dst_mac $(cat /sys/class/net/eth1/address)" > $pg/$dev
	[ "${2:-}" = netif_receive ] && echo "xmit_mode netif_receive" > $pg/$dev
	[ -n "${PKTGEN_BURST:-}" ] && echo "burst $PKTGEN_BURST" > $pg/$dev
	:
}
# pktgen_run [BURST]: sends what pktgen_setup asked for. With BURST, the
# count goes out in bursts of at most BURST frames, each received in full
# before the next: QEMU queues at most 10000 frames for a NIC that is not
# keeping up (a debug kernel) and drops the rest before the guest sees them.
pktgen_run() {
	if [ -z "${1:-}" ]; then
		echo start > /proc/net/pktgen/pgctrl
		return
	fi
	left=$(sed -n 's/.*count \([0-9]*\).*/\1/p' /proc/net/pktgen/$dev | head -n 1)
	while [ "$left" -gt 0 ]; do
		n=$left; [ $n -gt $1 ] && n=$1
		echo "count $n" > /proc/net/pktgen/$dev
		echo start > /proc/net/pktgen/pgctrl
		settle
		left=$((left - n))
	done
}
pktgen_stop() { echo stop > /proc/net/pktgen/pgctrl; }

# rps CPUMASK: steers everything eth1 receives to the CPUs in the mask.
rps() { echo "$1" > /sys/class/net/eth1/queues/rx-0/rps_cpus; }

# meminfo FIELD: FIELD of /proc/meminfo (SUnreclaim, MemAvailable), in kB.
meminfo() { awk -v f="$1:" '$1 == f { print $2 }' /proc/meminfo; }

# mem_report LABEL: on the console, the guest's unreclaimable slab, its
# available memory and (where the kernel has /proc/slabinfo) the three
# largest slab caches, in kB.
mem_report() {
	top=
	[ -r /proc/slabinfo ] && top=$(awk 'NR > 2 { print $15 * $6 * 4, $1 }' /proc/slabinfo |
		sort -rn | head -n 3 | awk '{ printf " %s:%d", $2, $1 }')
	echo "rxpath-guest: mem $1: SUnreclaim $(meminfo SUnreclaim) kB, MemAvailable $(meminfo MemAvailable) kB;$top"
}

# blocked_tasks: on the console, each task in uninterruptible sleep with
# its kernel stack: what holds a command that does not return.
blocked_tasks() {
	for p in /proc/[0-9]*; do
		[ "$(sed 's/.*) //' $p/stat 2>/dev/null | cut -d' ' -f1)" = D ] || continue
		echo "rxpath-guest: blocked: ${p#/proc/} $(cat $p/comm 2>/dev/null)"
		sed 's/^/rxpath-guest:   /' $p/stack 2>/dev/null
	done
}

# bounded SECS DESC COMMAND...: runs COMMAND, which must return within SECS
# seconds, and returns its status. One that does not leaves the guest
# stuck (a resize holding rtnl, say): DESC fails, the memory figures and
# the blocked tasks' stacks go to the console, and "rxpath-guest: stuck"
# has the host stop the guest now rather than at its time limit.
bounded() {
	secs=$1 d=$2
	shift 2
	"$@" &
	b=$! end=$(($(date +%s) + secs))
	while kill -0 $b 2>/dev/null; do
		if [ "$(date +%s)" -ge $end ]; then
			not_ok "$d: has not returned after ${secs}s"
			mem_report "stuck"
			blocked_tasks
			echo "rxpath-guest: stuck: $d"
			echo "rxpath-guest-done $T" >&3
			sleep 3600
		fi
		sleep 0.1
	done
	wait $b
}

# For the NICs of "# vm-nics:" (the pairs after eth0 and eth1).
# ifs_of DRIVER: the interfaces DRIVER drives, in name order.
ifs_of() {
	for d in /sys/class/net/*; do
		drv=$(readlink $d/device/driver 2>/dev/null) || continue
		[ "${drv##*/}" = "$1" ] && echo "${d##*/}"
	done
}
ethtool_rx() {
	ethtool -g "$1" | awk '/^Current hardware settings/ { c = 1 } c && $1 == "RX:" { print $2; exit }'
}
# flood_pair SRC DST COUNT [BURST [DELAY_NS]]: SRC sends COUNT frames (0:
# until stopped) to DST, BURST (default 64) per doorbell, DELAY_NS apart
# (default 0: as fast as it can). FLOWS=N: N flows (UDP source ports 1
# to N, at random), which RSS spreads over the receiver's queues.
flood_pair() {
	p=/proc/net/pktgen
	pktgen_clear
	echo "add_device $1" > $p/kpktgend_0
	echo "count $3" > $p/$1
	echo "pkt_size 60" > $p/$1
	echo "delay ${5:-0}" > $p/$1
	echo "burst ${4:-64}" > $p/$1
	echo "dst 10.0.0.2" > $p/$1
	echo "dst_mac $(cat /sys/class/net/$2/address)" > $p/$1
	if [ -n "${FLOWS:-}" ]; then
		echo "udp_src_min 1" > $p/$1
		echo "udp_src_max $FLOWS" > $p/$1
		echo "flag UDPSRC_RND" > $p/$1
	fi
	echo start > $p/pgctrl
}
# up DEV...: up, and with carrier.
up() {
	for d in "$@"; do
		ip link set "$d" up
	done
	for d in "$@"; do
		i=0
		while [ "$(cat /sys/class/net/$d/carrier 2>/dev/null)" != 1 ] && [ $i -lt 100 ]; do
			sleep 0.1; i=$((i + 1))
		done
	done
}
# extra_insmod: loads the drivers of vm.sh's extra.order (after rxpath,
# without their hardware but for the NICs of "# vm-nics:").
extra_insmod() {
	for m in $(cat /lib/modules/extra.order); do
		insmod /lib/modules/$m || diag "insmod $m failed"
	done
}
# ring_resolved DRIVER: waits up to 10 s for status to say DRIVER's rings
# are resolved.
ring_resolved() {
	j=0
	while [ $j -lt 50 ] && ! grep -q "^ring_driver $1 resolved: " $RX/status; do
		sleep 0.2; j=$((j + 1))
	done
	grep -q "^ring_driver $1 resolved: " $RX/status
}
# ring_rows DEV: DEV's rows of the rings table.
ring_rows() { awk -v d="$1" '$1 == d' $RX/rings; }
# ring_col DEV QUEUE COLUMN [FILE]: COLUMN of DEV's row for QUEUE in the
# rings table (or a copy of it in FILE).
ring_col() {
	awk -v d="$1" -v q="$2" -v c="$3" 'NR == 1 { for (i = 1; i <= NF; i++) h[$i] = i; next }
		$1 == d && $3 == q { print $h[c] }' "${4:-$RX/rings}"
}
# rx_queue_stat DEV NAME: NAME of DEV's RX queue 0 in ethtool -S, for the
# drivers that print a section per queue (vmxnet3: "Rx Queue#: 0").
rx_queue_stat() {
	ethtool -S "$1" | awk -v n="$2:" '
		/Tx Queue#:/ { rx = 0 } /Rx Queue#:/ { rx = 1; q = $NF }
		rx && q == 0 { sub(/^ */, ""); if (index($0, n) == 1) { print $NF; exit } }'
}
# tools_insmod: loads the tool modules (vm.sh's tools.order), skipping
# those already in.
tools_insmod() {
	for m in $(cat /lib/modules/tools.order); do
		n=$(basename "$m" .ko | tr - _)
		grep -q "^$n " /proc/modules || insmod /lib/modules/$m || return 1
	done
}

# host_root: the host's root ("# vm-host-root:") at /host, read-only, with
# this guest's /proc, /sys, /dev and tracefs over its own, to chroot into.
host_root() {
	[ -d /host/usr ] && return 0
	tools_insmod || return 1
	mkdir -p /host
	mount -t 9p -o trans=virtio,version=9p2000.L,ro,msize=262144 hostroot /host || return 1
	mount -t proc proc /host/proc
	mount -t sysfs sysfs /host/sys
	mount -t debugfs debugfs /host/sys/kernel/debug
	mount -t tracefs tracefs /host/sys/kernel/tracing 2>/dev/null
	mount -t devtmpfs devtmpfs /host/dev
	mount -t tmpfs tmpfs /host/tmp
	mount -t tmpfs tmpfs /host/run
}

# vmxnet3_up: loads vmxnet3 (its pair of "# vm-nics: vmxnet3") with LRO
# off, so that a frame takes one descriptor of ring 0, and brings the
# pair up; sets VSRC and VDST to the pair's interfaces.
vmxnet3_up() {
	insmod /lib/modules/$(grep '/vmxnet3.ko$' /lib/modules/extra.order) || return 1
	i=0
	while [ $i -lt 50 ] && [ "$(ifs_of vmxnet3 | wc -l)" -lt 2 ]; do
		sleep 0.1; i=$((i + 1))
	done
	set -- $(ifs_of vmxnet3)
	[ $# -eq 2 ] || return 1
	VSRC=$1 VDST=$2
	ethtool -K $VDST lro off 2>/dev/null
	up $VSRC $VDST
}
