#!/usr/bin/env python3
"""scripts/run_bench.py - run mmlab's benchmarks and print their tables.

Boots the benchmark kernel with bench=1 (KVM if it really works here, else
TCG: which one is printed, since cycle counts under TCG are emulated), picks
the "bench: " lines out of the serial output, then runs the host build's
benchmark program.  Figures are reported, never judged.
"""
import argparse
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import accel as accel_probe  # noqa: E402
from run_tests import make_iso, QemuRun  # noqa: E402


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument('--kernel', required=True)
    ap.add_argument('--host-bench')
    ap.add_argument('--mem', default='2G')
    ap.add_argument('--filter', default='*')
    ap.add_argument('--cmdline', default='', help='more kernel parameters')
    ap.add_argument('--timeout', type=int, default=1800)
    args = ap.parse_args()
    build = os.path.dirname(args.kernel)
    iso = os.path.join(build, 'bench.iso')
    make_iso(args.kernel, iso, f'bench={args.filter} demo=none {args.cmdline}'.strip())
    accel = accel_probe.choose(iso, os.path.join(build, 'accel'))
    print(f'== kernel benchmarks: QEMU {accel.upper()}, -m {args.mem}, kernel built with -O2 '
          f'{args.cmdline} ==')
    if accel == 'tcg':
        print('   (TCG emulates the CPU: cycle counts are emulated cycles; compare ratios)')
    run = QemuRun(iso, accel, args.mem, args.timeout, os.path.join(build, 'bench-serial.log'))
    lines = [l.rstrip() for l in run.lines if l.startswith('bench: ')]
    for line in run.lines:
        if 'page poisoning' in line:	# the boot log's "mm: page poisoning on/off"
            print('   ' + line.strip() + ' (each table says where it forces a mode)')
    for line in lines:
        print(line[len('bench: '):])
    ok = run.status == 33 and any(l.endswith('done') for l in lines)
    if not ok:
        print(f'benchmark kernel failed (QEMU exit status {run.status}); '
              f'serial log: {build}/bench-serial.log')
    if args.host_bench:
        print('== host build benchmarks (same mm sources, -O2, native CPU) ==')
        r = subprocess.run([args.host_bench], capture_output=True, text=True)
        for line in r.stdout.splitlines():
            if line.startswith('bench: '):
                print(line[len('bench: '):])
        ok = ok and r.returncode == 0
    return 0 if ok else 1


if __name__ == '__main__':
    sys.exit(main())
