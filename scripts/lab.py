#!/usr/bin/env python3
"""scripts/lab.py - the labs (docs/labs/): student trees and grading.

The solution of each lab is marked in place in the C sources:

    /* LAB(migrate) BEGIN: what the region does, for the student */
    //@ return -EAGAIN;      (the stub: compiles, does the wrong thing)
    ... the solution ...
    /* LAB END */

  lab.py student LAB DIR   copy the tracked tree to DIR with LAB's regions
                           replaced by "/* YOUR CODE HERE ... */" and the stub
  lab.py grade LAB         build the kernel here, boot LAB's tests (KUnit, under
                           QEMU), print a score per test and the total, as
                           xv6's grade-lab-* does; exit 0 only at 100 %
  lab.py check             for make test: every lab scores 100 % on this tree
                           and below 100 % - without the grader failing - on
                           its student tree
Standard library only.
"""
import argparse
import os
import re
import shutil
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

# Each lab: its handout and the KUnit tests that grade it (kunit.filter_glob).
LABS = {
    'buddy': {'handout': 'docs/labs/buddy.md', 'tests': 'buddy'},
    'thp': {'handout': 'docs/labs/thp.md', 'tests': 'thp'},
    'migrate': {'handout': 'docs/labs/migrate.md', 'tests': 'hmm_migrate,migrate'},
    'cow': {'handout': 'docs/labs/cow.md', 'tests': 'fork,fork_hmm'},
}
BEGIN = re.compile(r'^(\s*)/\* LAB\((\w+)\) BEGIN: (.*?) \*/\s*$')
STUB = re.compile(r'^(\s*)//@ ?(.*)$')
END = re.compile(r'^\s*/\* LAB END \*/\s*$')
SOURCE_DIRS = ('mm/', 'kernel/', 'drivers/', 'include/')
KERNEL_BUILD_DIRS = ('boot', 'kernel', 'mm', 'drivers', 'tests')


def tracked_files(root=ROOT):
    out = subprocess.run(['git', 'ls-files'], cwd=root, capture_output=True, text=True,
                         check=True).stdout
    return [f for f in out.splitlines() if os.path.isfile(os.path.join(root, f))]


def transform(text, lab, path):
    """The text with lab's regions replaced by their stubs; (text, regions)."""
    out, regions, region = [], 0, None
    for n, line in enumerate(text.splitlines(keepends=True), 1):
        m = BEGIN.match(line)
        if m:
            if region:
                raise SystemExit(f'{path}:{n}: LAB BEGIN inside a LAB region')
            region = m.group(2)
            if m.group(2) not in LABS:
                raise SystemExit(f'{path}:{n}: no lab called {m.group(2)!r}')
            if region == lab:
                regions += 1
                out.append(f'{m.group(1)}/* YOUR CODE HERE (lab {lab}): {m.group(3)} */\n')
            else:
                out.append(line)
            continue
        if END.match(line):
            if not region:
                raise SystemExit(f'{path}:{n}: LAB END without a BEGIN')
            if region != lab:
                out.append(line)
            region = None
            continue
        if region == lab:
            s = STUB.match(line)
            if s:
                out.append(f'{s.group(1)}{s.group(2)}\n')
            continue
        out.append(line)
    if region:
        raise SystemExit(f'{path}: LAB({region}) BEGIN without an END')
    return ''.join(out), regions


def make_student_tree(lab, dest, build_from=None):
    """Copies the tracked tree to dest, LAB's solution replaced by stubs.  With
    build_from (a built tree's build/), its objects come too, older than the
    changed sources, so the first build recompiles only those."""
    if lab not in LABS:
        raise SystemExit(f'no lab called {lab!r}; the labs: {", ".join(LABS)}')
    if os.path.exists(dest):
        shutil.rmtree(dest)
    changed = []
    for f in tracked_files():
        src, dst = os.path.join(ROOT, f), os.path.join(dest, f)
        os.makedirs(os.path.dirname(dst), exist_ok=True)
        shutil.copy2(src, dst)
        if f.startswith(SOURCE_DIRS) and f.endswith(('.c', '.h')):
            with open(src) as fh:
                text, n = transform(fh.read(), lab, f)
            if n:
                with open(dst, 'w') as fh:
                    fh.write(text)
                changed.append(f)
    if not changed:
        raise SystemExit(f'lab {lab}: no LAB({lab}) region in the sources')
    if build_from and os.path.isdir(build_from):
        for name in os.listdir(build_from):	# what `make kernel` made, and the initramfs
            src, dst = os.path.join(build_from, name), os.path.join(dest, 'build', name)
            if name in KERNEL_BUILD_DIRS:
                shutil.copytree(src, dst, symlinks=True, copy_function=shutil.copy2)
            elif name.startswith(('kallsyms', 'kernel')) or name in ('initramfs.cpio', 'accel'):
                os.makedirs(os.path.dirname(dst), exist_ok=True)
                shutil.copy2(src, dst)
        now = time.time() + 1
        for f in changed:
            os.utime(os.path.join(dest, f), (now, now))
    return changed


