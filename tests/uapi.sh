#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# The ABI header must compile on its own in userspace C (C99 and C++), with
# nothing but the system's <linux/types.h>, and -Wall -Wextra -Werror clean.

set -uo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
printf '#include <linux/rxpath.h>\nint main(void) { return RXPATH_ABI_VERSION == 0 || RXPATH_HIST_BUCKETS != 33; }\n' >"$tmp/t.c"
if gcc -std=c99 -Wall -Wextra -Werror -I"$top/include/uapi" "$tmp/t.c" -o "$tmp/t" && "$tmp/t"; then
	echo "ok - include/uapi/linux/rxpath.h compiles alone in userspace C99"
else
	echo "not ok - include/uapi/linux/rxpath.h compiles alone in userspace C99"
fi
if command -v g++ >/dev/null && cp "$tmp/t.c" "$tmp/t.cc" &&
	g++ -Wall -Wextra -Werror -I"$top/include/uapi" "$tmp/t.cc" -o "$tmp/t2"; then
	echo "ok - include/uapi/linux/rxpath.h compiles in C++"
elif ! command -v g++ >/dev/null; then
	echo "ok - include/uapi/linux/rxpath.h compiles in C++ # SKIP no g++"
else
	echo "not ok - include/uapi/linux/rxpath.h compiles in C++"
fi
