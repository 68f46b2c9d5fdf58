#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Build an external kernel module source tree against the kernel headers of a
# Debian suite (bookworm, bullseye, trixie or sid), inside a debootstrap chroot that is
# created once and cached under ${RXPATH_CACHE:-/var/cache/rxpath}/chroot/<suite>.
# The chroot is created atomically (built in a temporary directory, renamed
# when complete) and refreshed with apt when older than 7 days, so a new
# kernel ABI's headers come in; packages added to the list below are
# installed into an existing chroot. The module is built with W=1 for every
# headers release installed in the chroot; the .ko files and the build log go
# to OUT_DIR/<release>/. A failed build, or any compiler, objtool or modpost
# warning, makes the script exit non-zero.
#
# usage: tests/lib/chroot-build.sh SUITE SRC_DIR OUT_DIR [RELEASE]
#        tests/lib/chroot-build.sh --ensure SUITE
# SUITE = bookworm | bullseye | trixie | sid. RELEASE builds for that headers release
# only. --ensure only creates or refreshes the chroot (kernel_fetch takes
# the suite's kernel image from it).
#
# Needs root. The mirror is the Debian archive URI of the host's apt
# configuration (RXPATH_MIRROR overrides it).

set -euo pipefail

prog=${0##*/}
REFRESH_DAYS=7
# perl: W=1 builds of external modules run scripts/kernel-doc (perl) on 6.x
# (7.x skips kernel-doc for external modules). dkms: tests/dkms.sh builds
# with the suite's own DKMS here. linux-headers-cloud-amd64 (below): the
# cloud flavour's kernel, which Debian's cloud images boot.
PACKAGES=make,gcc,libc6-dev,kmod,linux-headers-amd64,dwarves,perl,dkms
CHROOT_PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin

die() { echo "$prog: $*" >&2; exit 2; }
note() { echo "# $*" >&2; }

usage() {
	echo "usage: $prog SUITE SRC_DIR OUT_DIR [RELEASE] | --ensure SUITE   (SUITE = bookworm | bullseye | trixie | sid)" >&2
	exit 2
}

ensure_only=
if [ "${1:-}" = --ensure ]; then
	[ $# -eq 2 ] || usage
	ensure_only=1
	shift
else
	[ $# -eq 3 ] || [ $# -eq 4 ] || usage
fi
suite=$1
case $suite in
bookworm|trixie|sid) PACKAGES=$PACKAGES,linux-headers-cloud-amd64 ;;
# bullseye-security lists linux-headers-cloud-amd64 5.10.262-1, but the
# mirror has no such file (404): Debian 11's cloud flavour is not tested.
bullseye) ;;
*) usage ;;
esac
[ "$(id -u)" -eq 0 ] || die "must run as root (debootstrap, chroot, mount)"
if [ -z "$ensure_only" ]; then
	[ -d "$2" ] || die "source directory not found: $2"
	src=$(realpath -e "$2")
	mkdir -p "$3"
	out=$(realpath -e "$3")
	only_release=${4:-}
fi

cache=${RXPATH_CACHE:-/var/cache/rxpath}
base=$cache/chroot
root=$base/$suite
stamp=$root/.rxpath-refreshed
tmp=
proc_mounted=

# Print the mount points at or below $1, deepest first.
mounts_under() {
	awk -v d="$1" '$5 == d || index($5, d "/") == 1 { print $5 }' \
		/proc/self/mountinfo | sort -r
}

umount_under() {
	local m
	for m in $(mounts_under "$1"); do
		umount "$m" 2>/dev/null || umount -l "$m" || true
	done
}

# Delete a (temporary) chroot directory, never following into a mount.
remove_tree() {
	umount_under "$1"
	if [ -n "$(mounts_under "$1")" ]; then
		echo "$prog: still mounted under $1, not deleting it" >&2
		return 1
	fi
	rm -rf --one-file-system "$1"
}

