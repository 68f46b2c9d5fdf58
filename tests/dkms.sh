#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# rxpath the way a fleet installs it. The packages of `make deb` are
# installed with apt-get into a chroot of the kernel's Debian suite, next
# to that suite's kernel headers, and the suite's own DKMS and compiler
# build and install the module there. Then: the reader package installs
# and runs; the headers of a kernel below the floor and of one without
# CONFIG_KPROBES arrive (the hook apt runs for a new linux-headers package)
# and DKMS skips both with its message; a version bump of the package
# rebuilds the module; removing the package removes it. The module DKMS
# installed is copied to OUT/dkms/KERNEL/rxpath.ko: tests/check.sh
# boots that one (RXPATH_PREBUILT_KO) for the kernel's scenarios.
#
#   tests/dkms.sh [-k KERNEL] [-U]   KERNEL: bookworm | trixie | sid | bullseye
#
# -U leaves out the upgrade (step 4, about 30 s: DKMS builds twice more):
# make check upgrades on its first Debian kernel only, make check-matrix
# on every one.

set -euo pipefail
. "$(dirname "$0")/lib/common.sh"

kernel=${RXPATH_KERNEL:-bookworm}
upgrade=1
while getopts k:U opt; do
	case $opt in
	k) kernel=$OPTARG ;;
	U) upgrade= ;;
	*) die "usage: $0 [-k KERNEL] [-U]" ;;
	esac
done

kernel_fetch "$kernel"
suite=${KSUITE:-}
[ "$kernel" = bookworm ] && suite=bookworm
[ -n "$suite" ] || die "$kernel is not a Debian suite's kernel: DKMS is tested on those"
root=$RXPATH_CACHE/chroot/$suite
"$RXPATH_TOP/tests/lib/chroot-build.sh" --ensure "$suite" || die "the $suite chroot could not be made"
version=$(sed -n 's/^PACKAGE_VERSION="\(.*\)"/\1/p' "$RXPATH_TOP/dkms.conf")
bump=$version.1
log=$RXPATH_OUT/dkms-$KREL.log
: >"$log"

failed=0
ok() { echo "ok - $KREL: $*"; }
not_ok() {
	echo "not ok - $KREL: $1"
	[ -z "${2:-}" ] || sed -n '1,40s/^/#   /p' "$2"
	failed=1
}

# make_debs DIR SRC: the packages of SRC's tree in DIR, built again when
# the tree changed since (make deb, lintian included).
make_debs() {
	local dir=$1 src=$2 hash
	# Of the contents only: a copy of the same tree hashes the same.
	hash=$(cd "$src" && tar --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner \
		-cf - Kbuild Makefile dkms.conf README.md docs module deploy \
		include kunit userspace debian scripts | sha256sum | cut -c1-16)
	[ "$(cat "$dir/.hash" 2>/dev/null)" = "$hash" ] && return 0
	"$src/scripts/make-deb.sh" "$dir" >"$dir.log" 2>&1 || return 1
	echo "$hash" >"$dir/.hash"
	echo "ok - make deb: $(cd "$dir" && ls ./*.deb | grep -v dbgsym | sed 's|^\./||' | tr '\n' ' ')lintian-clean (no error or warning)"
}

# The package at a newer version: the tree with dkms.conf and the
# changelog bumped, as a release does.
bump_tree() {
	local dir=$RXPATH_OUT/deb-bump-src
	rm -rf "$dir" && mkdir -p "$dir"
	cp -r "$RXPATH_TOP"/{Kbuild,Makefile,dkms.conf,README.md,docs,module,include,kunit,userspace,deploy,debian,scripts} "$dir/"
	sed -i "s/^PACKAGE_VERSION=.*/PACKAGE_VERSION=\"$bump\"/" "$dir/dkms.conf"
	{
		echo "rxpath ($bump) unstable; urgency=medium"
		echo
		echo "  * Test bed: the version after $version."
		echo
		# A day after the release's own date: the same tree gives the
		# same packages, built once for every kernel of a run.
		sed -n 's/^\( -- .*>\)  .*/\1/p' "$dir/debian/changelog" | head -n1 | tr -d '\n'
		echo "  $(date -R -d "$(sed -n 's/^ -- .*>  //p' "$dir/debian/changelog" | head -n1) + 1 day")"
		echo
		cat "$dir/debian/changelog"
	} >"$dir/debian/changelog.new"
	mv "$dir/debian/changelog.new" "$dir/debian/changelog"
	echo "$dir"
}

