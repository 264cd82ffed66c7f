#!/bin/bash
# arm32.sh [TREE] - compile mm/ and lib/ of TREE for 32-bit arm.
#
# 32-bit arm is not booted: this catches build breakage that only arm's
# headers show (without LPAE its pgd_t is an array, so a pgd_t cannot be
# initialised from pgdp_get(), which patch 1's walker once did; the walker
# now tests PGD entries through the pointer).  The configuration is
# tinyconfig + configs/arm32.config + configs/series.config, in
# TREE/build-arm; only the objects of mm/ and lib/ are built, no image.
set -euo pipefail
. "$(dirname "$0")/common.sh"

tree=$(realpath "${1:-$WT}")
arch=arm
arch_env "$arch"
bd=$tree/build-$arch
dirs=(mm/ lib/)
"$TOP/tools/config.sh" "$arch" "$bd" "$tree"
log "arm32: compiling ${dirs[*]} ($arch)"
if ! make -C "$tree" O="$bd" ARCH="$KARCH" CROSS_COMPILE="$CROSS" \
	CC="ccache ${CROSS}gcc" -j"${JOBS:-$(($(nproc) + 1))}" "${dirs[@]}" >"$bd/build.log" 2>&1; then
	grep -E 'error|Error' "$bd/build.log" | head -30 >&2
	die "arm32: build failed, see $bd/build.log"
fi
log "arm32: ${dirs[*]} compiled"
