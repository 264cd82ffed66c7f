#!/bin/bash
# bench.sh ARCH BASE_K PATCHED_K [RUNS] - compare two kernels in one run.
#
# Builds the kernel at two prefixes of the series (K: a number of patches,
# or "all"), each with the harness benchmarks of bench/*.c added to a
# throwaway copy of its tree (out/trees/bench-K; the benchmarks are not part
# of the series).  Boots them alternately RUNS times (default 3) with no
# kselftests: the benchmarks run at boot and print "### bench NAME
# METRIC=VALUE".  Prints, per benchmark, the median of each kernel and the
# ratio patched/base.  Logs: out/logs/bench-ARCH-K-RUN.log.
set -euo pipefail
. "$(dirname "$0")/common.sh"

arch=$1 base_k=$2 patched_k=$3 runs=${4:-3}
arch_env "$arch"
mkdir -p "$OUT/logs" "$OUT/trees"

prepare() {
	local k=$1 tree btree bd f
	if [ "$k" = all ]; then tree=$("$TOP/tools/apply.sh"); else tree=$("$TOP/tools/apply.sh" "$k"); fi
	btree=$OUT/trees/bench-$k
	if [ "$(git -C "$btree" rev-parse HEAD 2>/dev/null)" != "$(git -C "$tree" rev-parse HEAD)" ]; then
		git -C "$WT" worktree remove --force "$btree" 2>/dev/null || rm -rf "$btree"
		git -C "$WT" worktree prune
		git -C "$WT" worktree add -q --detach "$btree" "$(git -C "$tree" rev-parse HEAD)"
	fi
	for f in "$TOP"/bench/*.c; do
		cmp -s "$f" "$btree/mm/${f##*/}" || cp "$f" "$btree/mm/"
		grep -qx "obj-y += $(basename "$f" .c).o" "$btree/mm/Makefile" ||
			echo "obj-y += $(basename "$f" .c).o" >>"$btree/mm/Makefile"
	done
	bd=$(build_dir "$arch" "$btree")
	"$TOP/tools/build.sh" "$arch" "$bd" "$btree" >&2
	"$TOP/tools/initramfs.sh" "$arch" "$bd" none >&2
	echo "$bd"
}

bd_base=$(prepare "$base_k")
bd_patched=$(prepare "$patched_k")
for ((r = 1; r <= runs; r++)); do
	for k in "$base_k" "$patched_k"; do
		bd=$bd_base; [ "$k" = "$patched_k" ] && bd=$bd_patched
		logf=$OUT/logs/bench-$arch-$k-$r.log
		BOOT_TIMEOUT=${BOOT_TIMEOUT:-600} "$TOP/tools/boot.sh" "$arch" "$bd" "$bd/initramfs-none.cpio.gz" "$logf"
		grep -q '^### guest-done' "$logf" || die "bench: kernel $k did not finish its boot, see $logf"
		if grep -E 'WARNING: |BUG: |Oops|Kernel panic' "$logf" >&2; then
			die "bench: kernel splat in $logf"
		fi
	done
done

python3 - "$arch" "$base_k" "$patched_k" "$runs" "$OUT/logs" <<'PY'
import re, statistics, sys
arch, base, patched, runs, logs = sys.argv[1:]
vals = {}
for k in (base, patched):
    for r in range(1, int(runs) + 1):
        for line in open(f'{logs}/bench-{arch}-{k}-{r}.log', errors='replace'):
            m = re.search(r'### bench (\S+) (\S+)=(\d+)', line)
            if m:
                vals.setdefault((m.group(1), m.group(2)), {}).setdefault(k, []).append(int(m.group(3)))
            elif '### bench' in line:
                sys.exit('bench: ' + line.strip())
if not vals:
    sys.exit('bench: no benchmark printed a result')
print(f'\nbenchmarks on {arch}: kernel "{base}" (base) vs "{patched}" (patched), {runs} boots each')
print(f'  {"benchmark":36} {"metric":12} {"base":>10} {"patched":>10} {"ratio":>6}')
for (name, metric), d in sorted(vals.items()):
    b, p = statistics.median(d[base]), statistics.median(d[patched])
    print(f'  {name:36} {metric:12} {b:10.0f} {p:10.0f} {p / b:6.3f}')
    print(f'  {"":36} {"(per boot)":12} {",".join(map(str, d[base]))} | {",".join(map(str, d[patched]))}')
PY
