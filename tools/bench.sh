#!/bin/bash
# bench.sh ARCH BASE_K PATCHED_K [RUNS] - compare two kernels in one run.
#
# Builds the kernel at two prefixes of the series (K: a number of patches,
# or "all"), each with the harness benchmarks added to a throwaway copy of
# its tree (out/trees/bench-K; the benchmarks are not part of the series):
#
#   bench/NAME.c       in-kernel: built into mm/, run at boot (late_initcall)
#   bench/user/NAME.c  user space: built statically against the kernel's UAPI
#                      headers (tools/benchprogs.sh), run by the guest's init
#
# BENCH="NAME..." (space or comma separated) selects some of them; the
# default is all.  Boots the two kernels alternately RUNS times (default 3)
# with no kselftests.  Every benchmark prints "### bench NAME METRIC=VALUE",
# or "### bench NAME skipped: REASON"; tools/bench_summary.py prints, per
# benchmark, the median of each kernel and the ratio patched/base.  Logs:
# out/logs/bench-ARCH-SIDE-K-RUN.log, SIDE "base" or "patched" (the two
# sides may be the same K, to see the noise).  ICOUNT=1 (tools/boot.sh)
# times guest instructions instead of the host's wall clock, which the
# other jobs on the host make vary by 2x between boots.
#
# The kernels are production-like by default (FLAVOUR=prod: the test
# options without configs/debug.config, that is without lockdep, DEBUG_VM
# and the other debug options); FLAVOUR=debug measures the test kernels.
# configs/bench-ARCH.config, where there is one, is added to both (x86_64:
# TLB flush counters).  Logs: out/logs/bench-ARCH-FLAVOUR-SIDE-K-RUN.log.
set -euo pipefail
. "$(dirname "$0")/common.sh"

arch=$1 base_k=$2 patched_k=$3 runs=${4:-3}
arch_env "$arch"
export FLAVOUR=${FLAVOUR:-prod}
fl=$(flavour)
[ -e "$TOP/configs/bench-$arch.config" ] &&
	export EXTRA_CONFIGS="${EXTRA_CONFIGS:+$EXTRA_CONFIGS }bench-$arch"
mkdir -p "$OUT/logs" "$OUT/trees"
IFS=", " read -ra sel <<<"${BENCH:-}"
selected() { [ ${#sel[@]} -eq 0 ] || [[ " ${sel[*]} " == *" $1 "* ]]; }
for n in "${sel[@]}"; do
	[ -e "$TOP/bench/$n.c" ] || [ -e "$TOP/bench/user/$n.c" ] ||
		die "bench: BENCH names '$n', but there is no bench/$n.c or bench/user/$n.c"
done

prepare() {
	local k=$1 tree btree bd f n mk progs
	if [ "$k" = all ]; then tree=$("$TOP/tools/apply.sh"); else tree=$("$TOP/tools/apply.sh" "$k"); fi
	btree=$OUT/trees/bench-$k
	if [ "$(git -C "$btree" rev-parse HEAD 2>/dev/null)" != "$(git -C "$tree" rev-parse HEAD)" ]; then
		git -C "$WT" worktree remove --force "$btree" 2>/dev/null || rm -rf "$btree"
		git -C "$WT" worktree prune
		git -C "$WT" worktree add -q --detach "$btree" "$(git -C "$tree" rev-parse HEAD)"
	fi
	# mm/Makefile: the tree's own, plus the selected in-kernel benchmarks
	# (rewritten only when that changes, so that builds stay incremental).
	mk=$(git -C "$btree" show HEAD:mm/Makefile)
	for f in "$TOP"/bench/*.c; do
		n=$(basename "$f" .c)
		selected "$n" || continue
		cmp -s "$f" "$btree/mm/$n.c" || cp "$f" "$btree/mm/"
		mk+=$'\n'"obj-y += $n.o"
	done
	[ "$(cat "$btree/mm/Makefile")" = "$mk" ] || printf '%s\n' "$mk" >"$btree/mm/Makefile"
	bd=$(build_dir "$arch" "$btree")
	"$TOP/tools/build.sh" "$arch" "$bd" "$btree" >&2
	mapfile -t progs < <(for f in "$TOP"/bench/user/*.c; do
		n=$(basename "$f" .c); selected "$n" && echo "$n"; done)
	if [ ${#progs[@]} -gt 0 ]; then
		"$TOP/tools/benchprogs.sh" "$arch" "$bd" "$btree" "${progs[@]}" >&2
	else
		rm -rf "$bd/bench" && mkdir "$bd/bench"
	fi
	"$TOP/tools/initramfs.sh" "$arch" "$bd" bench >&2
	echo "$bd"
}

bd_base=$(prepare "$base_k")
bd_patched=$bd_base
[ "$patched_k" = "$base_k" ] || bd_patched=$(prepare "$patched_k")
for ((r = 1; r <= runs; r++)); do
	for side in base patched; do
		if [ $side = base ]; then k=$base_k bd=$bd_base; else k=$patched_k bd=$bd_patched; fi
		logf=$OUT/logs/bench-$arch-$fl-$side-$k-$r.log
		BOOT_TIMEOUT=${BOOT_TIMEOUT:-600} "$TOP/tools/boot.sh" "$arch" "$bd" "$bd/initramfs-bench.cpio.gz" "$logf"
		grep -q '^### guest-done' "$logf" || die "bench: kernel $k did not finish its boot, see $logf"
		if grep -E 'WARNING: |BUG: |Oops|Kernel panic' "$logf" >&2; then
			die "bench: kernel splat in $logf"
		fi
	done
done

exec python3 "$TOP/tools/bench_summary.py" "$arch-$fl" "$base_k" "$patched_k" "$runs" "$OUT/logs"
