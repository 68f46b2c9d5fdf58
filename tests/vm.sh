#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# The VM test bed. Fetches a Debian kernel (image and headers, unpacked into
# the cache, never installed), builds rxpath.ko against those headers as
# DKMS would, packs a busybox initramfs with the NIC drivers, pktgen and the
# guest scenarios, and boots it under QEMU (TCG) with 2 vCPUs and two NICs
# joined by a QEMU hub: eth0 sends, eth1 receives through its real driver,
# RX ring and NAPI.
#
#   tests/vm.sh [-k KERNEL] [-n NIC] SCENARIO...
#
# Each scenario boots once. The verdict comes from the guest's second serial
# port, written only by the guest's init; the console log is kept and
# scanned for any BUG, WARNING, Oops, panic or lockdep report. Prints TAP-like
# "ok - ..." / "not ok - ..." lines; exits non-zero when any is "not ok".

set -euo pipefail
. "$(dirname "$0")/lib/common.sh"

kernel=${RXPATH_KERNEL:-bookworm}
nic=${RXPATH_NIC:-}
while getopts k:n: opt; do
	case $opt in
	k) kernel=$OPTARG ;;
	n) nic=$OPTARG ;;
	*) die "usage: $0 [-k KERNEL] [-n NIC] SCENARIO..." ;;
	esac
done
shift $((OPTIND - 1))
[ $# -gt 0 ] || die "usage: $0 [-k KERNEL] [-n NIC] SCENARIO..."

need_host_tools
kernel_fetch "$kernel"
# The cloud flavour builds no e1000e: its guests boot on virtio-net.
case $KREL in
*-cloud-amd64) nic=${nic:-virtio-net-pci} ;;
*) nic=${nic:-e1000e} ;;
esac
work=$RXPATH_OUT/$KREL
mkdir -p "$work"
module_build "$work" || { echo "not ok - $KREL: rxpath.ko builds with W=1, no warnings"; exit 1; }
echo "ok - $KREL: rxpath.ko builds with W=1, no warnings"
# RXPATH_PREBUILT_KO: boot that rxpath.ko instead (tests/check.sh passes
# the one DKMS built and installed from the package, tests/dkms.sh).
if [ -n "${RXPATH_PREBUILT_KO:-}" ]; then
	if [ -f "$RXPATH_PREBUILT_KO" ] && modinfo -F vermagic "$RXPATH_PREBUILT_KO" | grep -q "^$KREL "; then
		RXPATH_KO=$RXPATH_PREBUILT_KO
		echo "ok - $KREL: the scenarios boot $RXPATH_KO"
	else
		echo "not ok - $KREL: RXPATH_PREBUILT_KO=$RXPATH_PREBUILT_KO is an rxpath.ko for $KREL"
		exit 1
	fi
