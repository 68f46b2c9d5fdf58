#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# make check: every test, on every kernel of the test bed. Host-side checks
# first (ABI header, DKMS build), then each guest scenario in its own boot.
# Ends with "N passed, N failed" and exits non-zero on any failure.
#
#   RXPATH_KERNELS   kernels to boot (default: "bookworm trixie sid bullseye
#                    debug": the current kernels of Debian 12, Debian 13, sid
#                    and Debian 11, the last three with rxpath built in their
#                    suite's chroot, and the debug kernel built from 6.1's
#                    source with KUnit, KASAN, lockdep and kmemleak)
#   RXPATH_SCENARIOS scenarios to run (default: all in tests/scenarios/)
#   RXPATH_BUILD_SUITES  Debian suites whose kernels rxpath is only built
#                    for (default: trixie sid, less those booted; empty to
#                    skip)

set -uo pipefail
. "$(dirname "$0")/lib/common.sh"

kernels=${RXPATH_KERNELS:-bookworm trixie sid bullseye debug}
if [ -n "${RXPATH_SCENARIOS:-}" ]; then
	scenarios=$RXPATH_SCENARIOS
else
	scenarios=$(cd "$RXPATH_TOP/tests/scenarios" && ls *.sh | sed 's/\.sh$//' | grep -vxE "demo|bench")
fi

log=$RXPATH_OUT/check.log
: >"$log"
start=$(date +%s)
run() {
	"$@" 2>&1 | tee -a "$log" | grep -E '^(not )?ok |^#   ' || true
}

need_host_tools
run "$RXPATH_TOP/tests/uapi.sh"
run "$RXPATH_TOP/tests/style.sh"
run "$RXPATH_TOP/tests/reader.sh"
# Newer Debian kernels not booted: build-tested (W=1, no warnings) in
# cached chroots (a booted one is built the same way by tests/vm.sh).
for suite in ${RXPATH_BUILD_SUITES-trixie sid}; do
	case " $kernels " in *" $suite "*) continue ;; esac
	run "$RXPATH_TOP/tests/lib/chroot-build.sh" "$suite" "$RXPATH_TOP" "$RXPATH_OUT/build-$suite"
done
for k in $kernels; do
	# DKMS is for the distribution's kernels; the debug kernel is ours.
	[ "$k" = debug ] || run "$RXPATH_TOP/tests/dkms.sh" -k "$k"
	# shellcheck disable=SC2086
	run "$RXPATH_TOP/tests/vm.sh" -k "$k" $scenarios
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