need_pkgs xz-utils zstd
mkdir -p "$RXPATH_OUT/deb" "$RXPATH_OUT/deb-bump"
make_debs "$RXPATH_OUT/deb" "$RXPATH_TOP" ||
	{ not_ok "make deb builds lintian-clean packages" "$RXPATH_OUT/deb.log"; exit 1; }
make_debs "$RXPATH_OUT/deb-bump" "$(bump_tree)" >/dev/null ||
	{ not_ok "make deb builds the bumped version" "$RXPATH_OUT/deb-bump.log"; exit 1; }

in_root() {
	chroot "$root" /usr/bin/env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
		HOME=/root LC_ALL=C DEBIAN_FRONTEND=noninteractive "$@"
}
low=4.19.0-99-amd64
nok=${KREL%%[-+]*}-99-nokprobes
fakes_remove() {
	local r
	for r in "$low" "$nok"; do
		rm -rf "$root/usr/src/linux-headers-$r" "$root/lib/modules/$r" "$root/var/lib/dkms/rxpath/kernel-$r-"*
	done
}
cleanup() {
	fakes_remove
	umount "$root/proc" 2>/dev/null || umount -l "$root/proc" 2>/dev/null || :
}
exec 9>"$RXPATH_CACHE/chroot/$suite.lock"
flock 9
mount -t proc proc "$root/proc"
trap cleanup EXIT
[ -f "$root/usr/src/linux-headers-$KREL/Makefile" ] ||
	die "the $suite chroot has no headers for $KREL (the kernel booted)"

# What an interrupted run left behind.
fakes_remove
if in_root dpkg-query -W rxpath-dkms >/dev/null 2>&1 || in_root dpkg-query -W rxpath >/dev/null 2>&1; then
	in_root apt-get purge -y rxpath-dkms rxpath >>"$log" 2>&1 || :
fi
rm -rf "$root/build/deb" && mkdir -p "$root/build/deb"
cp "$RXPATH_OUT"/deb/*.deb "$RXPATH_OUT"/deb-bump/*.deb "$root/build/deb/"

installed_ko() {
	in_root sh -c "find /lib/modules/$KREL/ -name 'rxpath.ko*' 2>/dev/null" | head -n1
}
ere() { printf '%s' "$1" | sed 's/[][\.+*?^$(){}|]/\\&/g'; }
dkms_lines() {
	in_root dkms status 2>/dev/null | grep '^rxpath' || :
}

# 1. apt-get install: DKMS builds and installs for the suite's kernel.
step=$RXPATH_OUT/dkms-step.log
if in_root apt-get install -y "/build/deb/rxpath-dkms_${version}_all.deb" >"$step" 2>&1; then
	ok "apt-get install ./rxpath-dkms_${version}_all.deb in the $suite chroot ($(in_root dkms --version | head -n1))"
else
	not_ok "apt-get install ./rxpath-dkms_${version}_all.deb in the $suite chroot" "$step"
	exit 1
fi
cat "$step" >>"$log"
ko=$(installed_ko)
if [ -n "$ko" ] && [ "$(in_root modinfo -F version "$ko")" = "$version" ] &&
	in_root modinfo -F vermagic "$ko" | grep -q "^$KREL " &&
	dkms_lines | grep -qE "^rxpath[/,] ?$(ere "$version"), $(ere "$KREL"), [^:]*: installed"; then
	ok "DKMS built and installed $ko (version $version, vermagic $KREL; dkms status: $(dkms_lines | tr '\n' ' '))"
else
	not_ok "DKMS built and installed rxpath.ko $version for $KREL (found '${ko:-none}'; dkms status: $(dkms_lines | tr '\n' ' '))" "$step"
fi
# The cloud flavour's kernel, whose headers the chroot has too: DKMS builds
# for every kernel with headers (tests/vm.sh boots it, built by its own).
cloud=$(in_root sh -c "ls -d /usr/src/linux-headers-${KREL%-amd64}-cloud-amd64 2>/dev/null" | sed 's|.*/linux-headers-||')
if [ -n "$cloud" ]; then
	if dkms_lines | grep -qE "^rxpath[/,] ?$(ere "$version"), $(ere "$cloud"), [^:]*: installed"; then
		ok "DKMS built and installed it for the cloud flavour's $cloud too"
	else
		not_ok "DKMS built and installed it for the cloud flavour's $cloud too (dkms status: $(dkms_lines | tr '\n' ' '))" "$step"
	fi
