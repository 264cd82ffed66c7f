#!/bin/bash
# test.sh SET ARCH... - apply, build, boot and test; print the results.
#
# SET is "series" (KUnit + the series' kselftests), "all" (also the
# regression set) or "soak" (KUnit + the long runs).  PREFIX=K builds the first K patches only, in their own
# tree and build folders, so that two kernels can be compared in one run;
# DROP=N builds the series without its Nth patch (tools/apply.sh).
# Console logs: $OUT/logs/ARCH[-pK]-SET.log.  Exit 1 if anything failed.
set -euo pipefail
. "$(dirname "$0")/common.sh"

set=$1; shift
[ "$(flavour)" = debug ] ||
	die "test: the tests run on debug kernels (lockdep, DEBUG_VM); FLAVOUR=prod is for ./harness bench"
tree=$("$TOP/tools/apply.sh" "${PREFIX:-}")
sfx=${PREFIX:+-p$PREFIX}${DROP:+-d$DROP}; [ "${KASAN:-0}" = 1 ] && sfx=$sfx-kasan
[ "${CLANG:-0}" = 1 ] && sfx=$sfx-clang
mkdir -p "$OUT/logs"
runs=()
for arch in "$@"; do
	bd=$(build_dir "$arch" "$tree")
	"$TOP/tools/build.sh" "$arch" "$bd" "$tree"
	"$TOP/tools/selftests.sh" "$arch" "$bd" "$tree"
	"$TOP/tools/initramfs.sh" "$arch" "$bd" "$set" "$tree"
done
# The guests boot side by side: most tests use one vCPU, so two guests on
# two host cores take little longer than one.
SECONDS=0
pids=()
for arch in "$@"; do
	bd=$(build_dir "$arch" "$tree")
	logf=$OUT/logs/$arch$sfx-$set.log
	"$TOP/tools/boot.sh" "$arch" "$bd" "$bd/initramfs-$set.cpio.gz" "$logf" &
	pids+=($!)
	runs+=("$arch:$logf:$bd/initramfs-$set/tests.txt:$bd/.config")
done
wait "${pids[@]}"
log "test: guests ran for ${SECONDS}s"
python3 "$TOP/tools/results.py" --kunit-py "$tree/tools/testing/kunit/kunit.py" "${runs[@]}"
