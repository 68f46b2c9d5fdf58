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
	if ! DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
		--no-install-recommends "${missing[@]}" >"$RXPATH_OUT/apt.log" 2>&1; then
		cat "$RXPATH_OUT/apt.log" >&2
		die "apt-get install ${missing[*]} failed"
	fi
}

# What the test bed runs on the host. The kernel's build tools come unpacked
# from linux-kbuild-*, not installed, so their libraries are named here
# (objtool: libelf1; sign-file: libssl3); gcc-12 is what 6.1's headers ask
# for.
need_host_tools() {
	need_pkgs busybox-static cpio gzip kmod make gcc gcc-12 libc6-dev \
		libelf1 libssl3 dwarves xz-utils zstd lz4 python3 ethtool iproute2 curl \
		libcmocka-dev gcc-multilib
	need_qemu
}

# QEMU 10 from bookworm-backports (through a private sources list; the
# host's apt setup is not touched). Bookworm's QEMU 7.2 runs stale code in
# multi-threaded TCG when one vCPU patches kernel text that another is
# running (a kprobe armed under traffic: the guest jumps to 0) within a
# few loads; QEMU 10 does too, less often (tests/tcg-kprobe.sh), and the
# scenarios that patch most run single-threaded. Single-threaded TCG is
# too slow for the debug kernel on 2 vCPUs.
need_qemu() {
	local list=$RXPATH_CACHE/apt/backports.list opts
	case $(qemu-system-x86_64 --version 2>/dev/null | sed -n 's/^QEMU emulator version \([0-9]*\)\..*/\1/p') in
	[1-9][0-9]) return 0 ;;
	esac
	[ "$(id -u)" = 0 ] || die "need root to install QEMU from bookworm-backports"
	mkdir -p "$(dirname "$list")"
	uri=$(sed -n 's/^URIs: *\([^ ]*\/debian\)\/*$/\1/p' /etc/apt/sources.list.d/*.sources 2>/dev/null | head -n1)
	[ -n "$uri" ] || uri=$(sed -n 's/^deb \(\[[^]]*\] \)\{0,1\}\([^ ]*\/debian\)\/\{0,1\} .*/\2/p' /etc/apt/sources.list 2>/dev/null | head -n1)
	[ -n "$uri" ] || die "no Debian archive in the host's apt sources"
	cat /etc/apt/sources.list 2>/dev/null >"$list" || :
	echo "deb $uri bookworm-backports main" >>"$list"
	opts=(-o "Dir::Etc::sourcelist=$list")
	log "installing QEMU from bookworm-backports"
	apt-get update -qq "${opts[@]}" >&2 || die "apt-get update (backports) failed"
	rxpath_apt_updated=1
	if ! DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${opts[@]}" \
		-t bookworm-backports --no-install-recommends qemu-system-x86 \
		>"$RXPATH_OUT/apt.log" 2>&1; then
		cat "$RXPATH_OUT/apt.log" >&2
		die "apt-get install qemu-system-x86 from bookworm-backports failed"
	fi
}

# apt_download DIR PKG...: downloads the packages' .debs into DIR, once.
apt_download() {
	local dir=$1; shift
	mkdir -p "$dir"
	(cd "$dir" && apt-get download "$@" >&2 2>/dev/null) && return 0
	rxpath_apt_update
	(cd "$dir" && apt-get download "$@" >&2) || die "apt-get download $* failed"
}

# promtool_fetch: the path of promtool from Debian's prometheus package,
# unpacked into the cache (installing the package would start a server).
promtool_fetch() {
	local dir=$RXPATH_CACHE/promtool
	if [ ! -x "$dir/usr/bin/promtool" ]; then
		rm -rf "$dir" && mkdir -p "$dir/deb"
		apt_download "$dir/deb" prometheus
		dpkg-deb -x "$dir"/deb/prometheus_*.deb "$dir"
		rm -rf "$dir/deb"
	fi
	echo "$dir/usr/bin/promtool"
}

# prometheus_fetch: the path of the prometheus server from the same package.
prometheus_fetch() {
	echo "$(dirname "$(promtool_fetch)")/prometheus"
}