fi
# The module the scenarios boot: the one DKMS installed, uncompressed.
dest=$RXPATH_OUT/dkms/$kernel
rm -rf "$dest" && mkdir -p "$dest"
case $ko in
*.xz) xz -dc "$root$ko" >"$dest/rxpath.ko" ;;
*.zst) zstd -qdc "$root$ko" >"$dest/rxpath.ko" ;;
?*) cp "$root$ko" "$dest/rxpath.ko" ;;
esac

# What the kernel asks of a module, read from the suite's headers' .config,
# against the module DKMS built (6.12 and 7.x: IBT; 7.x: no MODVERSIONS,
# and module BTF that must match, MODULE_ALLOW_BTF_MISMATCH off).
kconf() { grep -qx "CONFIG_$1=y" "$root/usr/src/linux-headers-$KREL/.config"; }
if [ ! -s "$dest/rxpath.ko" ]; then
	not_ok "the DKMS-built module is there to inspect"
else
	if kconf X86_KERNEL_IBT; then
		if python3 "$RXPATH_TOP/tests/lib/ibt-check.py" "$dest/rxpath.ko" >"$step" 2>&1; then
			ok "IBT kernel: every function of the module whose address is taken begins with endbr64 ($(tail -n1 "$step"))"
		else
			not_ok "IBT kernel: every function of the module whose address is taken begins with endbr64" "$step"
		fi
	else
		# Built without -fcf-protection: the checker must see every one
		# of them lack it (which shows it looks at the right ones).
		python3 "$RXPATH_TOP/tests/lib/ibt-check.py" "$dest/rxpath.ko" >"$step" 2>&1 || :
		if tail -n1 "$step" | grep -qE '^([1-9][0-9]*) functions whose address is taken, \1 without endbr64$'; then
			ok "no CONFIG_X86_KERNEL_IBT: no endbr64 needed, and the IBT checker finds none ($(tail -n1 "$step"))"
		else
			not_ok "no CONFIG_X86_KERNEL_IBT: the IBT checker finds every address-taken function without endbr64" "$step"
		fi
	fi
	crcs=$( (modprobe --dump-modversions "$dest/rxpath.ko" 2>/dev/null || :) | wc -l)
	if kconf MODVERSIONS; then
		if [ "$crcs" -gt 0 ]; then ok "MODVERSIONS kernel: the module carries $crcs symbol CRCs"
		else not_ok "MODVERSIONS kernel: the module carries symbol CRCs"; fi
	elif [ "$crcs" -eq 0 ]; then
		ok "no CONFIG_MODVERSIONS: the module carries no symbol CRCs (vermagic only)"
	else
		not_ok "no CONFIG_MODVERSIONS: the module carries no symbol CRCs (found $crcs)"
	fi
	btf=$(readelf -SW "$dest/rxpath.ko" | { grep -o '\.BTF[.a-z]*' || :; } | tr '\n' ' ')
	if ! kconf DEBUG_INFO_BTF_MODULES || [ ! -f "$root/usr/src/linux-headers-$KREL/vmlinux" ]; then
		ok "no module BTF: the headers ship no vmlinux to build it against (sections: ${btf:-none})"
	elif kconf MODULE_ALLOW_BTF_MISMATCH; then
		case $btf in *".BTF "*) ok "module BTF built against the headers' vmlinux (${btf% }); a mismatch would only drop it (MODULE_ALLOW_BTF_MISMATCH)" ;;
		*) not_ok "module BTF built against the headers' vmlinux (sections: ${btf:-none})" ;; esac
	else
		case $btf in *".BTF.base"*) ok "MODULE_ALLOW_BTF_MISMATCH off: module BTF with a distilled base (${btf% }), which the kernel relocates onto its own BTF at load" ;;
		*) not_ok "MODULE_ALLOW_BTF_MISMATCH off: module BTF with a distilled base (.BTF.base; sections: ${btf:-none})" ;; esac
	fi
fi

# 2. The reader package.
need=$(dpkg-deb -f "$root/build/deb/rxpath_${version}_amd64.deb" Depends | sed -n 's/.*libc6 (>= \([^)]*\)).*/\1/p')
have=$(in_root dpkg-query -W -f '${Version}' libc6)
if [ -n "$need" ] && ! dpkg --compare-versions "$have" ge "$need"; then
	ok "# SKIP the reader package (built on this host) needs libc6 >= $need, $suite has $have: build it there with make deb"
