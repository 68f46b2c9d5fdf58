#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# sparse (make C=2) over the module: the kernel's address-space,
# endianness and lock-context annotations, and symbols that should be
# static. tests/sparse.sh KEY...: against each kernel_fetch KEY (bookworm:
# Debian 12's 6.1; debug: the debug kernel, which has CONFIG_KUNIT, so the
# KUnit suites too). Any sparse warning fails; each file is one verdict.

set -euo pipefail
. "$(dirname "$0")/lib/common.sh"

need_pkgs sparse

# sparse_run NAME: checks a copy of the tree against KHEADERS; one verdict
# per C file that was checked.
sparse_run() {
	local name=$1 out=$RXPATH_OUT/sparse-$1 f log
	rm -rf "$out"
	module_tree_copy "$out/src"
	log=$out/sparse.log
	if ! make -C "$KHEADERS" M="$out/src" C=2 modules >"$log" 2>&1; then
		echo "not ok - sparse ($name): the build failed"
		sed 's/^/#   /' "$log"
		return
	fi
	# Each warning is the file's whose CHECK line came last: one in a
	# header (an inline function of ours, or the kernel's with our
	# arguments) counts against the file that included it.
	awk -v src="$out/src/" '
		$1 == "CHECK" { f = $2; sub(src, "", f); next }
		/: (warning|error):/ { sub(src, ""); print f ": " $0 }
	' "$log" >"$out/hits"
	for f in "$out"/src/module/*.c "$out"/src/kunit/*.c; do
		[ -f "${f%.c}.o" ] || continue
		f=${f#"$out"/src/}
		if grep -q "^$f: " "$out/hits"; then
			echo "not ok - sparse clean ($name): $f"
			grep "^$f: " "$out/hits" | sed "s|^$f: |#   |"
		else
			echo "ok - sparse clean ($name): $f"
		fi
	done
	if grep -q "^: " "$out/hits"; then
		echo "not ok - sparse clean ($name): before any file"
		sed -n "s|^: |#   |p" "$out/hits"
	fi
}

for key in "${@:-bookworm}"; do
	kernel_fetch "$key"
	sparse_run "$KREL"
done
