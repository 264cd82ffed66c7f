#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""results.py - turn guest console logs into a per-suite table and a verdict.

    results.py --kunit-py PATH [--known FILE] ARCH:LOG:TESTS[:CONFIG] [...]

For every ARCH:LOG:TESTS (TESTS is the initramfs's tests.txt):
  - KUnit KTAP is parsed by the kernel's own `kunit.py parse --json`; every
    suite of tests/kunit.list for ARCH must have reported (if the list names
    a Kconfig option for it, only where CONFIG, the kernel's .config, has
    it built in).
  - kselftest TAP is parsed between the guest init's "### ksft-begin/end"
    markers; every kselftest of TESTS must have ended, within its timeout,
    with as many results as its plan announced.
  - the whole log is scanned for kernel splats.
Failures listed in the known-failures file are reported but do not fail the
run; a listed failure that passes does, until the list is updated.  A test
with retry=N in tests/kselftests.list that failed and ran again ("### ksft-retry"
markers) is judged by its last run; the failed runs are listed under RETRIED.

Prints one table per architecture, the problems with their log lines, and a
closing line "N passed, N failed, N skipped[, N known failures][, N suites
missing]".
Exit status: 0 if everything passed, 1 otherwise.
"""

import argparse
import fnmatch
import json
import os
import re
import subprocess
import sys
import tempfile

TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# A kernel splat anywhere in the log fails the run.
SPLAT = re.compile(
    r'WARNING: |BUG: |Oops|Kernel panic|Unable to handle kernel|'
    r'general protection fault|KASAN: |kernel BUG at|'
    r'possible circular locking dependency|possible recursive locking|'
    r'inconsistent lock state|suspicious RCU usage|bad unlock balance|'
    r'rcu: INFO|blocked for more than \d+ seconds|soft lockup|hard LOCKUP|'
    r'UBSAN: |Call Trace:|Internal error:')

TAP_RESULT = re.compile(r'^(not ok|ok) (\d+)\s*(.*?)\s*$')
TAP_PLAN = re.compile(r'^1\.\.(\d+)\s*$')
KMSG = re.compile(r'\[\s*\d+\.\d+\]\s')


def arch_match(pattern, arch):
    return pattern == 'all' or arch in pattern.split(',')


def read_list(path):
    with open(path) as f:
        for line in f:
            line = line.strip()
            if line and not line.startswith('#'):
                yield line


def load_known(path):
    known = []
    for line in read_list(path):
        if ' -- ' not in line:
            sys.exit(f'{path}: no " -- REASON" in: {line}')
        head, reason = line.split(' -- ', 1)
        parts = head.split(None, 2)
        if len(parts) != 3 or not reason.strip():
            sys.exit(f'{path}: want "ARCH ID TEST -- REASON": {line}')
        known.append({'arch': parts[0], 'id': parts[1], 'test': parts[2],
                      'reason': reason.strip(), 'seen': set()})
    return known


def find_known(known, arch, tid, test):
    for k in known:
        if (arch_match(k['arch'], arch) and k['id'] == tid and
                fnmatch.fnmatchcase(test, k['test'])):
            return k
    return None


def strip_kmsg(line):
    """Drop a kernel message glued to the end of a line of test output."""
    m = KMSG.search(line)
    return line[:m.start()] if m and m.start() > 0 else line


class Suite:
    def __init__(self, kind, name):
        self.kind, self.name = kind, name
        self.passed = self.failed = self.skipped = self.known = 0
        self.missing = 0
        self.note = ''


# A console line that can belong to KTAP output, once its printk time stamp
# is stripped: a KTAP line of the top level, or an indented one (a subtest's
# KTAP, or the text of a failed expectation).
KTAP_LINE = re.compile(r'^(\[\s*[0-9.]+\] )?'
                       r'(\s|KTAP version|TAP version|1\.\.|ok |not ok |#)')


def parse_kunit(kunit_py, log):
    """Return {suite: [(test, status)]} from kunit.py parse --json.

    Other kernel messages can come in the middle of the KTAP output, while
    the suites run at boot (say "tsc: Refined TSC clocksource calibration"
    between "KTAP version 1" and the first suite), and kunit.py parse then
    misreads the nesting: only the lines that can be KTAP are given to it.
    """
    with open(log, errors='replace') as f:
        ktap = [line for line in f if KTAP_LINE.match(line)]
    with tempfile.NamedTemporaryFile('r', suffix='.json') as js, \
            tempfile.NamedTemporaryFile('w', suffix='.log') as tap:
        tap.writelines(ktap)
        tap.flush()
        # kunit.py chdirs to the kernel tree: absolute paths only.
        p = subprocess.run([sys.executable, kunit_py, 'parse',
                            '--json=' + js.name, tap.name],
                           capture_output=True, text=True)
        try:
            data = json.load(js)
        except ValueError:
            return {}, p.stdout + p.stderr
    suites = {}

    def cases(group, prefix):
        out = [(prefix + c['name'], c['status']) for c in group['test_cases']]
        for g in group['sub_groups']:
            out += cases(g, prefix + g['name'] + '.')
        return out

    for g in data.get('sub_groups', []):
        suites[g['name']] = cases(g, '')
    for c in data.get('test_cases', []):
        # A suite that crashed before reporting its cases.
        suites.setdefault(c['name'], []).append(('(suite)', c['status']))
    return suites, ''


def check_arch(args, arch, log, tests, kconfig, known, problems, retried):
    with open(log, errors='replace') as f:
        lines = f.read().splitlines()
    rows = []

    def problem(msg, context=()):
        problems.append((arch, log, msg, list(context)))

    # Kernel splats anywhere in the log.
    for i, line in enumerate(lines):
        if SPLAT.search(line):
            problem(f'kernel splat at line {i + 1}', lines[max(0, i - 2):i + 25])
            break
    for line in lines:
        if line.startswith('### harness:'):
            problem(line[4:])

    # KUnit, parsed by the kernel's own parser.
    # A suite is expected where its Kconfig option is built in: a prefix
    # of the series may not have it yet.
    config = ''
    if kconfig and os.path.exists(kconfig):
        with open(kconfig) as f:
            config = f.read()
    want = []
    for entry in read_list(os.path.join(TOP, 'tests', 'kunit.list')):
        w = entry.split()
        if not arch_match(w[0], arch):
            continue
        if len(w) > 2 and f'\n{w[2]}=y\n' not in config:
            continue
        want.append(w[1])
    suites, err = parse_kunit(args.kunit_py, log)
    if want and not suites:
        problem('kunit.py parse found no KTAP output', err.splitlines()[-10:])
    for name in want:
        s = Suite('kunit', name)
        rows.append(s)
        if name not in suites:
            s.note = 'MISSING'
            s.missing = 1
            problem(f'KUnit suite {name} never reported')
            continue
        for test, status in suites[name]:
            if status == 'PASS':
                s.passed += 1
            elif status == 'SKIP':
                s.skipped += 1
            else:
                s.failed += 1
                problem(f'KUnit {name}: {test} {status}',
                        [ln for ln in lines if test.split('.')[-1] in ln][:20])
    for name in sorted(set(suites) - set(want)):
        problem(f'KUnit suite {name} reported but not in tests/kunit.list')

    # kselftests, between the guest init's markers.
    if not any(ln.startswith('### guest-done') for ln in lines):
        problem('the guest never finished (crash, hang or timeout)', lines[-30:])
    for t in tests:
        timeout, tid = t.split()[:2]
        s = Suite('ksft', tid)
        rows.append(s)
        try:
            b = lines.index(f'### ksft-begin {tid}')
        except ValueError:
            s.note = 'MISSING'
            s.missing = 1
            problem(f'kselftest {tid} never started')
            continue
        e, rc, secs = None, None, 0
        for j in range(b + 1, len(lines)):
            m = re.match(r'### ksft-end (\S+) rc=(\d+) secs=(\d+)', lines[j])
            if m and m.group(1) == tid:
                e, rc, secs = j, int(m.group(2)), int(m.group(3))
                break
            if lines[j].startswith('### ksft-begin '):
                break
        body = lines[b + 1:e] if e else lines[b + 1:]
        # retry=N tests: the last run is judged, the failed ones reported.
        tries = [i for i, ln in enumerate(body)
                 if ln.startswith(f'### ksft-retry {tid} ')]
        if tries:
            failed_runs = body[:tries[-1] + 1]
            body = body[tries[-1] + 1:]
            s.note = f'RETRIED {len(tries)}x'
            retried.append((arch, log, f'{tid} failed {len(tries)} time(s), '
                            'then ran again',
                            [ln for ln in map(strip_kmsg, failed_runs)
                             if ln.startswith(('not ok', 'Bail out', '# ',
                                               '### ksft-retry'))][-12:]))
        plan, seen = None, 0
        for raw in body:
            line = strip_kmsg(raw)
            if line.startswith('### setup-error'):
                s.failed += 1
                problem(f'{tid}: {line[4:]}')
            m = TAP_PLAN.match(line)
            if m and plan is None:
                plan = int(m.group(1))
            m = TAP_RESULT.match(line)
            if not m:
                continue
            seen += 1
            desc = m.group(3)
            directive = ''
            if ' # ' in ' ' + desc:
                desc, _, directive = (' ' + desc).partition(' # ')
                desc = desc.strip()
            if m.group(1) == 'ok':
                if directive.upper().startswith('SKIP'):
                    s.skipped += 1
                    continue
                s.passed += 1
                k = find_known(known, arch, tid, desc)
                if k:
                    problem(f'{tid}: "{desc}" passes but is in the known-failures '
                            f'list ({k["reason"]}); remove it from the list')
                    s.failed += 1
                continue
            k = find_known(known, arch, tid, desc)
            if k:
                s.known += 1
                k['seen'].add(arch)
            else:
                s.failed += 1
                ctx = [ln for ln in body if ln != raw and desc and
                       re.search(re.escape(desc) + r'(\s|$)', ln)]
                problem(f'{tid}: not ok {m.group(2)} {desc}', ctx[-10:])
        if e is None:
            s.note = 'NO END'
            s.missing = 1
            problem(f'kselftest {tid} never ended (guest crash or hang)', body[-12:])
            continue
        if secs >= int(timeout) or rc == 137:
            s.note = 'TIMEOUT'
            s.failed += 1
            problem(f'kselftest {tid} killed after {secs}s (timeout {timeout}s)', body[-12:])
            continue
        if plan is not None and seen < plan:
            s.note = s.note or 'SHORT'
            s.failed += 1
            problem(f'kselftest {tid} planned {plan} results, reported {seen}', body[-12:])
            continue
        if rc == 4 and seen == 0:
            s.skipped += 1
            s.note = s.note or 'SKIP'
        elif rc != 0 and s.failed == 0 and s.known == 0:
            k = find_known(known, arch, tid, 'exit')
            if k:
                s.known += 1
                k['seen'].add(arch)
            else:
                s.failed += 1
                problem(f'kselftest {tid} exited with status {rc}', body[-20:])
        if seen == 0 and rc != 4 and not s.note:
            s.note = 'NO TAP'
            problem(f'kselftest {tid} printed no TAP results', body[-20:])
    return rows


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--kunit-py', required=True)
    ap.add_argument('--known', default=os.path.join(TOP, 'tests', 'known-failures.list'))
    ap.add_argument('runs', nargs='+', metavar='ARCH:LOG:TESTS[:CONFIG]')
    args = ap.parse_args()

    known = load_known(args.known)
    problems, retried, totals = [], [], [0, 0, 0, 0, 0]
    archs = []
    for run in args.runs:
        arch, log, tests_txt, kconfig = (run.split(':', 3) + [''])[:4]
        archs.append(arch)
        with open(tests_txt) as f:
            tests = [ln for ln in f.read().splitlines() if ln.strip()]
        rows = check_arch(args, arch, log, tests, kconfig, known, problems,
                          retried)
        print(f'\n{arch}  (console log: {log})')
        print(f'  {"suite":40} {"pass":>5} {"fail":>5} {"skip":>5} {"known":>5}')
        for s in rows:
            name = f'{s.kind}:{s.name}'
            print(f'  {name:40} {s.passed:5} {s.failed:5} {s.skipped:5} {s.known:5}  {s.note}')
            totals[0] += s.passed
            totals[1] += s.failed
            totals[2] += s.skipped
            totals[3] += s.known
            totals[4] += s.missing

    if retried:
        print('\nRETRIED (flaky tests of the base, retry=N in '
              'tests/kselftests.list; the last run counts)')
        for arch, log, msg, ctx in retried:
            print(f'- [{arch}] {msg}    (log: {log})')
            for ln in ctx:
                print(f'      | {ln}')
    if problems:
        print('\nPROBLEMS')
        for arch, log, msg, ctx in problems:
            print(f'- [{arch}] {msg}    (log: {log})')
            for ln in ctx:
                print(f'      | {ln}')
    line = f'{totals[0]} passed, {totals[1]} failed, {totals[2]} skipped'
    if totals[3]:
        line += f', {totals[3]} known failures'
    if totals[4]:
        line += f', {totals[4]} suites missing'
    print('\n' + line)
    return 1 if problems or totals[1] else 0


if __name__ == '__main__':
    sys.exit(main())
