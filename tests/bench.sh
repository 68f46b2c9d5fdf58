#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# make bench: the cost of rxpath's hooks, measured side by side in one boot.
# Prints figures and ratios; never fails on a number.
#
# The guest runs with -icount: its clock advances by executed instructions
# (shift=0: one per ns), not by host time. Packets/s then measures guest
# instructions per packet, free of the host's and the emulator's timing
# noise (plain TCG figures here varied by +-30% round to round). It says
# nothing of a real CPU's absolute speed, only of relative cost in
# instructions; cache and branch effects of real hardware are not in it.
# -icount does not bring up a second vCPU here (the boot stops at "Booting
# SMP configuration"), so the bench guest has one CPU, which is also all
# the benchmark uses. -icount needs single-threaded TCG.

set -euo pipefail
. "$(dirname "$0")/lib/common.sh"
need_host_tools
out=$(RXPATH_QEMU_ARGS=${RXPATH_QEMU_ARGS-"-icount shift=0"} RXPATH_SMP=${RXPATH_SMP:-1} \
	RXPATH_TCG_OPTS=${RXPATH_TCG_OPTS-,thread=single} \
	"$RXPATH_TOP/tests/vm.sh" "$@" bench 2>&1) || status=$?
printf '%s\n' "$out" | grep -vE '^(# |ok - )'
exit "${status:-0}"
