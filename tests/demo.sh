#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# make demo: builds rxpath against Debian 12's kernel, boots that kernel in
# QEMU with two e1000e NICs on one hub, loads rxpath, pushes a pktgen flood
# into eth1 with RPS steering it to CPU 1 and a small netdev_max_backlog,
# and shows what `cat /sys/kernel/debug/rxpath/*` says before and after.

set -euo pipefail
. "$(dirname "$0")/lib/common.sh"
need_host_tools
out=$("$RXPATH_TOP/tests/vm.sh" "$@" demo 2>&1) || status=$?
# The guest's output, then the test bed's own verdict lines.
printf '%s\n' "$out" | grep -vE '^(# |ok - |not ok - )'
printf '%s\n' "$out" | grep -E '^not ok - ' && exit 1
echo "(demo: guest finished cleanly; logs in $RXPATH_OUT)"
exit "${status:-0}"
