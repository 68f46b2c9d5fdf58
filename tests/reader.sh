#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# The reader on the host: it builds with -Wall -Wextra -Werror, and its
# unit tests (cmocka, TAP output) pass. The guest scenarios run it against
# the module.

set -uo pipefail
. "$(dirname "$0")/lib/common.sh"

need_pkgs make gcc libc6-dev libcmocka-dev
out=$RXPATH_OUT/reader
mkdir -p "$out"
if make -s -C "$RXPATH_TOP/userspace" O="$out" "$out/rxpath" "$out/rxpath-unit" >"$out/build.log" 2>&1; then
	echo "ok - userspace: rxpath builds with -Wall -Wextra -Werror"
else
	echo "not ok - userspace: rxpath builds with -Wall -Wextra -Werror"
	sed 's/^/#   /' "$out/build.log"
	exit 1
fi
CMOCKA_MESSAGE_OUTPUT=TAP "$out/rxpath-unit" >"$out/unit.log" 2>&1
rc=$?
sed -nE 's/^(ok|not ok) [0-9]+ - (.*)$/\1 - userspace unit: \2/p; s/^(#.*)$/\1/p' "$out/unit.log"
grep -qE '^ok [0-9]+ - ' "$out/unit.log" || echo "not ok - userspace unit: the tests ran"
[ "$rc" -eq 0 ] || echo "not ok - userspace unit: rxpath-unit exits 0 (got $rc)"
"$out/rxpath" 2>/dev/null
[ $? -eq 2 ] && echo "ok - userspace: rxpath without a command exits 2" ||
	echo "not ok - userspace: rxpath without a command exits 2"
"$out/rxpath" watch -t 1 2>"$out/err"
if [ $? -eq 1 ] && grep -q 'module is not loaded' "$out/err"; then
	echo "ok - userspace: without the module, one line says so"
else
	echo "not ok - userspace: without the module, one line says so"
fi
"$out/rxpath" watch --budget-left 101 2>/dev/null
[ $? -eq 2 ] && echo "ok - userspace: a bad option value exits 2" ||
	echo "not ok - userspace: a bad option value exits 2"