def expected_tests(lab, root):
    """suite.case for every case of the lab's suites, read from root's tests/*.c: a
    case a crash kept from running counts as failed, not as absent."""
    suites = LABS[lab]['tests'].split(',')
    names = []
    for f in sorted(os.listdir(os.path.join(root, 'tests'))):
        if not f.endswith('.c'):
            continue
        with open(os.path.join(root, 'tests', f)) as fh:
            text = fh.read()
        for suite in re.findall(r'\.name\s*=\s*"(\w+)"', text):
            if suite in suites:
                names += [f'{suite}.{c}' for c in re.findall(r'KUNIT_CASE\w*\((\w+)', text)]
    return names


def grade(lab, root, mem='1G', timeout=300, accel=None):
    """Builds root's kernel, runs the lab's tests; returns (points, total, lines) or
    raises RuntimeError if the kernel does not build."""
    import run_tests
    import accel as accel_probe
    r = subprocess.run(['make', '-C', root, '-s', 'kernel'], capture_output=True, text=True)
    if r.returncode:
        raise RuntimeError(f'the kernel does not build:\n{r.stdout[-2000:]}{r.stderr[-2000:]}')
    kernel = os.path.join(root, 'build', 'kernel.elf')
    build = os.path.join(root, 'build')
    if accel is None:
        probe = os.path.join(build, 'accel-probe.iso')
        run_tests.make_iso(kernel, probe, 'demo=none')
        accel = accel_probe.choose(probe, os.path.join(build, 'accel'))
    run, verdict = run_tests.boot_tests(kernel, build, accel, mem, LABS[lab]['tests'], timeout,
                                        tag=f'grade-{lab}')
    passed = set(verdict.passed)
    names = sorted(set(expected_tests(lab, root)) | passed)
    lines = [f'{n}: {"OK" if n in passed else "FAIL"} (1 pt)' for n in names]
    for what, _ in verdict.errors:
        lines.append(f'run: {what}')
    return len(passed & set(names)), max(len(names), 1), lines


def cmd_grade(args):
    try:
        points, total, lines = grade(args.lab, ROOT, args.mem)
    except RuntimeError as e:
        print(f'grade {args.lab}: {e}')
        print(f'Score: 0/?')
        return 1
    for line in lines:
        print(line)
    print(f'Score: {points}/{total} ({100 * points // total} %)')
    return 0 if points == total else 1


def check(build, mem='1G'):
    """make test: (passed, failed) over the labs, two checks each."""
    passed = failed = 0
    for lab in LABS:
        if not os.path.isfile(os.path.join(ROOT, LABS[lab]['handout'])):
            print(f'FAIL lab {lab}: no handout {LABS[lab]["handout"]}')
            failed += 1
        try:
            points, total, _ = grade(lab, ROOT, mem, accel='tcg')
            ok = points == total
        except RuntimeError as e:
            ok, points, total = False, 0, 0
            print(f'    {e}')
        print(f'{"ok" if ok else "FAIL"} lab {lab}: the full tree scores {points}/{total}')
        passed, failed = passed + ok, failed + (not ok)
        dest = os.path.join(build, 'labs', lab)
        try:
            changed = make_student_tree(lab, dest, build_from=build)
            points, total, lines = grade(lab, dest, mem, accel='tcg')
            ok = points < total
            why = f'{points}/{total}'
        except (RuntimeError, SystemExit) as e:
            ok, why = False, f'the grader failed: {str(e).splitlines()[0]}'
        print(f'{"ok" if ok else "FAIL"} lab {lab}: the student tree ({", ".join(changed)}) '
              f'builds, boots and scores {why}')
        passed, failed = passed + ok, failed + (not ok)
    return passed, failed


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    sub = ap.add_subparsers(dest='cmd', required=True)
    s = sub.add_parser('student')
    s.add_argument('lab')
    s.add_argument('dest')
    g = sub.add_parser('grade')
    g.add_argument('lab', choices=LABS)
    g.add_argument('--mem', default='1G')
    c = sub.add_parser('check')
    c.add_argument('--build', default=os.path.join(ROOT, 'build'))
    args = ap.parse_args()
    if args.cmd == 'student':
        changed = make_student_tree(args.lab, args.dest)
        print(f'lab {args.lab}: the student tree is {args.dest} ({", ".join(changed)} have '
              f'"YOUR CODE HERE"); read {LABS[args.lab]["handout"]}, then `make grade '
              f'LAB={args.lab}` there')
        return 0
    if args.cmd == 'grade':
        return cmd_grade(args)
    p, f = check(args.build)
    print(f'labs: {p} passed, {f} failed')
    return 1 if f else 0


if __name__ == '__main__':
    sys.exit(main())