cleanup() {
	if [ -n "$proc_mounted" ]; then
		umount "$root/proc" 2>/dev/null || umount -l "$root/proc" || true
	fi
	if [ -n "$tmp" ] && [ -d "$tmp" ]; then
		remove_tree "$tmp" || true
	fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# The Debian archive URI of the host's apt configuration: the first "deb"
# source whose URI ends in /debian (one-line and deb822 formats).
host_mirror() {
	local f files=()
	[ -f /etc/apt/sources.list ] && files+=(/etc/apt/sources.list)
	for f in /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources; do
		[ -f "$f" ] && files+=("$f")
	done
	[ ${#files[@]} -gt 0 ] || return 0
	for f in "${files[@]}"; do
		case $f in
		*.sources)
			# deb822: paragraphs separated by blank lines.
			awk '
			function flush() {
				if (types ~ /(^| )deb( |$)/ && enabled !~ /^no$/)
					for (i = 1; i <= n; i++)
						if (u[i] ~ /\/debian\/?$/) { print u[i]; exit }
				types = ""; enabled = ""; n = 0
			}
			/^[ \t]*#/ { next }
			/^[ \t]*$/ { flush(); next }
			tolower($1) == "types:" { $1 = ""; types = $0 " " }
			tolower($1) == "enabled:" { enabled = tolower($2) }
			tolower($1) == "uris:" { for (i = 2; i <= NF; i++) u[++n] = $i }
			END { flush() }' "$f"
			;;
		*)
			# one-line: deb [options] URI suite components...
			sed -e 's/#.*//' -e 's/\[[^]]*\]//' "$f" |
				awk '$1 == "deb" && $2 ~ /\/debian\/?$/ { print $2 }'
			;;
		esac
	done | sed -n '1s:/*$::p'
}

in_root() {
	chroot "$root" /usr/bin/env -i PATH="$CHROOT_PATH" HOME=/root \
		LC_ALL=C DEBIAN_FRONTEND=noninteractive "$@"
}

mount_proc() {
	if [ -z "$proc_mounted" ]; then
		mount -t proc proc "$root/proc"
		proc_mounted=1
	fi
}

# Keep apt cheap and quiet in the chroot, and take the host's date checks
# (a mirror that serves a frozen snapshot needs Check-Valid-Until "false").
write_apt_conf() {
	{
		cat <<-'EOF'
		Acquire::Languages "none";
		APT::Install-Recommends "false";
		APT::Install-Suggests "false";
		APT::Sandbox::User "root";
		Dpkg::Use-Pty "false";
		EOF
		apt-config dump 2>/dev/null |
			grep -E '^Acquire::Check-(Valid-Until|Date) ' || true
	} >"$1/etc/apt/apt.conf.d/90rxpath"
}

create_chroot() {
	local mirror inc=$PACKAGES log=$base/$suite.debootstrap.log

	if ! command -v debootstrap >/dev/null; then
		note "installing debootstrap"
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap >&2 ||
			{ apt-get update -qq >&2 &&
			  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap >&2; }
	fi
	mirror=${RXPATH_MIRROR:-$(host_mirror)}
	[ -n "$mirror" ] ||
		die "no Debian archive URI in the host's apt sources (set RXPATH_MIRROR)"
	case $mirror in https:*) inc=$inc,ca-certificates ;; esac

	tmp=$(mktemp -d "$base/.$suite.tmp.XXXXXX")
	chmod 755 "$tmp"
	note "creating $suite chroot in $root (debootstrap, takes a minute or two)"
	if ! debootstrap --variant=minbase --include="$inc" \
		"$suite" "$tmp" "$mirror" >"$log" 2>&1; then
		tail -n 20 "$log" >&2
		die "debootstrap $suite failed (log: $log)"
	fi
	rm -f "$log"
	umount_under "$tmp"

	# Let autoremove drop old ABIs' headers after an upgrade (debootstrap
	# marks everything it installs as manual).
	write_apt_conf "$tmp"
	chroot "$tmp" /usr/bin/env -i PATH="$CHROOT_PATH" LC_ALL=C sh -c '
		pkgs=$(dpkg-query -W -f "\${Package}\n" "linux-headers-*" "linux-kbuild-*" \
			"linux-image-[0-9]*" 2>/dev/null | grep -vE "^linux-headers-(cloud-)?amd64$" || true)
		[ -z "$pkgs" ] || apt-mark auto $pkgs >/dev/null
		apt-get clean' >&2
	[ -c "$tmp/dev/null" ] || mknod -m 666 "$tmp/dev/null" c 1 3
	mkdir -p "$tmp/build"
	echo "$inc" >"$tmp/.rxpath-refreshed"

	mv -T "$tmp" "$root"
	tmp=
}

# apt keeps the previous kernel's packages through autoremove: here they
# are only one more release for DKMS to build for.
purge_old_headers() {
	local cur old
	cur=$(in_root dpkg-query -W -f '${Depends}' linux-headers-amd64 |
		sed -n 's/.*linux-headers-\([^ ,]*\)-amd64.*/\1/p')
	[ -n "$cur" ] || return 0
	old=$(in_root dpkg-query -W -f '${Package}\n' 'linux-headers-*' |
		grep -E '^linux-headers-.*-(amd64|common)$' | grep -vxE 'linux-headers-(cloud-)?amd64' |
		grep -vF "linux-headers-$cur-" || :)
	[ -z "$old" ] && return 0
	# shellcheck disable=SC2086 # one package a word
	in_root apt-get -y -q purge $old && in_root apt-get -y -q --purge autoremove
}

