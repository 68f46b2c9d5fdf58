#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# Builds rxpath through DKMS itself, in a private DKMS tree (nothing on the
# host is registered or installed), against the test bed's Debian headers:
# dkms.conf, its BUILD_EXCLUSIVE_* lines and the Makefile's KDIR contract
# are exercised the way a fleet machine uses them. Another suite's kernel
# is built for by that suite's DKMS and compiler, in its chroot.
#
#   tests/dkms.sh [-k KERNEL]

set -euo pipefail
. "$(dirname "$0")/lib/common.sh"

kernel=${RXPATH_KERNEL:-bookworm}
while getopts k: opt; do
	case $opt in
	k) kernel=$OPTARG ;;
	*) die "usage: $0 [-k KERNEL]" ;;
	esac
done

need_pkgs dkms make gcc
kernel_fetch "$kernel"
version=$(sed -n 's/^PACKAGE_VERSION="\(.*\)"/\1/p' "$RXPATH_TOP/dkms.conf")
if [ -n "$KSUITE" ]; then
	# In the chroot: dk is its path there, host the chroot's root.
	host=$RXPATH_CACHE/chroot/$KSUITE dk=/build/dkms headers=/usr/src/linux-headers-$KREL
	mount -t proc proc "$host/proc"
	trap 'umount "$host/proc" 2>/dev/null || umount -l "$host/proc"' EXIT
	in_suite() { chroot "$host" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LC_ALL=C "$@"; }
else
	host= dk=$RXPATH_OUT/dkms headers=$KHEADERS
	in_suite() { "$@"; }
fi
# DKMS 2.8 (Debian 11's) given --kernelsourcedir "prepares" and cleans that
# tree (make mrproper deletes its config): it finds the suite's headers at
# /lib/modules/<release>/build by itself. DKMS 3 is told where they are.
[ "$(in_suite dkms --version 2>/dev/null | sed -n 's/^dkms[^0-9]*\([0-9]*\).*/\1/p')" = 2 ] && headers=
rm -rf "$host$dk"
mkdir -p "$host$dk/src/rxpath-$version" "$host$dk/tree" "$host$dk/install"
cp -r "$RXPATH_TOP"/{Kbuild,Makefile,dkms.conf,module,include,kunit} "$host$dk/src/rxpath-$version/"
dkms_do() {
	in_suite dkms --dkmstree "$dk/tree" --sourcetree "$dk/src" --installtree "$dk/install" "$@"
}
if dkms_do add -m rxpath -v "$version" >"$host$dk/log" 2>&1 &&
	dkms_do build -m rxpath -v "$version" -k "$KREL" \
		${headers:+--kernelsourcedir "$headers"} >>"$host$dk/log" 2>&1; then
	ko=$(find "$host$dk/tree/rxpath/$version/$KREL" -name 'rxpath.ko*' | head -n1)
else
	ko=
fi
if [ -n "$ko" ] && modinfo -F version "$ko" | grep -qx "$version"; then
	echo "ok - $KREL: dkms build gives rxpath.ko version $version"
else
	echo "not ok - $KREL: dkms build gives rxpath.ko version $version"
	sed 's/^/#   /' "$host$dk/log"
	exit 1
fi
if modinfo -F vermagic "$ko" | grep -q "^$KREL "; then
	echo "ok - $KREL: dkms-built module's vermagic names $KREL"
else
	echo "not ok - $KREL: dkms-built module's vermagic names $KREL"
	exit 1
fi
