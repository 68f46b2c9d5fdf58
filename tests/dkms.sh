#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# Builds rxpath through DKMS itself, in a private DKMS tree (nothing on the
# host is registered or installed), against the test bed's Debian headers:
# dkms.conf, its BUILD_EXCLUSIVE_* lines and the Makefile's KDIR contract
# are exercised the way a fleet machine uses them.
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
dk=$RXPATH_OUT/dkms
rm -rf "$dk"
mkdir -p "$dk/src/rxpath-$version" "$dk/tree" "$dk/install"
cp -r "$RXPATH_TOP"/{Kbuild,Makefile,dkms.conf,module,include,kunit} "$dk/src/rxpath-$version/"
dkms_do() {
	dkms --dkmstree "$dk/tree" --sourcetree "$dk/src" --installtree "$dk/install" "$@"
}
if dkms_do add -m rxpath -v "$version" >"$dk/log" 2>&1 &&
	dkms_do build -m rxpath -v "$version" -k "$KREL" \
		--kernelsourcedir "$KHEADERS" >>"$dk/log" 2>&1; then
	ko=$(find "$dk/tree/rxpath/$version/$KREL" -name 'rxpath.ko*' | head -n1)
else
	ko=
fi
if [ -n "$ko" ] && modinfo -F version "$ko" | grep -qx "$version"; then
	echo "ok - $KREL: dkms build gives rxpath.ko version $version"
else
	echo "not ok - $KREL: dkms build gives rxpath.ko version $version"
	sed 's/^/#   /' "$dk/log"
	exit 1
fi
if modinfo -F vermagic "$ko" | grep -q "^$KREL "; then
	echo "ok - $KREL: dkms-built module's vermagic names $KREL"
else
	echo "not ok - $KREL: dkms-built module's vermagic names $KREL"
	exit 1
fi
