#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# make check: every test, on every kernel of the test bed. Host-side checks
# first (ABI header, style, sparse, reader), then per kernel the Debian packages
# installed through DKMS in the suite's chroot (tests/dkms.sh) and each
# guest scenario in its own boot, with the module DKMS built.
# Ends with "N passed, N failed" and exits non-zero on any failure.
#
#   RXPATH_KERNELS   kernels to boot (default: "trixie debug bookworm
#                    sid": the current kernels of Debian 13, Debian 12 and
#                    sid with their security updates, each with rxpath
#                    built by its suite's DKMS and compiler in a chroot
#                    (for the cloud flavour's headers too), and the debug
#                    kernel built from trixie's 6.12 source with KUnit,
#                    KASAN, lockdep and kmemleak; make check-matrix adds
#                    Debian 11's 5.10 (past its LTS since August 2026;
#                    make check builds for it), debug-6.1, the same debug
#                    kernel from bookworm's 6.1 source, and the cloud
#                    flavour of Debian 13, 12 and sid)
#   RXPATH_FULL_KERNELS  kernels that run every scenario (default:
#                    "trixie") but kunit and faults, which need the debug
#                    kernel; the debug kernel runs the debug set, the
#                    others the core set. make check-matrix sets it to
#                    "all": every scenario on every kernel.
#   RXPATH_DEBUG_SCENARIOS  the debug set (default below: where KASAN,
#                    lockdep and kmemleak have the most to see: KUnit, the
#                    churn, fault and hostile-input scenarios, the device
#                    and its fuzzer)
#   RXPATH_CORE_SCENARIOS  the core set (default below: what differs
#                    between kernels: softnet_stat, drops and the flow
#                    limit, budget cycles, BTF, the device, backlog threads,
#                    a probe that cannot attach)
#   RXPATH_CLOUD_SCENARIOS  what the cloud flavour runs (default: the NIC
#                    drivers it builds for clouds, resolved from their BTF,
#                    and vmxnet3's full ring)
#   RXPATH_SCENARIOS scenarios to run on every kernel (default: all in
#                    tests/scenarios/ on the full kernels, the core set on
#                    the others)
#   RXPATH_BUILD_SUITES  Debian suites whose kernels rxpath is only built
#                    for (default: trixie sid bullseye, less those booted;
#                    empty to skip)

set -uo pipefail
. "$(dirname "$0")/lib/common.sh"

full_kernels=${RXPATH_FULL_KERNELS:-trixie}
if [ "$full_kernels" = all ]; then
	kernels=${RXPATH_KERNELS:-trixie debug bookworm sid bullseye trixie-cloud debug-6.1 bookworm-cloud sid-cloud}
else
	kernels=${RXPATH_KERNELS:-trixie debug bookworm sid}
fi
core=${RXPATH_CORE_SCENARIOS:-agree overflow budget rings-btf rings-vmxnet3 events backlog-threads probe-fail}
all=$(cd "$RXPATH_TOP/tests/scenarios" && ls *.sh | sed 's/\.sh$//' | grep -vxE "demo|bench|tcg-kprobe")
cloud=${RXPATH_CLOUD_SCENARIOS:-rings-btf rings-vmxnet3}
debug_set=${RXPATH_DEBUG_SCENARIOS:-kunit events faults lockdown load-loop nic-churn hotplug driver-churn hostile}
scenarios_for() {
	if [ -n "${RXPATH_SCENARIOS:-}" ]; then
		echo "$RXPATH_SCENARIOS"
	elif case $1 in *-cloud) true ;; *) false ;; esac; then
		echo "$cloud"
	elif [ "$full_kernels" = all ]; then
		echo "$all"
	elif case " $full_kernels " in *" $1 "*) true ;; *) false ;; esac; then
		# less what only the debug kernel can run (KUnit, fault
		# injection), which elsewhere boots to say so and skip
		echo "$all" | grep -vxE 'kunit|faults'
	elif [ "$1" = debug ]; then
		echo "$debug_set"
	else
		echo "$core"
	fi
}

log=$RXPATH_OUT/check.log
: >"$log"
start=$(date +%s)
# run COMMAND...: its verdicts into the log and onto the terminal, and
# how long it took (where make check's time goes: tests/README.md).
run() {
	local t0=$SECONDS what
	"$@" 2>&1 | tee -a "$log" | grep -E '^(not )?ok |^#   ' || true
	what=$(printf '%s\n' "$@" | grep -v '^env$\|^[A-Z_]*=' | sed 's|.*/tests/|tests/|' | tr '\n' ' ')
	echo "# $((SECONDS - t0)) s: ${what% }" | tee -a "$log"
}

need_host_tools
run "$RXPATH_TOP/tests/uapi.sh"
run "$RXPATH_TOP/tests/style.sh"
# sparse against 6.1's headers, and the debug kernel's (the KUnit suites)
# when it is booted: its build is cached for the boots then.
sparse_keys=bookworm
case " $kernels " in *" debug "*) sparse_keys="bookworm debug" ;; esac
# shellcheck disable=SC2086
run "$RXPATH_TOP/tests/sparse.sh" $sparse_keys
run "$RXPATH_TOP/tests/reader.sh"
run "$RXPATH_TOP/tests/deploy.sh"
# Newer Debian kernels not booted: build-tested (W=1, no warnings) in
# cached chroots (a booted one is built the same way by tests/vm.sh).
for suite in ${RXPATH_BUILD_SUITES-trixie sid bullseye}; do
	case " $kernels " in *" $suite "*) continue ;; esac
	run "$RXPATH_TOP/tests/lib/chroot-build.sh" "$suite" "$RXPATH_TOP" "$RXPATH_OUT/build-$suite"
done
# The package's upgrade is tried on the first Debian kernel (on every one
# in make check-matrix): -U for the others.
no_upgrade=
for k in $kernels; do
	# DKMS is for the distribution's kernels (the debug kernels are ours):
	# the package is installed in the suite's chroot, and the scenarios
	# boot the module DKMS built there. The chroot's DKMS builds for the
	# cloud flavour's headers too; its boots build their own.
	prebuilt=
	case $k in
	debug|debug-*|*-cloud) ;;
	*)
		rm -f "$RXPATH_OUT/dkms/$k/rxpath.ko"
		run "$RXPATH_TOP/tests/dkms.sh" -k "$k" ${no_upgrade:+"$no_upgrade"}
		[ "$full_kernels" = all ] || no_upgrade=-U
		[ ! -s "$RXPATH_OUT/dkms/$k/rxpath.ko" ] || prebuilt=$RXPATH_OUT/dkms/$k/rxpath.ko
		;;
	esac
	# shellcheck disable=SC2086
	run env RXPATH_PREBUILT_KO="$prebuilt" "$RXPATH_TOP/tests/vm.sh" -k "$k" $(scenarios_for "$k")
done

passed=$(grep -cE '^ok ' "$log" | tr -d ' ')
skipped=$(grep -cE '^ok .*# SKIP' "$log" | tr -d ' ')
failed=$(grep -cE '^not ok ' "$log" | tr -d ' ')
passed=$((passed - skipped))
echo "# make check took $(($(date +%s) - start))s; log: $log"
if [ "$passed" -eq 0 ]; then
	echo "not ok - the test bed ran no test"
	failed=$((failed + 1))
fi
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