# apt-get update + upgrade, and install $PACKAGES if the list changed since
# the chroot was made. The stamp file holds the package list.
refresh_chroot() {
	local inc log=$root/var/log/rxpath-refresh.log
	inc=$(cat "$stamp")
	write_apt_conf "$root"
	mount_proc
	# --with-new-pkgs: a new ABI's linux-headers-<release> is a new package.
	# shellcheck disable=SC2086 # word splitting of the package list
	if { in_root apt-get -q update &&
	     in_root apt-get -y -q --with-new-pkgs upgrade &&
	     in_root apt-get -y -q --purge autoremove &&
	     purge_old_headers &&
	     in_root apt-get -y -q install ${PACKAGES//,/ } &&
	     in_root apt-get clean; } >"$log" 2>&1; then
		case $inc in *,ca-certificates) inc=$PACKAGES,ca-certificates ;;
		*) inc=$PACKAGES ;; esac
		echo "$inc" >"$stamp"
		grep -E '^(Inst|Setting up|Removing) linux-headers' "$log" >&2 || true
	else
		tail -n 20 "$log" >&2
		note "refresh of the $suite chroot failed (log: $log); building with what is there"
	fi
}

# Every compiler, objtool or kernel-doc "warning:" line, and modpost's
# warnings: a clean build of rxpath prints none, and a warning that the
# compiler reports in a kernel header (fortify's checks, say) is about our
# call that it inlined there.
src_warnings() {
	grep -E '^WARNING: modpost: ' "$1" || true
	grep -E '(^|[[:space:]:])warning:' "$1" | grep -Ev '^make(\[[0-9]+\])?:' || true
}

mkdir -p "$base"
exec 9>"$base/$suite.lock"
flock 9

# Leftovers of killed runs: mounts in the chroot, interrupted creations.
[ ! -d "$root" ] || umount_under "$root"
for d in "$base/.$suite.tmp."*; do
	[ -d "$d" ] || continue
	note "removing leftover $d"
	remove_tree "$d"
done

if [ ! -f "$stamp" ]; then
	[ ! -e "$root" ] || remove_tree "$root"
	create_chroot
elif [ -n "$(find "$stamp" -mtime +$((REFRESH_DAYS - 1)) -print)" ]; then
	note "refreshing the $suite chroot (older than $REFRESH_DAYS days)"
	refresh_chroot
elif [ "$(sed 's/,ca-certificates$//' "$stamp")" != "$PACKAGES" ]; then
	note "installing new packages into the $suite chroot"
	refresh_chroot
fi

# The suite's point-release and security updates too, as on the machines
# that run it (debootstrap sets up the release alone): Debian's kernels
# move on through SUITE-security. sid has neither.
sources=$(
	mirror=${RXPATH_MIRROR:-$(host_mirror)}
	echo "deb $mirror $suite main"
	if [ "$suite" != sid ]; then
		echo "deb $mirror $suite-updates main"
		echo "deb $mirror-security $suite-security main"
	fi
)
if [ "$(cat "$root/etc/apt/sources.list" 2>/dev/null)" != "$sources" ]; then
	note "adding $suite-updates and $suite-security to the $suite chroot"
	echo "$sources" >"$root/etc/apt/sources.list"
	refresh_chroot
fi

[ -z "$ensure_only" ] || exit 0

mapfile -t releases < <(in_root sh -c '
	for d in /lib/modules/*/build; do
		[ -f "$d/Makefile" ] && basename "$(dirname "$d")"
	done' | sort -V)
[ ${#releases[@]} -gt 0 ] || die "no kernel headers found in $root"
if [ -n "$only_release" ]; then
	printf '%s\n' "${releases[@]}" | grep -qxF "$only_release" ||
		die "no headers for $only_release in $root"
	releases=("$only_release")
fi

mount_proc
jobs=$(nproc)
rc=0
for rel in "${releases[@]}"; do
	dest=$out/$rel
	mkdir -p "$dest"
	rm -f "$dest"/*.ko "$dest/build.log"

	rm -rf --one-file-system "$root/build/src"
	mkdir -p "$root/build/src"
	tar -C "$src" --exclude=.git --exclude='*.o' --exclude='*.ko' \
		--exclude='*.mod' --exclude='*.mod.c' --exclude='.*.cmd' \
		--exclude=Module.symvers --exclude=modules.order \
		--exclude=.tmp_versions -cf - . | tar -C "$root/build/src" -xf -

	status=0
	in_root make -j"$jobs" -C "/lib/modules/$rel/build" M=/build/src \
		modules W=1 >"$dest/build.log" 2>&1 || status=$?

	warnings=$(src_warnings "$dest/build.log")
	(cd "$root/build/src" && find . -name '*.ko' -print0) |
		while IFS= read -r -d '' ko; do
			cp "$root/build/src/$ko" "$dest/"
		done

	if [ "$status" -ne 0 ]; then
		echo "not ok build $rel"
		echo "# make failed ($status), log: $dest/build.log"
		{ grep -E 'error|Error' "$dest/build.log" || true; } |
			sed -n '1,10s/^/#   /p'
		rc=1
	elif [ -n "$warnings" ]; then
		echo "not ok build $rel"
		echo "# warnings in the source tree, log: $dest/build.log"
		printf '%s\n' "$warnings" | sed -n '1,20s/^/#   /p'
		rc=1
	else
		echo "ok build $rel"
	fi
done
exit "$rc"