# free_port: a TCP port of the host's loopback that nothing listens on now.
free_port() {
	python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# kernel_fetch KEY: unpacks a Debian kernel image and its headers into the
# cache and sets KREL (release), KROOT (unpacked tree), KIMAGE (vmlinuz),
# KHEADERS (the directory DKMS would use as kernel_source_dir) and
# KMODULES (its /lib/modules/KREL).
# KEY: "bookworm" (the image linux-image-amd64 points to now), a release
# such as 6.1.0-56-amd64, "debug" (debug_kernel_fetch 6.12), "debug-6.1"
# (debug_kernel_fetch 6.1), or another suite's
# current kernel (suite_kernel_fetch). SUITE-cloud: that suite's kernel of
# the cloud flavour (linux-image-cloud-amd64), which Debian's cloud images
# boot.
kernel_fetch() {
	local key=$1 rel flavour pkgver dir tmp deb
	KSUITE=
	case $key in
	debug) debug_kernel_fetch 6.12; return ;;
	debug-6.1) debug_kernel_fetch 6.1; return ;;
	bullseye|trixie|sid) suite_kernel_fetch "$key" amd64; return ;;
	trixie-cloud|sid-cloud)
		suite_kernel_fetch "${key%-cloud}" cloud-amd64; return ;;
	bookworm|bookworm-cloud)
		flavour=amd64
		[ "$key" = bookworm ] || flavour=cloud-amd64
		rel=$(apt-cache depends linux-image-$flavour 2>/dev/null |
			sed -n 's/.*Depends: linux-image-\(.*\)$/\1/p' | head -n1)
		if [ -z "$rel" ]; then
			rxpath_apt_update
			rel=$(apt-cache depends linux-image-$flavour |
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

# suite_kernel_fetch SUITE FLAVOUR: the kernel linux-image-FLAVOUR (amd64,
# cloud-amd64) of another Debian suite points to, for a module built by that kernel's own compiler: in the
# suite's cached chroot (tests/lib/chroot-build.sh), which has its headers.
# The image is downloaded there and unpacked into the cache, as
# kernel_fetch does; KHEADERS is the headers tree inside the chroot, and
# KSUITE tells module_build to build there.
suite_kernel_fetch() {
	local suite=$1 flavour=$2 root=$RXPATH_CACHE/chroot/$1 rel pkgver dir tmp pkgs deb
	"$RXPATH_TOP/tests/lib/chroot-build.sh" --ensure "$suite" ||
		die "the $suite chroot could not be made"
	rel=$(chroot "$root" apt-cache depends "linux-headers-$flavour" 2>/dev/null |
		sed -n 's/.*Depends: linux-headers-\(.*\)$/\1/p' | head -n1)
	[ -n "$rel" ] && [ -f "$root/usr/src/linux-headers-$rel/Makefile" ] ||
		die "no current kernel headers in the $suite chroot"
	pkgver=$(chroot "$root" dpkg-query -W -f '${Version}' "linux-headers-$rel")
	dir=$RXPATH_CACHE/kernel/$rel-$pkgver
	if [ ! -e "$dir/.complete" ]; then
		log "fetching kernel $rel ($pkgver) from $suite"
		tmp=$dir.tmp.$$
		rm -rf "$tmp" "$root/build/dl" && mkdir -p "$tmp" "$root/build/dl"
		# 7.x splits the image (linux-binary-*) and the modules
		# (linux-modules-*) out of linux-image-*: whichever exist.
		pkgs=$(chroot "$root" apt-cache pkgnames linux- | grep -xE "linux-(image|binary|base|modules)-$(echo "$rel" | sed 's/[.+]/\\&/g')" | tr '\n' ' ')
		chroot "$root" sh -c "cd /build/dl && apt-get download $pkgs" >&2 ||
			chroot "$root" sh -c "apt-get update -qq && cd /build/dl && apt-get download $pkgs" >&2 ||
			die "apt-get download $pkgs in the $suite chroot failed"
		for deb in "$root"/build/dl/*.deb; do
			dpkg-deb -x "$deb" "$tmp/root" || die "dpkg-deb -x $deb"
		done
		rm -rf "$root/build/dl"
		touch "$tmp/.complete"
		rm -rf "$dir"
		mv "$tmp" "$dir"
	fi
	KSUITE=$suite
	KREL=$rel
	KROOT=$dir/root
	KHEADERS=$root/usr/src/linux-headers-$rel
	# Merged /usr: 6.12 ships /usr/lib/modules, 7.x its image there too.
	KMODULES=$KROOT/lib/modules/$rel
	[ -d "$KMODULES" ] || KMODULES=$KROOT/usr/lib/modules/$rel
	KIMAGE=$KROOT/boot/vmlinuz-$rel
	[ -f "$KIMAGE" ] || KIMAGE=$KMODULES/vmlinuz
	[ -f "$KIMAGE" ] || die "no kernel image in $dir"
}

# kmod_path NAME: the file of module NAME ('-' and '_' alike) of the kernel
# kernel_fetch resolved, uncompressed (Debian's 6.12 and 7.x ship .ko.xz:
# it is unpacked beside it, once); nothing if that kernel has no such module.
kmod_path() {
	local pat f
	pat=$(echo "$1" | sed 's/[-_]/[-_]/g')
	f=$(find "$KMODULES/kernel" \( -name "$pat.ko" -o -name "$pat.ko.xz" \) | sort | head -n1)
	if [ "${f%.xz}" != "$f" ]; then
		if [ ! -f "${f%.xz}" ]; then
			xz -dc "$f" >"${f%.xz}.tmp" && mv "${f%.xz}.tmp" "${f%.xz}"
		fi
		f=${f%.xz}
	fi
	[ -z "$f" ] || echo "$f"
}

# debug_kernel_fetch [SERIES]: builds (once per source version and config)
# the test bed's debug kernel from Debian's linux-source-SERIES: 6.12 (the
# default: trixie's, the kernel fleets run next; downloaded in the trixie
# chroot) or 6.1 (bookworm's, from the host's apt). tinyconfig, with
# tests/debug-kernel.config merged over it (KUnit, KASAN, lockdep, kmemleak
# and what the guest needs, built in but for two NIC drivers, which are
# installed into the cache), built on the host by its gcc, which is then
# what builds rxpath for it. Sets the same variables as
# kernel_fetch; KHEADERS is the build tree itself, as for any self-built
# kernel that external modules are built against.
debug_kernel_fetch() {
	local series=${1:-6.12} frag=$RXPATH_TOP/tests/debug-kernel.config
	local ver hash dir tree line suite= root=
	need_pkgs bc flex bison libelf-dev libssl-dev make gcc perl xz-utils \
		python3 dwarves
	case $series in
	6.1) ;;
	6.12) suite=trixie root=$RXPATH_CACHE/chroot/trixie ;;
	*) die "no debug kernel for linux-source-$series" ;;
	esac
	if [ -n "$suite" ]; then
		"$RXPATH_TOP/tests/lib/chroot-build.sh" --ensure "$suite" ||
			die "the $suite chroot could not be made"
		ver=$(chroot "$root" apt-cache policy "linux-source-$series" 2>/dev/null |
			sed -n 's/^  Candidate: //p')
	else
		ver=$(apt-cache policy "linux-source-$series" 2>/dev/null | sed -n 's/^  Candidate: //p')
		if [ -z "$ver" ] || [ "$ver" = "(none)" ]; then
			rxpath_apt_update
			ver=$(apt-cache policy "linux-source-$series" | sed -n 's/^  Candidate: //p')
		fi
	fi
	[ -n "$ver" ] && [ "$ver" != "(none)" ] || die "no linux-source-$series package"
	hash=$(cat "$frag" | sha256sum | cut -c1-12)
	dir=$RXPATH_CACHE/debug-kernel/$ver-$hash
	tree=$dir/linux-source-$series
	if [ ! -e "$dir/.complete" ]; then
		log "building the debug kernel from linux-source-$series $ver (config $hash)"
		rm -rf "$dir" && mkdir -p "$dir/deb"
		if [ -n "$suite" ]; then
			rm -rf "$root/build/dl" && mkdir -p "$root/build/dl"
			chroot "$root" sh -c "cd /build/dl && apt-get download linux-source-$series" >&2 ||
				chroot "$root" sh -c "apt-get update -qq && cd /build/dl && apt-get download linux-source-$series" >&2 ||
				die "apt-get download linux-source-$series in the $suite chroot failed"
			mv "$root"/build/dl/*.deb "$dir/deb/" && rm -rf "$root/build/dl"
		else
			apt_download "$dir/deb" "linux-source-$series"
		fi
		dpkg-deb --fsys-tarfile "$dir"/deb/linux-source-"$series"_*.deb |
			tar -xO --wildcards "*/linux-source-$series.tar.xz" |
			tar -xJ -C "$dir"
		rm -rf "$dir/deb"
		make -C "$tree" -s tinyconfig >"$dir/build.log" 2>&1
		(cd "$tree" && scripts/kconfig/merge_config.sh -m .config "$frag") \
			>>"$dir/build.log" 2>&1
		make -C "$tree" -s olddefconfig >>"$dir/build.log" 2>&1
		# Every line of the fragment must have survived olddefconfig
		# (an "=n" one also holds if that kernel has no such symbol).
		while read -r line; do
			case $line in
			CONFIG_*=n)
				! grep -qE "^${line%=n}=" "$tree/.config" ||
					die "debug kernel config: '$line' did not take (see $tree/.config)" ;;
			CONFIG_*)
				grep -qxF "$line" "$tree/.config" ||
					die "debug kernel config: '$line' did not take (see $tree/.config)" ;;
			esac
		done <"$frag"
		make -C "$tree" -j"$(nproc)" bzImage modules >>"$dir/build.log" 2>&1 ||
			{ tail -n 30 "$dir/build.log" >&2; die "debug kernel build failed"; }
		make -C "$tree" -s INSTALL_MOD_PATH="$dir/inst" modules_install \
			>>"$dir/build.log" 2>&1 || die "debug kernel modules_install failed"
		mkdir -p "$dir/modules/kernel"
		cp -r "$dir"/inst/lib/modules/*/kernel/. "$dir/modules/kernel/"
		rm -rf "$dir/inst"
		cp "$tree/modules.builtin" "$dir/modules/"
		touch "$dir/.complete"
		# Trees of older sources or configs are 2 GB each: keep one
		# per series.
		find "$RXPATH_CACHE/debug-kernel" -mindepth 1 -maxdepth 1 \
			-name "$series.*" ! -path "$dir" -exec rm -rf {} +
	fi
	KREL=$(make -C "$tree" -s kernelrelease)
	KROOT=$dir
	KIMAGE=$tree/arch/x86/boot/bzImage
	KHEADERS=$tree
	KMODULES=$dir/modules
}

# module_tree_copy DIR: DIR emptied, with what an external module build of
# rxpath reads (as DKMS's copy in /usr/src has it).
module_tree_copy() {
	rm -rf "$1" && mkdir -p "$1"
	cp -r "$RXPATH_TOP"/Kbuild "$RXPATH_TOP"/Makefile "$RXPATH_TOP"/dkms.conf \
		"$RXPATH_TOP"/module "$RXPATH_TOP"/include "$RXPATH_TOP"/kunit "$1"/
}

# module_build OUTDIR: builds rxpath.ko against KHEADERS the way DKMS does:
# from a copy of the source tree, with make -C <headers> M=<copy>.
# Sets RXPATH_KO. Fails on any warning in the build (W=1). Another suite's
# kernel (KSUITE) is built for in that suite's chroot, by its compiler.
module_build() {
	local out=$1 src=$1/src
	RXPATH_TEST_KO=
	if [ -n "${KSUITE:-}" ]; then
		"$RXPATH_TOP/tests/lib/chroot-build.sh" "$KSUITE" "$RXPATH_TOP" \
			"$out/chroot" "$KREL" >"$out/chroot-build.log" 2>&1
		if ! grep -qx "ok build $KREL" "$out/chroot-build.log"; then
			cat "$out/chroot-build.log" >&2
			return 1
		fi
		RXPATH_KO=$out/chroot/$KREL/rxpath.ko
		return 0
	fi
	module_tree_copy "$src"
	if ! make -C "$KHEADERS" M="$src" W=1 -j"$(nproc)" modules >"$out/build.log" 2>&1; then
		cat "$out/build.log" >&2
		return 1
	fi
	# Any warning at all: one the compiler reports in a kernel header
	# (fortify's checks, say) is about our code that it inlined there.
	if grep -E "(warning|error):|^WARNING: modpost" "$out/build.log" >&2; then
		return 1
	fi
	RXPATH_KO=$src/rxpath.ko
	# Built only against kernels with CONFIG_KUNIT (see Kbuild).
	[ -f "$src/rxpath_test.ko" ] && RXPATH_TEST_KO=$src/rxpath_test.ko
	:
}

# kernel_vmlinux: the uncompressed vmlinux (ELF, with its .BTF) of the
# kernel kernel_fetch resolved, for pahole; cached beside it. Found as
# scripts/extract-vmlinux finds it: the first compressed stream in the image
# that unpacks to an ELF file.
kernel_vmlinux() {
	local out=$KROOT/vmlinux off
	if [ ! -s "$out" ]; then
		for off in $(LC_ALL=C grep -obUaP '\xfd7zXZ\x00|\x1f\x8b\x08|\x28\xb5\x2f\xfd|\x02\x21\x4c\x18' "$KIMAGE" | cut -d: -f1); do
			tail -c +$((off + 1)) "$KIMAGE" | { xz -dc 2>/dev/null || true; } >"$out.tmp"
			[ -s "$out.tmp" ] || tail -c +$((off + 1)) "$KIMAGE" | { gzip -dc 2>/dev/null || true; } >"$out.tmp"
			[ -s "$out.tmp" ] || tail -c +$((off + 1)) "$KIMAGE" | { zstd -qdc 2>/dev/null || true; } >"$out.tmp"
			# Debian 6.1's cloud flavour: LZ4 (legacy frames).
			[ -s "$out.tmp" ] || tail -c +$((off + 1)) "$KIMAGE" | { lz4 -dc 2>/dev/null || true; } >"$out.tmp"
			if [ "$(head -c 4 "$out.tmp" | od -An -tx1 | tr -d ' ')" = 7f454c46 ]; then
				mv "$out.tmp" "$out"
				break
			fi
		done
		rm -f "$out.tmp"
	fi
	[ -s "$out" ] || return 1
	KVMLINUX=$out
}
