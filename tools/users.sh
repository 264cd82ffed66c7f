#!/bin/bash
# users.sh [TREE] - build the in-tree users of what the series changes.
#
# vmwgfx (drivers/gpu/drm/vmwgfx) is the only user of the dirty-tracking
# helpers that the series re-implements: build it for x86_64 with the test
# kernel's configuration plus configs/users.config, in TREE/build-x86_64-users.
# Only the users' directories are built, not a kernel image.
set -euo pipefail
. "$(dirname "$0")/common.sh"

tree=$(realpath "${1:-$WT}")
arch=x86_64
arch_env "$arch"
bd=$tree/build-$arch-users
dirs=(drivers/gpu/drm/vmwgfx/)
EXTRA_CONFIGS=users "$TOP/tools/config.sh" "$arch" "$bd" "$tree"
log "users: building ${dirs[*]} ($arch)"
if ! make -C "$tree" O="$bd" ARCH="$KARCH" CROSS_COMPILE="$CROSS" \
	CC="ccache ${CROSS}gcc" -j"${JOBS:-$(($(nproc) + 1))}" "${dirs[@]}" >"$bd/build.log" 2>&1; then
	grep -E 'error|Error' "$bd/build.log" | head -30 >&2
	die "users: build failed, see $bd/build.log"
fi
log "users: ${dirs[*]} built"
