# SPDX-License-Identifier: GPL-2.0
#
# Shared by the test bed's host-side scripts: where things are cached, how
# tools get installed, and how a Debian kernel is fetched and unpacked.
# Source it; it defines functions and variables only.

RXPATH_TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
RXPATH_CACHE=${RXPATH_CACHE:-/var/cache/rxpath}
RXPATH_OUT=${RXPATH_OUT:-$RXPATH_TOP/out}
mkdir -p "$RXPATH_CACHE" "$RXPATH_OUT"

log() { printf '# %s\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

rxpath_apt_updated=
rxpath_apt_update() {
	[ -n "$rxpath_apt_updated" ] && return 0
	log "apt-get update"
	apt-get update -qq >&2 || die "apt-get update failed"
	rxpath_apt_updated=1
}

# need_pkgs PACKAGE...: installs the Debian packages not installed yet.
need_pkgs() {
	local missing=() p
	for p in "$@"; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null |
			grep -q 'install ok installed' || missing+=("$p")
	done
	[ ${#missing[@]} -eq 0 ] && return 0
	[ "$(id -u)" = 0 ] || die "need root to install: ${missing[*]}"
	rxpath_apt_update
	log "installing ${missing[*]}"
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
		--no-install-recommends "${missing[@]}" >&2 ||
		die "apt-get install ${missing[*]} failed"
}

# What the test bed runs on the host. The kernel's build tools come unpacked
# from linux-kbuild-*, not installed, so their libraries are named here
# (objtool: libelf1; sign-file: libssl3); gcc-12 is what 6.1's headers ask
# for.
need_host_tools() {
	need_pkgs qemu-system-x86 busybox-static cpio gzip kmod make gcc gcc-12 \
		libc6-dev libelf1 libssl3
}

# apt_download DIR PKG...: downloads the packages' .debs into DIR, once.
apt_download() {
	local dir=$1; shift
	mkdir -p "$dir"
	(cd "$dir" && apt-get download "$@" >&2 2>/dev/null) && return 0
	rxpath_apt_update
	(cd "$dir" && apt-get download "$@" >&2) || die "apt-get download $* failed"
}

# kernel_fetch KEY: unpacks a Debian kernel image and its headers into the
# cache and sets KREL (release), KROOT (unpacked tree), KIMAGE (vmlinuz),
# KHEADERS (the directory DKMS would use as kernel_source_dir) and
# KMODULES (its /lib/modules/KREL).
# KEY: "bookworm" (the image linux-image-amd64 points to now) or a release
# such as 6.1.0-56-amd64.
kernel_fetch() {
	local key=$1 rel flavour pkgver dir tmp deb
	case $key in
	bookworm)
		rel=$(apt-cache depends linux-image-amd64 2>/dev/null |
			sed -n 's/.*Depends: linux-image-\(.*\)$/\1/p' | head -n1)
		if [ -z "$rel" ]; then
			rxpath_apt_update
			rel=$(apt-cache depends linux-image-amd64 |
				sed -n 's/.*Depends: linux-image-\(.*\)$/\1/p' | head -n1)
		fi
		;;
	*) rel=$key ;;
	esac
	[ -n "$rel" ] || die "cannot resolve kernel '$key'"
	flavour=${rel##*-}
	pkgver=$(apt-cache policy "linux-image-$rel" 2>/dev/null |
		sed -n 's/^  Candidate: //p')
	dir=$RXPATH_CACHE/kernel/$rel-$pkgver
	if [ ! -e "$dir/.complete" ]; then
		log "fetching kernel $rel ($pkgver)"
		local kbuild common
		kbuild=$(apt-cache depends "linux-headers-$rel" |
			sed -n 's/.*Depends: \(linux-kbuild-.*\)$/\1/p' | head -n1)
		common=$(apt-cache depends "linux-headers-$rel" |
			sed -n 's/.*Depends: \(linux-headers-.*-common.*\)$/\1/p' | head -n1)
		tmp=$dir.tmp.$$
		rm -rf "$tmp" && mkdir -p "$tmp/debs"
		apt_download "$tmp/debs" "linux-image-$rel" "linux-headers-$rel" \
			$common $kbuild
		for deb in "$tmp"/debs/*.deb; do
			dpkg-deb -x "$deb" "$tmp/root" || die "dpkg-deb -x $deb"
		done
		rm -rf "$tmp/debs"
		# The headers' Makefile includes its -common twin by absolute
		# path: point it into the cache (the final path, after rename).
		sed -i "s|^include /usr/src/|include $dir/root/usr/src/|" \
			"$tmp/root/usr/src/linux-headers-$rel/Makefile"
		touch "$tmp/.complete"
		rm -rf "$dir"
		mv "$tmp" "$dir"
	fi
	KREL=$rel
	KROOT=$dir/root
	KIMAGE=$KROOT/boot/vmlinuz-$rel
	KHEADERS=$KROOT/usr/src/linux-headers-$rel
	KMODULES=$KROOT/lib/modules/$rel
	[ -f "$KIMAGE" ] || die "no kernel image in $dir"
	: "$flavour"
}

# module_build OUTDIR: builds rxpath.ko against KHEADERS the way DKMS does:
# from a copy of the source tree, with make -C <headers> M=<copy>.
# Sets RXPATH_KO. Fails on any warning from our files (W=1).
module_build() {
	local out=$1 src=$1/src
	rm -rf "$src" && mkdir -p "$src"
	cp -r "$RXPATH_TOP"/Kbuild "$RXPATH_TOP"/Makefile "$RXPATH_TOP"/dkms.conf \
		"$RXPATH_TOP"/module "$RXPATH_TOP"/include "$src"/
	if ! make -C "$KHEADERS" M="$src" W=1 modules >"$out/build.log" 2>&1; then
		cat "$out/build.log" >&2
		return 1
	fi
	if grep -E "^$src/.*(warning|error):" "$out/build.log" >&2; then
		return 1
	fi
	RXPATH_KO=$src/rxpath.ko
}
