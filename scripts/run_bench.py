#!/usr/bin/env python3
"""scripts/run_bench.py - run mmlab's benchmarks and print one table.

Boots the benchmark kernel with bench=FILTER bench.runs=N - with KVM if it
really works here (real cycles), else twice under TCG: with -icount shift=0,
where the TSC counts guest instructions (deterministic), and without, where
it follows host time (emulation speed, and whatever else the host runs) -
then runs the host build's benchmark program with BENCH_RUNS=N.  Both print samples ("bench: fig section|label|unit|num/den",
kernel/bench.c); this script prints min/median/max of each figure's samples
in one table, with the `make test` phase times recorded in build/test-times.log
(scripts/run_tests.py) as its last section.  Other "bench: " lines are notes
or warnings and come first.  Figures are reported, never judged.
docs/bench.md explains every figure.
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import accel as accel_probe  # noqa: E402
from run_tests import make_iso, QemuRun, ROOT  # noqa: E402


class Table:
    """Rows in the order of their first sample; a row has one column per unit."""

    def __init__(self):
        self.sections = {}		# section -> {label -> {unit -> [values]}}

    def add(self, section, label, unit, value):
        rows = self.sections.setdefault(section, {})
        rows.setdefault(label, {}).setdefault(unit, []).append(value)

    def parse(self, origin, line):
        """Takes a "fig section|label|unit|num/den" line; False if it is not one."""
        if not line.startswith('fig '):
            return False
        section, label, unit, value = line[4:].split('|')
        num, den = value.split('/')
        self.add(f'{origin}: {section}', label, unit, int(num) / int(den) if int(den) else 0.0)
        return True


def fmt(v, integral):
    if integral or abs(v) >= 1000:
        return f'{v:.0f}'
    if abs(v) >= 10:
        return f'{v:.1f}'
    return f'{v:.3f}'


def cell(vals):
    """ "min / median / max" of the samples, or "-"."""
    if not vals:
        return '-'
    integral = all(float(v).is_integer() for v in vals)
    return ' / '.join(fmt(x, integral) for x in (min(vals), statistics.median(vals), max(vals)))


def print_table(table):
    """One table: a title line per section, then a row per figure, n and a
    min / median / max column per unit."""
    width = max([len(label) for rows in table.sections.values() for label in rows] + [24])
    for section, rows in table.sections.items():
        units = []
        for cols in rows.values():
            units += [u for u in cols if u not in units]
        cells = {label: [cell(cols.get(u, [])) for u in units] for label, cols in rows.items()}
        widths = [max([len(u)] + [len(c[i]) for c in cells.values()]) for i, u in enumerate(units)]
        print(f'-- {section} (min / median / max) --')
        print(f'{"":<{width}} {"n":>2}' + ''.join(f' | {u:>{w}}' for u, w in zip(units, widths)))
        for label, cols in rows.items():
            n = min(len(v) for v in cols.values())
            print(f'{label:<{width}} {n:>2}' +
                  ''.join(f' | {c:>{w}}' for c, w in zip(cells[label], widths)))


def add_test_times(table, log, runs):
    """The last `runs` unfiltered make test runs recorded in log."""
    try:
        with open(log) as f:
            records = [json.loads(line) for line in f if line.strip()]
    except OSError:
        records = []
    records = records[-runs:]
    if not records:
        print(f'note: no make test run recorded in {log}: run make test to get its phase times')
        return
    commits = sorted({r.get('commit', '?') for r in records})
    section = (f'make test wall time by phase, s (last {len(records)} runs recorded, '
               f'commit {", ".join(commits)}, QEMU {records[-1].get("accel", "?").upper()})')
    for r in records:
        for phase, secs in r['phases'].items():
            table.add(section, phase, 's', secs)
        table.add(section, 'total', 's', r['total'])


# How the kernel's TSC runs: (name, QEMU arguments, what a "cycle" is).
CLOCKS = {
    'icount': (['-icount', 'shift=0,sleep=off'],
               'TCG -icount shift=0: a TSC tick per guest instruction (each iteration of a '
               'rep string instruction counts); deterministic'),
    'time': ([], 'TCG: TSC ticks of host time: emulation speed, and whatever else the '
                 'host runs meanwhile'),
}


def run_kernel(args, table, notes):
    build = os.path.dirname(args.kernel)
    iso = os.path.join(build, 'bench.iso')
    make_iso(args.kernel, iso,
             f'bench={args.filter} bench.runs={args.runs} demo=none {args.cmdline}'.strip())
    accel = accel_probe.choose(iso, os.path.join(build, 'accel'))
    print(f'kernel: QEMU {accel.upper()}, -m {args.mem}, built with -O2, '
          f'bench={args.filter} bench.runs={args.runs} {args.cmdline}')
    clocks = ['kvm'] if accel == 'kvm' else args.clocks.split(',')
    ok = True
    for clock in clocks:
        extra, what = CLOCKS.get(clock, ([], 'KVM: real TSC cycles'))
        print(f'   kernel/{clock}: {what}')
        log = os.path.join(build, f'bench-serial-{clock}.log')
        t0 = time.monotonic()
        run = QemuRun(iso, accel, args.mem, args.timeout, log, extra=extra)
        print(f'   kernel/{clock}: {run.elapsed:.0f} s')
        if clock == clocks[0]:
            for line in run.lines:
                # the boot log's CPU, copy routines and poisoning mode
                if any(k in line for k in ('CPU: ', 'page poisoning')):
                    print('   ' + line.strip())
        done = False
        for line in run.lines:
            if not line.startswith('bench: '):
                continue
            body = line[len('bench: '):].rstrip()
            if body == 'done':
                done = True
            elif not table.parse(f'kernel/{clock}', body) and not body.startswith('== '):
                notes.append(f'kernel/{clock}: ' + body)
        if run.status != 33 or not done:
            notes.append(f'kernel/{clock}: benchmark kernel failed (QEMU exit status '
                         f'{run.status}, {time.monotonic() - t0:.0f} s); serial log: {log}')
            ok = False
    return ok


def run_host(args, table, notes):
    cpu = '?'
    try:
        with open('/proc/cpuinfo') as f:
            cpu = next((l.split(':', 1)[1].strip() for l in f if l.startswith('model name')), '?')
    except OSError:
        pass
    print(f'host: {cpu}, same mm sources built -O2, rdtsc, BENCH_RUNS={args.runs}')
    print('   host: native: a TSC tick is a cycle of this CPU; the simulated RAM is touched'
          ' before the benchmarks (no host page fault in a figure)')
    print('   host: load average %.2f %.2f %.2f at the start (other work on the machine'
          ' shows up in max)' % os.getloadavg())
    r = subprocess.run([args.host_bench], capture_output=True, text=True,
                       env=dict(os.environ, BENCH_RUNS=str(args.runs)))
    for line in r.stdout.splitlines():
        if 'per-CPU lists' in line and not line.startswith('bench: '):
            print('   ' + line.strip())
        if line.startswith('bench: '):
            body = line[len('bench: '):]
            if not table.parse('host', body) and not body.startswith('== ') and body != 'done':
                notes.append('host: ' + body)
    if r.returncode:
        notes.append(f'host: {args.host_bench} exited with status {r.returncode}')
    return r.returncode == 0


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--kernel', required=True)
    ap.add_argument('--host-bench')
    ap.add_argument('--mem', default='2G')
    ap.add_argument('--filter', default='migrate,thp', help='kernel benchmarks (globs, a,b)')
    ap.add_argument('--runs', type=int, default=5, help='samples of each figure')
    ap.add_argument('--clocks', default='icount,time', help='under TCG: icount, time or both')
    ap.add_argument('--cmdline', default='', help='more kernel parameters')
    ap.add_argument('--test-times', default=os.path.join(ROOT, 'build', 'test-times.log'))
    ap.add_argument('--timeout', type=int, default=1800)
    args = ap.parse_args()
    start = time.monotonic()
    table, notes = Table(), []
    print(f'== make bench: min / median / max of {args.runs} runs of each figure ==')
    ok = run_kernel(args, table, notes)
    if args.host_bench:
        ok = run_host(args, table, notes) and ok
    add_test_times(table, args.test_times, 5)
    for note in notes:
        print('note: ' + note)
    print_table(table)
    print(f'make bench: {time.monotonic() - start:.0f} s for the benchmarks (after the build)')
    return 0 if ok else 1


if __name__ == '__main__':
    sys.exit(main())
