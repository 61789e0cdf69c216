#!/usr/bin/env python3
"""scripts/run_stress.py - `make stress`: the model-checked stress of the mm.

Runs the host build's stress program (ASan+UBSan) with stress=STEPS,SEED,FAIL,
then boots the kernel with the same (QEMU, KVM if it really works here, else
TCG), prints both reports and exits with the result.  A failure names the
seed and the step: the same arguments replay it.
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
    ap.add_argument('--host-stress', help='the host build stress program, run too')
    ap.add_argument('--steps', type=int, default=100000, help='steps on the host')
    ap.add_argument('--kernel-steps', type=int, help='steps in QEMU (default: --steps)')
    ap.add_argument('--seed', type=int, default=1)
    ap.add_argument('--fail', type=int, default=2, help='percent of page allocations failing')
    ap.add_argument('--mem', default='1G')
    ap.add_argument('--timeout', type=int, default=3600)
    args = ap.parse_args()
    ok = True
    if args.host_stress and args.steps:
        print(f'== host stress: {args.steps} steps, seed {args.seed}, {args.fail}% allocations '
              f'failing (ASan+UBSan) ==', flush=True)
        r = subprocess.run([args.host_stress, f'stress={args.steps},{args.seed},{args.fail}'],
                           capture_output=True, text=True)
        for line in (r.stdout + r.stderr).splitlines():
            if line.startswith('stress:') or 'ERROR' in line or 'BUG' in line:
                print(line)
        ok = r.returncode == 0
        print(f'host stress: {"passed" if ok else "FAILED"} (exit status {r.returncode})')
    args.steps = args.steps if args.kernel_steps is None else args.kernel_steps
    if args.steps:
        build = os.path.dirname(args.kernel)
        iso = os.path.join(build, 'stress.iso')
        make_iso(args.kernel, iso, f'stress={args.steps},{args.seed},{args.fail} demo=none')
        accel = accel_probe.choose(iso, os.path.join(build, 'accel'))
        print(f'== kernel stress: {args.steps} steps, seed {args.seed}, '
              f'{args.fail}% allocations failing (QEMU {accel.upper()}) ==', flush=True)
        run = QemuRun(iso, accel, args.mem, args.timeout, os.path.join(build, 'stress-serial.log'))
        for line in run.lines:
            if line.startswith('stress:') or 'BUG' in line or 'oops' in line:
                print(line.rstrip())
        ok = ok and run.status == 33
        print(f'kernel stress: {"passed" if ok else "FAILED"} in {run.elapsed:.1f} s '
              f'(QEMU exit status {run.status}; serial log {build}/stress-serial.log)')
    return 0 if ok else 1


if __name__ == '__main__':
    sys.exit(main())