elif in_root apt-get install -y "/build/deb/rxpath_${version}_amd64.deb" >"$step" 2>&1 &&
	in_root rxpath --help >>"$step" 2>&1 && in_root test -f /usr/share/man/man1/rxpath.1.gz &&
	in_root getent group rxpath >>"$step" 2>&1 &&
	grep -q 'KERNEL=="rxpath", SUBSYSTEM=="misc", GROUP="rxpath", MODE="0640"' \
		"$root/lib/udev/rules.d/60-rxpath.rules" 2>>"$step"; then
	ok "apt-get install ./rxpath_${version}_amd64.deb: rxpath --help runs, man page rxpath(1), group rxpath, udev rule 60-rxpath.rules giving it /dev/rxpath"
	# The exporter's unit and the module's modules-load.d entry: systemd's
	# own checks, offline (the chroot runs no systemd).
	unit=/lib/systemd/system/rxpath-exporter.service
	if ! in_root test -x /usr/bin/systemd-analyze; then
		ok "# SKIP rxpath-exporter.service: no systemd-analyze in the $suite chroot"
	elif in_root systemd-analyze verify --man=no "$unit" >"$step" 2>&1 &&
		[ ! -s "$step" ] && grep -qx rxpath "$root/usr/lib/modules-load.d/rxpath.conf"; then
		ok "rxpath-exporter.service: systemd-analyze verify finds nothing; modules-load.d/rxpath.conf loads rxpath at boot"
	else
		not_ok "rxpath-exporter.service: systemd-analyze verify finds nothing; modules-load.d/rxpath.conf loads rxpath at boot" "$step"
	fi
	# The udev rule as udev reads it (udevadm verify: systemd 253 on).
	if in_root udevadm verify --help >/dev/null 2>&1; then
		if in_root udevadm verify --resolve-names=never /lib/udev/rules.d/60-rxpath.rules >"$step" 2>&1; then
			ok "60-rxpath.rules: udevadm verify finds nothing"
		else
			not_ok "60-rxpath.rules: udevadm verify finds nothing" "$step"
		fi
	fi
	if in_root test -x /usr/bin/systemd-analyze &&
		exposure=$(in_root systemd-analyze security --offline=yes "$unit" 2>"$step" |
			sed -n 's/.*Overall exposure level for .*: \([0-9.]*\) \(.*\)$/\1 \2/p') &&
		[ -n "$exposure" ]; then
		case ${exposure%% *} in
		[0-2].*) ok "rxpath-exporter.service: systemd-analyze security: exposure $exposure" ;;
		*) not_ok "rxpath-exporter.service: systemd-analyze security: exposure $exposure, above 2.9" "$step" ;;
		esac
	fi
else
	not_ok "apt-get install ./rxpath_${version}_amd64.deb: rxpath --help runs, man page rxpath(1), group rxpath, udev rule 60-rxpath.rules giving it /dev/rxpath" "$step"
fi

# 3. Headers of kernels DKMS must skip, arriving as a linux-headers
# package's would: the hook apt runs for them, /etc/kernel/header_postinst.d/dkms.
mkdir -p "$root/usr/src/linux-headers-$low/include" "$root/lib/modules/$low"
cp "$root/usr/src/linux-headers-$KREL/.config" "$root/usr/src/linux-headers-$low/"
ln -s "/usr/src/linux-headers-$low" "$root/lib/modules/$low/build"
in_root cp -as "/usr/src/linux-headers-$KREL" "/usr/src/linux-headers-$nok"
for f in .config include/config/auto.conf include/generated/autoconf.h; do
	# (the copy's links are absolute in the chroot: read the original)
	p=$root/usr/src/linux-headers-$nok/$f
	[ -f "$root/usr/src/linux-headers-$KREL/$f" ] || continue
	rm -f "$p"
	sed -e 's/^CONFIG_KPROBES=y$/# CONFIG_KPROBES is not set/' \
		-e '/^#define CONFIG_KPROBES 1$/d' \
		"$root/usr/src/linux-headers-$KREL/$f" >"$p"
