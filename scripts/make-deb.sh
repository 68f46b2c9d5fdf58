#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# make deb: builds rxpath-dkms_<version>_all.deb (the module's source, for
# DKMS) and rxpath_<version>_<arch>.deb (the reader) from a copy of this
# tree, with debhelper and dh-dkms, then runs lintian over them: any error
# or warning fails the build.
#
#   scripts/make-deb.sh [OUTDIR]     (default: out/deb)
#
# The build dependencies are installed with apt-get when they are missing
# and this runs as root; otherwise dpkg-checkbuilddeps names them.

set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-$top/out/deb}
version=$(sed -n 's/^PACKAGE_VERSION="\(.*\)"/\1/p' "$top/dkms.conf")
changelog=$(sed -n '1s/^rxpath (\([^)]*\)).*/\1/p' "$top/debian/changelog")
if [ "$version" != "$changelog" ]; then
	echo "make-deb: dkms.conf says version $version, debian/changelog $changelog: bump both" >&2
	exit 1
fi

tools="debhelper dh-dkms dpkg-dev build-essential libcmocka-dev lintian"
missing=
for p in $tools; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' ||
		missing="$missing $p"
done
if [ -n "$missing" ]; then
	if [ "$(id -u)" != 0 ]; then
		echo "make-deb: needs$missing (apt-get install$missing)" >&2
		exit 1
	fi
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >&2 ||
		{ apt-get update -qq >&2 &&
		  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >&2; }
fi

src=$out/rxpath-$version
rm -rf "$out" && mkdir -p "$src"
(cd "$top" && cp -r Kbuild Makefile dkms.conf README.md docs module include kunit \
	userspace deploy debian "$src/")
(cd "$src" && dpkg-buildpackage -us -uc -b) >"$out/build.log" 2>&1 || {
	tail -n 30 "$out/build.log" >&2
	echo "make-deb: dpkg-buildpackage failed (log: $out/build.log)" >&2
	exit 1
}
rm -rf "$src"
changes=$(ls "$out"/rxpath_"$version"_*.changes)
# (lintian says that running as root "is not recommended": not a finding)
status=0
lintian --fail-on error,warning "$changes" >"$out/lintian.log" 2>&1 || status=$?
sed -i '/running with root privileges/d' "$out/lintian.log"
if [ "$status" -ne 0 ]; then
	cat "$out/lintian.log" >&2
	echo "make-deb: lintian found errors or warnings" >&2
	exit 1
fi
cat "$out/lintian.log"
ls "$out"/*.deb