fi
is_debug() { case $kernel in debug|debug-*) true ;; *) false ;; esac; }
# The KUnit suites rxpath_test.ko was built with: the struct kunit_suite
# definitions in the copy of kunit/ it was built from. The guest sees
# rxpath_kunit_suites=N, and the kunit scenario finds as many.
kunit_suites=
[ -z "$RXPATH_TEST_KO" ] ||
	kunit_suites=$(cat "$(dirname "$RXPATH_TEST_KO")"/kunit/*.c |
		grep -cE '^(static )?struct kunit_suite [A-Za-z0-9_]+ = \{')

# The guest modules a NIC model needs, with their dependencies first.
nic_modules() {
	case $1 in
	e1000e) echo e1000e ;;
	e1000) echo e1000 ;;
	igb) echo igb ;;
	virtio-net-pci) echo virtio_pci virtio_net ;;
	vmxnet3) echo vmxnet3 ;;
	*) die "unknown NIC model $1" ;;
	esac
	echo pktgen
}

declare -A mod_seen
mod_order() {
	local name=$1 path dep
	[ -n "${mod_seen[$name]:-}" ] && return 0
	mod_seen[$name]=1
	path=$(kmod_path "$name")
	if [ -z "$path" ]; then
		grep -q "/$(echo "$name" | sed 's/[-_]/[-_]/g').ko$" \
			"$KMODULES/modules.builtin" ||
			die "module $name not found for $KREL"
		return 0
	fi
	for dep in $(modinfo -F depends "$path" | tr , ' '); do
		mod_order "$dep"
	done
	echo "${path#"$KMODULES"/}"
}

# modules_listed LIST NAME...: the modules NAME that this kernel builds as
# modules, each after its dependencies, copied into the initramfs and
# listed in lib/modules/LIST in load order (none twice, none that
# load.order loads at boot).
modules_listed() {
	local list=$stage/lib/modules/$1 n m
	shift
	: >"$list"
	for n in "$@"; do
		[ -n "$(kmod_path "$n")" ] || continue
		for m in $(mod_order "$n"); do
			grep -qxF "$m" "$stage/lib/modules/load.order" "$list" && continue
			mkdir -p "$stage/lib/modules/$(dirname "$m")"
			cp "$KMODULES/$m" "$stage/lib/modules/$m"
			echo "$m" >>"$list"
		done
	done
}

initramfs_build() {
	local img=$1 stage=$work/initramfs m
	rm -rf "$stage"
	mkdir -p "$stage"/{bin,sbin,dev,proc,sys,tmp,lib/modules,tests/scenarios}
	cp /bin/busybox "$stage/bin/busybox"
	for m in $(/bin/busybox --list); do
		[ "$m" = busybox ] || ln -s busybox "$stage/bin/$m"
	done
	mknod -m 600 "$stage/dev/console" c 5 1
	# ethtool, with the libraries it links (the scenarios read and set
	# ring sizes with it, as users do).
	cp /usr/sbin/ethtool "$stage/sbin/ethtool"
	for m in $(ldd /usr/sbin/ethtool | grep -o '/[^ ]*'); do
		mkdir -p "$stage$(dirname "$m")"
		cp -L "$m" "$stage$m"
	done
	# The reader and the device's tester (64- and 32-bit), static: the
	# guest has no libc.
	cp "$work/userspace/rxpath" "$work/userspace/rxpath-devtest" \
		"$work/userspace/rxpath-devtest32" "$stage/sbin/"
	cp "$RXPATH_TOP/tests/guest/init" "$stage/init"
	cp "$RXPATH_TOP/tests/guest/lib.sh" "$stage/tests/lib.sh"
	cp "$RXPATH_TOP"/tests/scenarios/*.sh "$stage/tests/scenarios/"
	cp "$RXPATH_KO" "$stage/lib/modules/rxpath.ko"
	[ -z "$RXPATH_TEST_KO" ] || cp "$RXPATH_TEST_KO" "$stage/lib/modules/rxpath_test.ko"
	: >"$stage/lib/modules/load.order"
	# In this shell, not a $(...): a module not found ends the run.
	: >"$work/nic.order"
	for m in $(nic_modules "$nic"); do
		mod_order "$m" >>"$work/nic.order"
	done
	for m in $(cat "$work/nic.order"); do
		mkdir -p "$stage/lib/modules/$(dirname "$m")"
		cp "$KMODULES/$m" "$stage/lib/modules/$m"
		echo "$m" >>"$stage/lib/modules/load.order"
	done
	# The other drivers rxpath knows, with their dependencies, for the
	# scenarios to load without their hardware (extra.order, not loaded at
	# boot). Kernels without them as modules (the debug kernel) have none.
	modules_listed extra.order $ring_drivers virtio_pci
	# Modules for tools (tools.order; loaded by the scenarios that need
	# them): veth for make bench's namespaces, 9p over virtio for the
	# host's root ("# vm-host-root:").
	modules_listed tools.order veth virtio_pci 9pnet_virtio 9p
	# Without their debug information (as Debian ships its own): the
	# debug kernel's modules and ours carry megabytes of DWARF that every
	# insmod would read and copy. Their BTF and symbols stay.
	find "$stage/lib/modules" -name '*.ko' -exec strip --strip-debug {} +
	(cd "$stage" && find . | cpio -o -H newc --quiet | gzip -1) >"$img"
}

# The drivers whose RX rings rxpath resolves (module/ring_drivers.c).
ring_drivers="e1000e e1000 igb igc ixgbe i40e ice virtio_net vmxnet3 ena gve ixgbevf iavf mlx5_core"

mkdir -p "$work/userspace"
make -s -C "$RXPATH_TOP/userspace" STATIC=1 O="$work/userspace" \
	"$work/userspace/rxpath" "$work/userspace/rxpath-devtest" \
	"$work/userspace/rxpath-devtest32" ||
	{ echo "not ok - $KREL: the reader builds (userspace/)"; exit 1; }
initramfs=$work/initramfs.cpio.gz
initramfs_build "$initramfs"

# A kernel error report anywhere in a guest's console fails its scenario;
# running out of memory (oom_bad) or a stuck command (stuck) also ends the
# guest at once.
oom_bad='page allocation failure|invoked oom-killer|Out of memory'
stuck='^rxpath-guest: stuck: '
bad="(unreferenced object|BUG:|WARNING:|Oops|Kernel panic|KASAN:|UBSAN:|general protection fault|possible circular locking|possible recursive locking|suspicious RCU usage|inconsistent lock state|Call Trace:|hung_task|soft lockup|hard LOCKUP|$oom_bad)"
# without_alloc_reports CONSOLE: the console, less the allocators' reports
# of failures (from their first line to the end of their call trace) when
# the scenario injects them (alloc_reports): the page allocator's, vmalloc's
# and the per-CPU allocator's (pcpu_alloc's "percpu: allocation failed",
# with a stack for its first ten).
without_alloc_reports() {
	if [ -z "$alloc_reports" ]; then
		cat "$1"
		return
	fi
	awk '/(page allocation failure|vmalloc error): |percpu: allocation failed, / { skip = 1 }
		skip && /<\/TASK>/ { skip = 0; next }
		!skip' "$1"
}
failed=0
for scenario in "$@"; do
	tag="$KREL $nic $scenario"
	console=$work/$scenario.console.log
	result=$work/$scenario.result
	rm -f "$console" "$result"
	start=$(date +%s)
	# Multi-threaded TCG needs QEMU 10 (need_qemu says why); with
	# bookworm's 7.2, RXPATH_TCG_OPTS=,thread=single is the safe setting.
	tcg=${RXPATH_TCG_OPTS-,thread=multi} smp=${RXPATH_SMP:-2} extra=${RXPATH_QEMU_ARGS:-}
	# A scenario that needs a slow guest clock says "# vm-icount: SHIFT"
	# (guest ns per executed instruction, as a power of 2). -icount runs
	# single-threaded, and boots one vCPU only. Not on the debug kernel:
	# with its clock slowed that much it spends its time in its timer
	# interrupt, and its time-based checkers (soft lockup, the clocksource
	# watchdog) fire on what are only many instructions.
	shift=$(sed -n 's/^# vm-icount: \([0-9]*\)$/\1/p' "$RXPATH_TOP/tests/scenarios/$scenario.sh" 2>/dev/null)
	if [ -n "$shift" ] && is_debug; then
		echo "ok - $tag: # SKIP needs -icount, which the debug kernel cannot run under"
		continue
	fi
	# "# vm-not-debug: WHY": a scenario with nothing for the debug kernel.
	why=$(sed -n 's/^# vm-not-debug: //p' "$RXPATH_TOP/tests/scenarios/$scenario.sh" 2>/dev/null)
	if [ -n "$why" ] && is_debug; then
		echo "ok - $tag: # SKIP $why"
		continue
	fi
	if [ -n "$shift" ]; then
		tcg=,thread=single smp=1 extra="-icount shift=$shift"
	fi
	# "# vm-tcg-single: WHY": single-threaded TCG on Debian's kernel (the
	# debug kernel stalls on 2 vCPUs without multi-threaded TCG).
	if grep -q '^# vm-tcg-single: ' "$RXPATH_TOP/tests/scenarios/$scenario.sh" 2>/dev/null &&
		! is_debug; then
		tcg=,thread=single
	fi
	# "# vm-nics: MODEL...": a pair of each QEMU NIC model more, each pair
	# on a hub of its own (the guest's eth2 and eth3 are the first pair).
	# Each at a PCI slot of its own, 2 apart from slot 4 on: igb's 8
	# virtual functions sit at its function number plus 0x80, stride 2,
	# so two igbs in adjacent slots would overlap.
	hub=0
	for model in $(sed -n 's/^# vm-nics: //p' "$RXPATH_TOP/tests/scenarios/$scenario.sh" 2>/dev/null); do
		hub=$((hub + 1))
		for side in a b; do
			off=0; [ $side = b ] && off=2
			slot=$(printf "0x%x" $((4 * hub + off)))
			extra="$extra -netdev hubport,id=h$hub$side,hubid=$hub -device $model,netdev=h$hub$side,addr=$slot"
		done
	done
	# "# vm-tap: RATE [DEBUG_RATE]": one more NIC, virtio-net with 2 queue
	# pairs (MAC 52:54:00:72:78:70, the last PCI slot) on a multiqueue tap
	# of the host's, which tests/lib/tap-flood.py floods with RATE frames
	# a second (DEBUG_RATE on the debug kernel) over 64 flows, from the
	# boot to the end: a hub port is one queue, and ethtool -L needs more.
	# The host needs root and /dev/net/tun; without them, no such NIC.
	tap= tap_rate=$(sed -n 's/^# vm-tap: //p' "$RXPATH_TOP/tests/scenarios/$scenario.sh" 2>/dev/null)
	if [ -n "$tap_rate" ] && [ -c /dev/net/tun ] && [ "$(id -u)" = 0 ]; then
		read -r rate debug_rate <<<"$tap_rate"
		tap_rate=$rate
		is_debug && tap_rate=${debug_rate:-$rate}
		tap=rxpath$$
		extra="$extra -netdev tap,id=tp,ifname=$tap,script=no,downscript=no,queues=2,vhost=off"
		extra="$extra -device virtio-net-pci,netdev=tp,mq=on,vectors=6,mac=52:54:00:72:78:70,addr=0x1f"
	fi
	# "# vm-hostfwd: PORT": one more NIC (e1000e, MAC 52:54:00:72:78:71,
	# PCI slot 0x1e) on QEMU's user-mode network, restricted to the guest
	# (restrict=on: no way out), with a TCP port of the host's loopback
	# forwarded to the guest's PORT at 10.0.2.15; the host's port is
	# RXPATH_HOSTFWD_PORT for the scenario's .pre and .host scripts.
	fwd_port= guest_port=$(sed -n 's/^# vm-hostfwd: \([0-9]*\)$/\1/p' "$RXPATH_TOP/tests/scenarios/$scenario.sh" 2>/dev/null)
	if [ -n "$guest_port" ]; then
		fwd_port=$(free_port)
		extra="$extra -netdev user,id=uf,restrict=on,hostfwd=tcp:127.0.0.1:$fwd_port-:$guest_port"
		extra="$extra -device e1000e,netdev=uf,mac=52:54:00:72:78:71,addr=0x1e"
	fi
	# "# vm-host-root: WHY": the host's root, read-only, as 9p tag
	# hostroot (make bench runs the host's bpftrace from it).
	if grep -q '^# vm-host-root: ' "$RXPATH_TOP/tests/scenarios/$scenario.sh" 2>/dev/null; then
		extra="$extra -virtfs local,path=/,mount_tag=hostroot,security_model=none,readonly=on"
	fi
	# The debug kernel runs tens of times slower than on hardware: a task
	# that waits 2 minutes there for a lock held through a ring resize
	# has waited seconds. Its hung-task detector waits 8 minutes, still
	# within the guest's time limit, so a task that never wakes fails
	# the run either way.
	# "# vm-injects-alloc-failures: WHY": the allocator reports each failure
	# it is made to have (warn_alloc: "page allocation failure", "vmalloc
	# error", each with a call trace); those reports are not errors there.
	# Running out of memory still is.
	oom_pat=$oom_bad alloc_reports=
	if grep -q '^# vm-injects-alloc-failures: ' "$RXPATH_TOP/tests/scenarios/$scenario.sh" 2>/dev/null; then
		oom_pat='invoked oom-killer|Out of memory' alloc_reports=1
	fi
	cmdline=
	is_debug && cmdline="sysctl.kernel.hung_task_timeout_secs=480"
	# "# vm-cmdline: WORDS": kernel parameters a scenario boots with.
	cmdline="$cmdline $(sed -n 's/^# vm-cmdline: //p' "$RXPATH_TOP/tests/scenarios/$scenario.sh" 2>/dev/null)"
	# RXPATH_SOAK (make soak): the scenarios that know it run their full
	# counts (the guest's init sees rxpath_soak=1 in its environment).
	[ -z "${RXPATH_SOAK:-}" ] || cmdline="$cmdline rxpath_soak=1"
	[ -z "$kunit_suites" ] || cmdline="$cmdline rxpath_kunit_suites=$kunit_suites"
	# A kernel that crashes while it boots, before the guest's init has
	# printed a line (so before any module is loaded), is booted once
	# more: Debian's 7.2 has died so under multi-threaded TCG in its own
	# text patching ("Oops: int3" in enqueue_task_fair, at 1.6 s). The
	# first console is kept, and the retry said.
	# A scenario's tests/scenarios/<scenario>.pre runs on the host before
	# its boot (a Prometheus server for the guest's exporter): what it
	# starts in the background it names in $pre/pids, stopped after the
	# scenario's .host script; its verdicts are the scenario's.
	pre=$work/$scenario.pre.d
	rm -rf "$pre" && mkdir -p "$pre"
	if [ -f "$RXPATH_TOP/tests/scenarios/$scenario.pre" ]; then
		RXPATH_PRE_DIR=$pre RXPATH_HOSTFWD_PORT=$fwd_port \
			bash "$RXPATH_TOP/tests/scenarios/$scenario.pre" >"$work/$scenario.pre.log" 2>&1 || failed=1
		sed -nE "s/^(ok|not ok) - (.*)$/\\1 - $tag: pre: \\2/p; s/^(#.*)$/\\1/p" "$work/$scenario.pre.log"
		grep -q '^not ok ' "$work/$scenario.pre.log" && failed=1
	fi
	for attempt in 1 2; do
		timeout "${RXPATH_VM_TIMEOUT:-600}" qemu-system-x86_64 -accel "tcg$tcg" -m 2048 -smp "$smp" \
			-nodefaults -display none -no-reboot -monitor none \
			-kernel "$KIMAGE" -initrd "$initramfs" \
			-append "console=ttyS0 panic=-1 panic_on_warn=1 oops=panic softlockup_panic=1 rxpath_scenario=$scenario $cmdline" \
			-serial "file:$console" -serial "file:$result" \
			-netdev hubport,id=p0,hubid=0 -device "$nic,netdev=p0" \
			-netdev hubport,id=p1,hubid=0 -device "$nic,netdev=p1" \
			$extra >"$work/$scenario.qemu.log" 2>&1 &
		qemu=$!
		flood=
		if [ -n "$tap" ]; then
			(
				j=0
				while ! ip link show "$tap" >/dev/null 2>&1 && [ $j -lt 100 ]; do
					sleep 0.1; j=$((j + 1))
				done
				exec python3 "$RXPATH_TOP/tests/lib/tap-flood.py" "$tap" 52:54:00:72:78:70 "$tap_rate"
			) >"$work/$scenario.tap.log" 2>&1 &
			flood=$!
		fi
		# A guest out of memory does not panic, and may take the rest of its
		# time limit to end; nor does one stuck in a command (the guest's
		# bounded). Either is stopped at once, the report's lines given a few
		# seconds to land.
		stop=
		while kill -0 $qemu 2>/dev/null; do
			if grep -aqE "$oom_pat|$stuck" "$console" 2>/dev/null; then
				stop=$(grep -aqE "$oom_pat" "$console" && echo "out of memory" || echo stuck)
				sleep 5
				kill $qemu 2>/dev/null || true
				break
			fi
			sleep 1
		done
		wait $qemu || true
		[ -z "$flood" ] || { kill $flood 2>/dev/null; wait $flood 2>/dev/null; } || true
		if [ $attempt = 1 ] && ! grep -aq 'rxpath-guest' "$console" 2>/dev/null &&
			grep -aqE "$bad" "$console" 2>/dev/null; then
			mv "$console" "$console.boot1"
			rm -f "$result"
			echo "# $tag: the kernel crashed while booting, before the guest's init ran; booting it again (first console: $console.boot1)"
			continue
		fi
		break
	done
	secs=$(($(date +%s) - start))
	tr -d '\r' <"$result" >"$result.txt" 2>/dev/null || : >"$result.txt"
	# Everything but the verdicts is shown as it came (make demo).
	grep -vE '^(ok|not ok) [0-9]+ - |^rxpath-guest-done ' "$result.txt" || true
	sed -nE "s/^(ok|not ok) [0-9]+ - (.*)$/\\1 - $tag: \\2/p" "$result.txt"
	grep -q '^not ok ' "$result.txt" && failed=1
	if [ -n "$stop" ]; then
		echo "not ok - $tag: guest finished (stopped after ${secs}s: $stop; console: $console)"
		grep -aE -m 1 -A 60 "$oom_pat|rxpath-guest: NOT OK" "$console" | sed 's/^/#   /'
		failed=1
	elif grep -q '^rxpath-guest-done ' "$result.txt"; then
		echo "ok - $tag: guest finished in ${secs}s"
	else
		echo "not ok - $tag: guest finished (no verdict after ${secs}s; console: $console)"
		tail -n 40 "$console" | sed 's/^/#   /'
		failed=1
	fi
	# A scenario's host side, tests/scenarios/<scenario>.host, checks what
	# the guest printed (its non-verdict lines) with host tools.
	if [ -f "$RXPATH_TOP/tests/scenarios/$scenario.host" ]; then
		if ! RXPATH_RESULT=$result.txt KROOT=$KROOT KIMAGE=$KIMAGE KMODULES=$KMODULES \
			RXPATH_PRE_DIR=$pre RXPATH_HOSTFWD_PORT=$fwd_port \
			bash "$RXPATH_TOP/tests/scenarios/$scenario.host" \
			>"$work/$scenario.host.log" 2>&1; then
			failed=1
		fi
		sed -nE "s/^(ok|not ok) - (.*)$/\\1 - $tag: host: \\2/p; s/^(#.*)$/\\1/p" "$work/$scenario.host.log"
		grep -q '^not ok ' "$work/$scenario.host.log" && failed=1
	fi
	if [ -s "$pre/pids" ]; then
		# shellcheck disable=SC2046
		kill $(cat "$pre/pids") 2>/dev/null || true
	fi
	# Not pktgen's "pktgen: WARNING: ..." (plain text, not a WARN splat),
	# nor the kernel echoing its command line (hung_task_timeout_secs);
	# nor, where failures are injected, the allocator's reports of them.
	if without_alloc_reports "$console" | grep -aEn "$bad" |
		grep -avE "pktgen: WARNING: |[Cc]ommand line: " >"$work/$scenario.bad"; then
		echo "not ok - $tag: console free of kernel error reports"
		head -n 20 "$work/$scenario.bad" | sed 's/^/#   /'
		failed=1
	else
		echo "ok - $tag: console free of kernel error reports"
	fi
done
exit $failed
