#!/bin/bash
# build.sh ARCH BUILD_DIR [SRC_TREE] - configure and build a kernel out of tree.
#
# Builds the image and the UAPI headers (for the selftests) with ccache.
# The build log is BUILD_DIR/build.log; on failure its tail is printed.
set -euo pipefail
. "$(dirname "$0")/common.sh"

arch=$1 bd=$(realpath -m "$2") src=$(realpath "${3:-$WT}")
arch_env "$arch"
"$TOP/tools/config.sh" "$arch" "$bd" "$src"

jobs=${JOBS:-$(($(nproc) + 1))}
cc=(CROSS_COMPILE="$CROSS" CC="ccache ${CROSS}gcc") what=
[ "${CLANG:-0}" = 1 ] && cc=(CROSS_COMPILE= LLVM=-19 CC="ccache clang-19") what=", clang-19"
log "build: $arch in $bd (-j$jobs$what)"
if ! make -C "$src" O="$bd" ARCH="$KARCH" "${cc[@]}" \
	-j"$jobs" all headers >"$bd/build.log" 2>&1; then
	grep -E 'error|Error' "$bd/build.log" | head -30 >&2
	die "build: $arch kernel build failed, see $bd/build.log"
fi
log "build: $arch done: $bd/$IMAGE"
