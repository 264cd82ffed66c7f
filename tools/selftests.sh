#!/bin/bash
# selftests.sh ARCH BUILD_DIR [SRC_TREE] - build the listed mm kselftests.
#
# Every PROGRAM of tests/kselftests.list for ARCH is built statically from
# SRC_TREE/tools/testing/selftests/mm against the UAPI headers of the kernel
# in BUILD_DIR, into BUILD_DIR/kselftest/.
set -euo pipefail
. "$(dirname "$0")/common.sh"

arch=$1 bd=$(realpath -m "$2") src=$(realpath "${3:-$WT}")
arch_env "$arch"
out=$bd/kselftest
mkdir -p "$out"

mapfile -t progs < <(for set in all soak; do "$TOP/tools/testlist.sh" "$arch" "$set" "$src"; done |
	awk '{print $3}' | sort -u)
[ ${#progs[@]} -gt 0 ] || exit 0
[ -d "$bd/usr/include" ] || die "selftests: no UAPI headers in $bd/usr/include; build the kernel first"

log "selftests: $arch: ${progs[*]}"
targets=("${progs[@]/#/$out/}")
# The Makefile does not know that the programs include the test drivers'
# UAPI headers (lib/*_uapi.h): rebuild them all when one of those changed.
stamp=$(cat "$src"/lib/*_uapi.h | sha256sum | cut -d' ' -f1)
if [ "$(cat "$out/lib-uapi.sha256" 2>/dev/null)" != "$stamp" ]; then
	rm -f "${targets[@]}" "$out/lib-uapi.sha256"
fi
if ! make -C "$src/tools/testing/selftests/mm" ARCH="$KARCH" CROSS_COMPILE="$CROSS" \
	OUTPUT="$out" KHDR_INCLUDES="-isystem $bd/usr/include" LDFLAGS=-static \
	-j"${JOBS:-3}" "${targets[@]}" >"$out/build.log" 2>&1; then
	grep -E 'error' "$out/build.log" | head -20 >&2
	die "selftests: $arch build failed, see $out/build.log"
fi
echo "$stamp" >"$out/lib-uapi.sha256"
