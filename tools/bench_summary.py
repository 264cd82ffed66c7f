#!/usr/bin/env python3
"""bench_summary.py ARCH-FLAVOUR BASE_K PATCHED_K RUNS LOGDIR - summarize tools/bench.sh.

Reads out/logs/bench-ARCH-FLAVOUR-SIDE-K-RUN.log (SIDE "base" or "patched") and
prints, per benchmark and metric, the median over the boots of each kernel
and the ratio patched/base.  Benchmarks named GROUP.METHOD.VARIANT whose
GROUP has a METHOD "clean" (bench/user/mapping_dirty_bench.c) get a second
table per kernel: each METHOD's median divided by clean's at the same
VARIANT.  Exits 1 if a benchmark reported an error, a benchmark program
failed or was killed, or nothing was measured.
"""
import os
import re
import statistics
import sys

REF = 'clean'
# GROUP -> the VARIANT that GROUP.VARIANT are divided by
SIZE_REF = {'hmm_exclusive': 'order0'}
LINE = re.compile(r'### bench (\S+) (.*?)\s*$')
VALUE = re.compile(r'(\w+)=(\d+)$')
PROG = re.compile(r'### bench-(begin|end) (\S+)(?: rc=(\d+))?')


def natural(s):
    return [int(t) if t.isdigit() else t for t in re.split(r'(\d+)', s)]


def parse(path, side, vals, skips, fails, errors):
    running = set()
    for line in open(path, errors='replace'):
        m = PROG.search(line)
        if m:
            what, prog, rc = m.groups()
            if what == 'begin':
                running.add(prog)
            else:
                running.discard(prog)
                if rc != '0':
                    errors.append(f'{path}: {prog} exited with status {rc}')
            continue
        m = LINE.search(line)
        if not m:
            continue
        name, rest = m.groups()
        v = VALUE.match(rest)
        if v and v.group(1) != 'error':
            vals.setdefault((name, v.group(1)), {}).setdefault(side, []).append(int(v.group(2)))
        elif rest.startswith('failed:'):
            fails.setdefault(name, {}).setdefault(side, []).append(rest[len('failed:'):].strip())
        elif rest.startswith('skipped:'):
            skips.setdefault(name, {})[side] = rest[len('skipped:'):].strip()
        else:
            errors.append(f'{path}: {name} {rest}')
    for prog in running:
        errors.append(f'{path}: {prog} did not finish (killed?)')


def main():
    arch, base, patched, runs, logs = sys.argv[1:]
    ks = {'base': base, 'patched': patched}
    vals, skips, fails, errors = {}, {}, {}, []
    for side, k in ks.items():
        for r in range(1, int(runs) + 1):
            parse(f'{logs}/bench-{arch}-{side}-{k}-{r}.log', side, vals, skips, fails, errors)
    if errors:
        sys.exit('bench: FAILED:\n  ' + '\n  '.join(errors))
    if not vals and not fails:
        sys.exit('bench: no benchmark printed a result')
    med = {key: {s: statistics.median(v) for s, v in d.items()} for key, d in vals.items()}

    clock = 'ICOUNT=1: 1 ns = 1 guest instruction' if os.environ.get('ICOUNT') == '1' else 'wall clock'
    print(f'\nbenchmarks on {arch} kernels: kernel "{base}" (base) vs "{patched}" (patched), {runs} boots each, {clock}')
    print(f'  {"benchmark":36} {"metric":12} {"base":>10} {"patched":>10} {"ratio":>6}')
    for (name, metric), d in vals.items():
        b, p = med[name, metric].get('base'), med[name, metric].get('patched')
        ratio = f'{p / b:6.3f}' if b and p else '     -'
        fmt = lambda x: f'{x:10.0f}' if x is not None else f'{"-":>10}'
        print(f'  {name:36} {metric:12} {fmt(b)} {fmt(p)} {ratio}')
        per_boot = ' | '.join(','.join(map(str, d.get(s, []))) or '-' for s in ks)
        print(f'  {"":36} {"(per boot)":12} {per_boot}')
    for name, d in fails.items():
        for side in ks:
            if side in d:
                why = d[side]
                many = f' (and {len(why) - 1} more boots)' if len(why) > 1 else ''
                print(f'  {name:36} FAILED on {side}: {why[0]}{many}')
    for name, d in skips.items():
        if len(d) == 2 and len(set(d.values())) == 1:
            d = {'both kernels': d['base']}
        for side, why in d.items():
            print(f'  {name:36} skipped on {side}: {why}')

    # GROUP -> METHOD -> VARIANT -> metric -> side -> median
    groups = {}
    for (name, metric), d in med.items():
        parts = name.split('.')
        if len(parts) == 3:
            g, meth, var = parts
            groups.setdefault(g, {}).setdefault(meth, {}).setdefault(var, {})[metric] = d
    for g, meths in groups.items():
        if REF not in meths:
            continue
        others = [m for m in meths if m != REF]
        variants = sorted(meths[REF], key=natural)
        metrics = sorted({mt for v in meths[REF].values() for mt in v})
        for side in ('patched', 'base'):
            print(f'\n{g} on kernel "{ks[side]}" ({side}): median of each method / median of {REF}')
            print(f'  {"variant":10} {"metric":14}' + ''.join(f' {m:>13}' for m in others))
            for var in variants:
                for mt in metrics:
                    ref = meths[REF][var].get(mt, {}).get(side)
                    cells = []
                    for m in others:
                        x = meths[m].get(var, {}).get(mt, {}).get(side)
                        cells.append(f'{x / ref:13.2f}' if x and ref else f'{"-":>13}')
                    print(f'  {var:10} {mt:14}' + ''.join(cells))

    for g, ref in SIZE_REF.items():
        names = [n for (n, _) in vals] + list(fails)
        variants = list(dict.fromkeys(n.split('.', 1)[1] for n in names if n.startswith(g + '.')))
        if not variants:
            continue
        variants.sort(key=lambda v: v != ref)
        metrics = sorted({mt for (n, mt) in med if n.startswith(g + '.') and mt.startswith('ns_')})
        for side in ('patched', 'base'):
            print(f'\n{g} on kernel "{ks[side]}" ({side}): median of each variant / median of {ref}')
            print(f'  {"metric":14}' + ''.join(f' {v:>10}' for v in variants))
            for mt in metrics:
                r = med.get((f'{g}.{ref}', mt), {}).get(side)
                cells = []
                for v in variants:
                    x = med.get((f'{g}.{v}', mt), {}).get(side)
                    if side in fails.get(f'{g}.{v}', {}):
                        cells.append(f'{"failed":>10}')
                    else:
                        cells.append(f'{x / r:10.2f}' if x and r else f'{"-":>10}')
                print(f'  {mt:14}' + ''.join(cells))


main()
