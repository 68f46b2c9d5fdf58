#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# Kernel coding style: scripts/checkpatch.pl from Debian's linux-source-6.1
# (fetched once into the cache) over every C file of the module and the ABI
# header. Version checks are allowed: compat.h is where they belong.

set -euo pipefail
. "$(dirname "$0")/lib/common.sh"

need_pkgs perl xz-utils
dir=$RXPATH_CACHE/checkpatch
if [ ! -e "$dir/.complete" ]; then
	tmp=$dir.tmp.$$
	rm -rf "$tmp" && mkdir -p "$tmp"
	apt_download "$tmp" linux-source-6.1
	dpkg-deb --fsys-tarfile "$tmp"/linux-source-6.1_*.deb |
		tar -xO --wildcards '*/linux-source-6.1.tar.xz' |
		tar -xJ -C "$tmp" --strip-components=1 \
			linux-source-6.1/scripts/checkpatch.pl \
			linux-source-6.1/scripts/spelling.txt \
			linux-source-6.1/scripts/const_structs.checkpatch
	rm -f "$tmp"/*.deb
	touch "$tmp/.complete"
	rm -rf "$dir" && mv "$tmp" "$dir"
fi
cd "$RXPATH_TOP"
# The reader too (userspace C in the kernel's style); its signal flag is
# rightly volatile.
for f in module/*.c module/*.h kunit/*.c kunit/*.h include/uapi/linux/rxpath.h \
	userspace/*.c userspace/*.h userspace/tests/*.c tests/tcg-kprobe/*.c; do
	ignore=LINUX_VERSION_CODE,CONSTANT_COMPARISON,VOLATILE
	# compat.h defines EXPORT_SYMBOL_IF_KUNIT for kernels before
	# kunit/visibility.h, as that header does: no symbol to follow.
	[ "$f" = module/compat.h ] && ignore=$ignore,EXPORT_SYMBOL
	if out=$(perl "$dir/scripts/checkpatch.pl" --no-tree --terse --show-types \
		--ignore "$ignore" -f "$f" 2>&1); then
		echo "ok - checkpatch clean: $f"
	else
		echo "not ok - checkpatch clean: $f"
		printf '%s\n' "$out" | sed 's/^/#   /'
	fi
done
