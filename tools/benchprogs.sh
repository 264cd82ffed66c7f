#!/bin/bash
# benchprogs.sh ARCH BUILD_DIR TREE [NAME...] - build the user-space benchmarks.
#
# Each bench/user/NAME.c (only the NAMEs given, if any) is built statically
# for ARCH into BUILD_DIR/bench/NAME, against the UAPI headers of the kernel
# in BUILD_DIR (its build installs them in BUILD_DIR/usr/include) and with
# TREE/lib on the include path, for the UAPI headers of test drivers that
# are not installed (a program tests with __has_include() whether the tree
# has one).  tools/initramfs.sh puts them in the "bench" initramfs; the
# guest runs them after boot.
set -euo pipefail
. "$(dirname "$0")/common.sh"

arch=$1 bd=$(realpath -m "$2") tree=$(realpath "$3")
shift 3
arch_env "$arch"
[ -d "$bd/usr/include" ] || die "benchprogs: no UAPI headers in $bd/usr/include; build the kernel first"

rm -rf "$bd/bench"
mkdir -p "$bd/bench"
for src in "$TOP"/bench/user/*.c; do
	[ -e "$src" ] || continue
	name=$(basename "$src" .c)
	[ $# -eq 0 ] || [[ " $* " == *" $name "* ]] || continue
	"${CROSS}gcc" -O2 -Wall -Wextra -Werror -static \
		-isystem "$bd/usr/include" -I"$tree/lib" \
		-o "$bd/bench/$name" "$src" ||
		die "benchprogs: $arch: $src does not build"
done
log "benchprogs: $arch: $(ls "$bd/bench" | tr '\n' ' ')"