done
mkdir -p "$root/lib/modules/$nok"
ln -s "/usr/src/linux-headers-$nok" "$root/lib/modules/$nok/build"
dkmsver=$(in_root dkms --version | sed -n 's/^dkms[^0-9]*\([0-9.]*\).*/\1/p')
dkms2=
case $dkmsver in 2.*) dkms2=1 ;; esac
# DKMS before 3.0.11 (Debian 12's 3.0.10) counts a BUILD_EXCLUSIVE skip as a
# failed autoinstall and exits 11 (Debian bug #1031561): the headers
# package of such a kernel then fails to configure. Said, not hidden.
skip_rc=0
case $dkmsver in 3.0.[0-9]|3.0.10) skip_rc=11 ;; esac
for r in "$low" "$nok"; do
	rc=0
	in_root /etc/kernel/header_postinst.d/dkms "$r" >"$step" 2>&1 || rc=$?
	cat "$step" >>"$log"
	built=$(in_root sh -c "find /lib/modules/$r/ -name 'rxpath.ko*'" | head -n1)
	if [ "$r" = "$nok" ] && [ -n "$dkms2" ]; then
		# DKMS 2.8 does not read BUILD_EXCLUSIVE_CONFIG: the build
		# runs and module/compat.h refuses it.
		mlog=$(in_root sh -c "ls /var/lib/dkms/rxpath/$version/build/make.log 2>/dev/null" || :)
		if [ -z "$built" ] && [ -n "$mlog" ] &&
			grep -q 'rxpath needs CONFIG_KPROBES and CONFIG_TRACEPOINTS' "$root$mlog"; then
			ok "headers of $r (no CONFIG_KPROBES) arrive: DKMS 2 builds, module/compat.h refuses it ('rxpath needs CONFIG_KPROBES and CONFIG_TRACEPOINTS'), nothing installed (hook exit $rc)"
		else
			not_ok "headers of $r (no CONFIG_KPROBES): refused by module/compat.h, nothing installed" "$step"
		fi
		continue
	fi
	why="below the 5.10 floor"
	[ "$r" = "$nok" ] && why="no CONFIG_KPROBES"
	if [ "$rc" -eq "$skip_rc" ] && [ -z "$built" ] && grep -q 'BUILD_EXCLUSIVE' "$step"; then
		note=
		[ "$rc" -eq 0 ] || note="; DKMS $dkmsver's hook exits $rc for a skip (Debian bug #1031561, fixed in 3.0.11)"
		ok "headers of $r ($why) arrive: DKMS skips rxpath, nothing installed, saying: $(grep -m1 -o 'includes a BUILD_EXCLUSIVE directive[^.]*' "$step")$note"
	else
		not_ok "headers of $r ($why) arrive: DKMS skips rxpath with its BUILD_EXCLUSIVE message (hook exit $rc, installed: ${built:-nothing})" "$step"
	fi
done
fakes_remove

# 4. A new version of the package rebuilds the module.
if [ -z "$upgrade" ]; then
	: # -U
elif in_root apt-get install -y "/build/deb/rxpath-dkms_${bump}_all.deb" >"$step" 2>&1; then
	cat "$step" >>"$log"
	ko=$(installed_ko)
	lines=$(dkms_lines)
	if [ -n "$ko" ] && [ "$(in_root modinfo -F version "$ko")" = "$bump" ] &&
		echo "$lines" | grep -qE "^rxpath[/,] ?$(ere "$bump"), $(ere "$KREL"), [^:]*: installed" &&
		! echo "$lines" | grep -qE "^rxpath[/,] ?$(ere "$version"),"  &&
		! in_root test -e "/usr/src/rxpath-$version"; then
		ok "upgrading to rxpath-dkms $bump rebuilds $ko at $bump; DKMS holds $bump only"
	else
		not_ok "upgrading to rxpath-dkms $bump rebuilds rxpath.ko (found '${ko:-none}', dkms status: $(echo "$lines" | tr '\n' ' '))" "$step"
	fi
else
	not_ok "apt-get install ./rxpath-dkms_${bump}_all.deb (upgrade)" "$step"
fi

# 5. Removing the package removes the module.
if in_root apt-get remove -y rxpath-dkms rxpath >"$step" 2>&1; then
	cat "$step" >>"$log"
	ko=$(installed_ko)
	if [ -z "$ko" ] && [ -z "$(dkms_lines)" ] && [ -z "$(in_root sh -c 'ls -d /usr/src/rxpath-* 2>/dev/null')" ]; then
		ok "apt-get remove rxpath-dkms removes rxpath.ko, its DKMS entry and /usr/src/rxpath-*"
	else
		not_ok "apt-get remove rxpath-dkms removes rxpath.ko (left: ${ko:-} $(dkms_lines | tr '\n' ' '))" "$step"
	fi
else
	not_ok "apt-get remove rxpath-dkms" "$step"
fi
rm -rf "$root/build/deb"
exit "$failed"
