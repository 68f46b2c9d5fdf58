#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# make bench: the cost of rxpath's hooks, and of bpftrace doing the same
# job, measured side by side in one boot. Prints figures and ratios;
# never fails on a number. The whole output is also kept in
# bench/results/DATE-KERNEL.txt (RXPATH_BENCH_RESULTS: another directory).
#
# The guest runs with -icount: its clock advances by executed instructions
# (shift=0: one per ns), not by host time. Packets/s then measures guest
# instructions per packet, free of the host's and the emulator's timing
# noise (plain TCG figures here varied by +-30% round to round). It says
# nothing of a real CPU's absolute speed, only of relative cost in
# instructions; cache and branch effects of real hardware are not in it.
# -icount does not bring up a second vCPU here (the boot stops at "Booting
# SMP configuration"), so the bench guest has one CPU, which is also all
# the benchmark uses. -icount needs single-threaded TCG. bpftrace is the
# host's (installed here if missing), run in the guest from the host's
# root over 9p.

set -euo pipefail
. "$(dirname "$0")/lib/common.sh"
need_host_tools
need_pkgs bpftrace
results=${RXPATH_BENCH_RESULTS:-$RXPATH_TOP/bench/results}
mkdir -p "$results"
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
{
	echo "# make bench, $(date -u '+%Y-%m-%d %H:%M UTC')"
	echo "# command: tests/bench.sh $*"
	echo "# host: $(nproc) CPUs, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n1), $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo), Debian $(cat /etc/debian_version)"
	echo "# guest: $(qemu-system-x86_64 --version | head -n1), TCG single-threaded, -icount shift=0, 1 vCPU"
	echo "# rxpath: $(git -C "$RXPATH_TOP" describe --always --dirty 2>/dev/null || echo unknown)"
} >"$tmp"
cat "$tmp"
out=$(RXPATH_QEMU_ARGS=${RXPATH_QEMU_ARGS-"-icount shift=0"} RXPATH_SMP=${RXPATH_SMP:-1} \
	RXPATH_TCG_OPTS=${RXPATH_TCG_OPTS-,thread=single} \
	"$RXPATH_TOP/tests/vm.sh" "$@" bench 2>&1) || status=$?
printf '%s\n' "$out" | grep -vE '^(# |ok - )' | tee -a "$tmp"
krel=$(printf '%s\n' "$out" | sed -n 's/^ok - \([^ :]*\): rxpath.ko builds.*/\1/p' | head -n1)
cp "$tmp" "$results/$(date -u +%Y-%m-%d)-${krel:-unknown}.txt"
echo "(kept in $results/$(date -u +%Y-%m-%d)-${krel:-unknown}.txt)"
exit "${status:-0}"
