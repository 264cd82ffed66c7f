#!/bin/bash
# deps.sh - install every host package the harness needs, with apt.
#
# Idempotent: a package that is already installed is not fetched again.
# Exits non-zero, naming the packages, if apt cannot install them.
set -euo pipefail
. "$(dirname "$0")/common.sh"

PKGS=(
	build-essential flex bison bc libelf-dev libssl-dev dwarves
	ccache cpio xz-utils rsync python3 python3-ply python3-git git kmod file
	qemu-system-x86 qemu-system-arm
	gcc-aarch64-linux-gnu libc6-dev-arm64-cross gcc-arm-linux-gnueabihf
	busybox-static
)
# busybox-static and busybox-static:arm64 conflict with each other, so the
# arm64 one is fetched with 'apt-get download' and unpacked under $OUT/deps.
# CLANG=1 builds the kernels with Debian 12's LLVM 19 (Linux 7.3 needs 17+).
[ "${CLANG:-0}" = 1 ] && PKGS+=(clang-19 lld-19 llvm-19)
FOREIGN_DEBS=(busybox-static:arm64)

need_arch=0
dpkg --print-foreign-architectures | grep -qx arm64 || need_arch=1

missing=()
for p in "${PKGS[@]}"; do
	dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q 'ok installed' ||
		missing+=("$p")
done

fetch_foreign() {
	local p dir
	for p in "${FOREIGN_DEBS[@]}"; do
		dir=$OUT/deps/${p/:/-}
		[ -e "$dir/.done" ] && continue
		log "deps: apt-get download $p into $dir"
		rm -rf "$dir" && mkdir -p "$dir"
		(cd "$dir" && apt-get download "$p") >"$OUT/apt-download.log" 2>&1 ||
			die "deps: apt-get download $p failed, see $OUT/apt-download.log"
		dpkg-deb -x "$dir"/*.deb "$dir/root" || die "deps: cannot unpack $p"
		touch "$dir/.done"
	done
}

if [ ${#missing[@]} -eq 0 ] && [ $need_arch -eq 0 ]; then
	fetch_foreign
	log "deps: all host packages present"
	exit 0
fi

[ "$(id -u)" -eq 0 ] || die "deps: missing packages (${missing[*]}) and not root to install them"

if [ $need_arch -eq 1 ]; then
	log "deps: dpkg --add-architecture arm64"
	dpkg --add-architecture arm64
fi
log "deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
mkdir -p "$OUT"
apt-get update >"$OUT/apt-update.log" 2>&1 ||
	die "deps: apt-get update failed, see $OUT/apt-update.log"
apt-get install -y --no-install-recommends "${missing[@]}" >"$OUT/apt-install.log" 2>&1 ||
	die "deps: apt-get install of (${missing[*]}) failed, see $OUT/apt-install.log"
fetch_foreign
log "deps: done"
