#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# A test of the emulator, not of rxpath (not in make check): builds
# tests/tcg-kprobe/kprobe_flip.ko against Debian 12's kernel headers and
# boots it in rxpath.ko's place under the test bed's multi-threaded TCG,
# running the tcg-kprobe scenario: load-loop's traffic and rounds with a
# module that only arms, disarms and unregisters a kprobe on
# enqueue_to_backlog. RXPATH_SOAK=1 runs 3000 rounds instead of 300.
#
#   tests/tcg-kprobe.sh

set -euo pipefail
. "$(dirname "$0")/lib/common.sh"

need_host_tools
kernel_fetch bookworm
out=$RXPATH_OUT/tcg-kprobe/$KREL
rm -rf "$out"
mkdir -p "$out"
cp "$RXPATH_TOP"/tests/tcg-kprobe/{Kbuild,kprobe_flip.c} "$out/"
make -C "$KHEADERS" M="$out" W=1 modules >"$out/build.log" 2>&1 ||
	{ cat "$out/build.log" >&2; die "kprobe_flip.ko does not build"; }
RXPATH_PREBUILT_KO=$out/kprobe_flip.ko exec "$RXPATH_TOP/tests/vm.sh" -k bookworm tcg-kprobe
