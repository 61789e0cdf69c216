#!/usr/bin/env python3
"""scripts/run_tests.py - run all of mmlab's tests and print one summary.

`make test` calls this.  It
  1. boots the test kernel in QEMU (KVM if usable, else TCG) with
     kunit.enable=1, saves the serial log in build/test-serial.log, parses
     the KTAP output and reports every failure with its diagnostics;
  2. boots again with init=/bin/runtests, which runs the user/tests TAP
     programs as processes, and counts each of their "ok"/"not ok" lines;
     and once more to the shell, typing commands over the serial port and
     checking the answers (scripts/user_tests.py); and once more with
     Linux's own hmm-tests, built unmodified from Debian's linux-source-6.12,
     counting each of its 58 cases (scripts/hmm_selftests.py) - these three
     boots are skipped with --filter;
  3. runs the host test programs given with --host-test (each prints KTAP)
     with the same command line as arguments;
  4. checks the GDB workflow: gdb -batch breaks in a kernel function and
     must show it, with file:line, in the backtrace; and bad boot input:
     a multiboot v1 loader and a CPU without long mode must each get a
     clear message;
  5. tests this runner itself: a self-test kernel with deliberately failing,
     panicking, oopsing, triple-faulting and hanging cases must each be
     reported by name with a non-zero exit; and so must the host's self-test
     program with those a host can have.
The line before the last gives each phase's wall time (the build too, when
make passes --started), and an unfiltered run appends them to
test-times.log in the build directory, which `make bench` reports.
The last line is "N passed, N failed, N skipped"; the exit status is 0 only
if nothing failed.  With --filter only the matching KUnit cases run, in
QEMU and on the host (steps 2, 4 and 5 are skipped).
"""
import argparse
import contextlib
import io
import json
import shutil
import os
import re
import socket
import subprocess
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import accel as accel_probe  # noqa: E402
import ktap  # noqa: E402
import user_tests  # noqa: E402
import hmm_selftests  # noqa: E402
import trace_demo  # noqa: E402
import lab  # noqa: E402
import editor_check  # noqa: E402
import gdb_check as gdb_mm  # noqa: E402
import doc_check  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def make_iso(kernel, iso, cmdline):
    r = subprocess.run([os.path.join(ROOT, 'scripts/mkiso.sh'), kernel, iso, cmdline],
                       capture_output=True, text=True)
    if r.returncode:
        raise RuntimeError(f'making {iso} failed:\n{r.stderr}')


def qemu_cmd(iso, accel, mem, extra=()):
    cpu = 'host' if accel == 'kvm' else 'max'
    return ['qemu-system-x86_64', '-accel', accel, '-cpu', cpu, '-m', mem,
            '-cdrom', iso, '-display', 'none', '-serial', 'stdio',
            '-monitor', 'none', '-no-reboot',
            '-device', 'isa-debug-exit,iobase=0xf4,iosize=0x04', *extra]


class QemuRun:
    """One boot: serial lines, exit status, timing."""

    def __init__(self, iso, accel, mem, timeout, log_path, echo=False, extra=()):
        self.lines = []
        self.first_ktap = None
        self.timed_out = False
        self.stderr = ''
        start = time.monotonic()
        proc = subprocess.Popen(qemu_cmd(iso, accel, mem, extra), stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, stdin=subprocess.DEVNULL)
        err_chunks = []
        t_err = threading.Thread(target=lambda: err_chunks.append(proc.stderr.read()))
        t_err.start()
        panic_at = [None]

        def reader():
            for raw in proc.stdout:
                line = raw.decode('utf-8', 'replace')
                self.lines.append(line)
                if echo:
                    sys.stdout.write(line)
                if self.first_ktap is None and 'KTAP version' in line:
                    self.first_ktap = time.monotonic() - start
                if panic_at[0] is None and any(m in line for m in ktap.PANIC_MARKERS):
                    panic_at[0] = time.monotonic()
        t_out = threading.Thread(target=reader)
        t_out.start()
        deadline = start + timeout
        while proc.poll() is None:
            now = time.monotonic()
            # After a panic the kernel exits by itself; don't wait forever if not.
            if now > deadline or (panic_at[0] and now > panic_at[0] + 10):
                self.timed_out = now > deadline
                proc.kill()
                break
            time.sleep(0.02)
        proc.wait()
        t_out.join()
        t_err.join()
        self.status = proc.returncode
        self.elapsed = time.monotonic() - start
        self.stderr = b''.join(c for c in err_chunks if c).decode('utf-8', 'replace')
        with open(log_path, 'w') as f:
            f.writelines(self.lines)


# An unknown parameter on purpose: boot must warn and go on (tests/cmdline_kunit.c).
UNKNOWN_PARAM = 'mmlab.no_such_param=1'


def boot_tests(kernel, build, accel, mem, filt, timeout, tag='test', echo=False):
    """Boots kernel with the tests selected; returns (QemuRun, Verdict)."""
    # page_poison=1, slub_debug=1: the tests catch writes after free and double
    # frees (both off by default, as in Linux).
    cmdline = f'kunit.enable=1 page_poison=1 slub_debug=1 {UNKNOWN_PARAM}' + (f' kunit.filter_glob={filt}' if filt else '')
    iso = os.path.join(build, f'{tag}.iso')
    make_iso(kernel, iso, cmdline)
    log = os.path.join(build, f'{tag}-serial.log')
    run = QemuRun(iso, accel, mem, timeout, log, echo)
    verdict = ktap.judge(run.lines, run.status, run.timed_out, timeout, run.stderr)
    return run, verdict


def report(title, verdict, log=None):
    """Prints failures with their diagnostics; returns (passed, failed, skipped)."""
    for name, diag, directive in verdict.failed:
        print(f'FAIL {title}: {name}' + (f'  # {directive}' if directive else ''))
        for line in diag:
            print(f'    {line.rstrip()}')
    for name, detail in verdict.errors:
        print(f'ERROR {title}: {name}')
        for line in detail:
            print(f'    | {line}')
    if (verdict.failed or verdict.errors) and log:
        print(f'    (full serial log: {log})')
    return (len(verdict.passed), len(verdict.failed) + len(verdict.errors),
            len(verdict.skipped))


def run_host_tests(paths, filt):
    """Runs host test programs (KTAP on stdout) with the test kernel's
    command line as arguments; returns (passed, failed, skipped)."""
    totals = [0, 0, 0]
    cmdline = ['kunit.enable=1', 'page_poison=1', 'slub_debug=1', UNKNOWN_PARAM] + ([f'kunit.filter_glob={filt}'] if filt else [])
    for path in paths:
        r = subprocess.run([path] + cmdline, capture_output=True, text=True)
        lines = r.stdout.splitlines(True)
        status = ktap.EXIT_PASS if r.returncode == 0 else ktap.EXIT_FAIL
        v = ktap.judge(lines, status, stderr=r.stderr)
        if r.returncode not in (0, 1):
            v.errors.append((f'{path} died (status {r.returncode})',
                             (r.stderr or '').splitlines()[-15:]))
        p, f, s = report(os.path.basename(path), v)
        print(f'host {os.path.basename(path)}: {p} passed, {f} failed, {s} skipped')
        for i, n in enumerate((p, f, s)):
            totals[i] += n
    return totals


def free_port():
    with socket.socket() as s:
        s.bind(('127.0.0.1', 0))
        return s.getsockname()[1]


def gdb_batch(kernel, iso, mem, commands):
    """Boots iso under TCG with QEMU's GDB stub, runs `gdb -batch` with
    scripts/gdb/mmlab.gdb and commands (-ex each); gdb's output."""
    port = free_port()
    qemu = subprocess.Popen(
        qemu_cmd(iso, 'tcg', mem, ['-S', '-gdb', f'tcp:127.0.0.1:{port}']),
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL)
    args = ['gdb', '-batch', '-nx', '-q', kernel, '-x', os.path.join(ROOT, 'scripts/gdb/mmlab.gdb'),
            '-ex', f'target remote 127.0.0.1:{port}']
    for c in commands:
        args += ['-ex', c]
    try:
        r = subprocess.run(args, capture_output=True, text=True, timeout=120, cwd=ROOT)
        return r.stdout + r.stderr
    except subprocess.TimeoutExpired:
        return 'gdb timed out'
    finally:
        qemu.kill()
        qemu.wait()


def gdb_check(kernel, build, mem):
    """Breaks in tsc_init under gdb -batch; the backtrace must name
    tsc_init and its caller kernel_main with source file:line."""
    iso = os.path.join(build, 'gdb-check.iso')
    make_iso(kernel, iso, 'demo=none')
    out = gdb_batch(kernel, iso, mem, ['hbreak tsc_init', 'continue', 'bt'])
    ok = (re.search(r'#0\s+tsc_init \(\) at kernel/tsc\.c:\d+', out) and
          re.search(r'#1\s+0x[0-9a-f]+ in kernel_main \(.*\) at kernel/main\.c:\d+', out))
    name = 'gdb.break_and_backtrace'
    if ok:
        print('ok gdb: breakpoint in tsc_init, backtrace shows kernel/tsc.c and kernel/main.c')
        return 1, 0
    print(f'FAIL {name}: expected "#0 tsc_init () at kernel/tsc.c:N" and '
          f'"#1 ... kernel_main (...) at kernel/main.c:N" in:')
    for line in out.splitlines()[-20:]:
        print(f'    | {line}')
    return 0, 1


# Bad boot input: (what, GRUB command, QEMU binary, QEMU args, expected message).
BOOT_ERRORS = [
    ('booted by a multiboot v1 loader', 'multiboot', 'qemu-system-x86_64', [],
     'mmlab: not booted by a multiboot2 loader'),
    ('CPU without long mode', 'multiboot2', 'qemu-system-i386', ['-cpu', 'pentium3'],
     'mmlab: this CPU has no long mode'),
]


def wait_for_line(cmd, expect, seconds=30):
    """Runs cmd until a line containing expect appears; returns (found, lines)."""
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            stdin=subprocess.DEVNULL)
    lines, found = [], threading.Event()

    def reader():
        for raw in proc.stdout:
            lines.append(raw.decode('utf-8', 'replace').rstrip())
            if expect in lines[-1]:
                found.set()
    t = threading.Thread(target=reader, daemon=True)
    t.start()
    found.wait(seconds)
    proc.kill()
    proc.wait()
    t.join(2)
    return found.is_set(), lines


def boot_error_checks(kernel, build):
    """The 32-bit boot code must explain why it cannot go on."""
    passed = failed = 0
    for what, loader, qemu, extra, expect in BOOT_ERRORS:
        iso = os.path.join(build, f'bad-boot-{loader}.iso')
        env = dict(os.environ, MKISO_LOADER=loader)
        subprocess.run([os.path.join(ROOT, 'scripts/mkiso.sh'), kernel, iso, ''],
                       capture_output=True, env=env, check=True)
        ok, lines = wait_for_line([qemu, '-accel', 'tcg', *extra, '-m', '128M',
                                   '-cdrom', iso, '-display', 'none', '-serial', 'stdio',
                                   '-monitor', 'none', '-no-reboot'], expect)
        if ok:
            print(f'ok boot check: {what}: "{expect}"')
            passed += 1
        else:
            print(f'FAIL boot check: {what}: expected "{expect}", got:')
            for line in lines[-10:]:
                print(f'    | {line}')
            failed += 1
    return passed, failed


# The runner self-test: (name, filter, what the report must contain, and
# whether the host's self-test program has the case too: True, or what its
# report must contain instead).
SELFTESTS = [
    ('failing case', 'selftest_fail', ['FAIL', 'selftest_fail.deliberate_failure',
                                       'EXPECTATION FAILED', '1 passed, 1 failed, 1 skipped'],
     True),
    ('panicking case', 'selftest_crash.panic_in_case',
     ['selftest_crash.panic_in_case', 'ERROR', 'run ended by a crash'], True),
    ('oops in a case', 'selftest_crash.null_pointer_in_case',
     ['selftest_crash.null_pointer_in_case', '#PF'],
     ['selftest_crash.null_pointer_in_case', 'ERROR sanitizer report']),  # UBSan's first
    ('user access outside any VMA', 'selftest_crash.user_access_outside_vma',
     ['selftest_crash.user_access_outside_vma',
      'page fault at 0x40000000 not resolved: no VMA covers it'], True),
    ('user write to a read-only VMA', 'selftest_crash.user_write_to_readonly_vma',
     ['selftest_crash.user_write_to_readonly_vma', 'write not allowed by VMA'], True),
    ('triple fault', 'selftest_cpu.triple_fault', ['triple fault'], False),
    ('timeout', 'selftest_cpu.hang', ['timeout', 'selftest_cpu'], False),
]


def runner_selftest(selftest_kernel, mem, accel):
    """Each deliberate failure must be named in the report and exit non-zero."""
    passed = failed = 0
    for what, filt, expect, _ in SELFTESTS:
        env = dict(os.environ, ACCEL=accel)
        r = subprocess.run(
            [sys.executable, os.path.abspath(__file__), '--kernel', selftest_kernel,
             '--filter', filt, '--mem', mem, '--timeout', '8',
             '--build', os.path.join(os.path.dirname(selftest_kernel), filt)],
            capture_output=True, text=True, env=env)
        out = r.stdout + r.stderr
        missing = [e for e in expect if e not in out]
        if r.returncode != 0 and not missing:
            print(f'ok runner self-test: {what} reported by name, exit status {r.returncode}')
            passed += 1
        else:
            print(f'FAIL runner self-test: {what}: exit status {r.returncode}, '
                  f'missing from report: {missing}')
            for line in out.splitlines()[-15:]:
                print(f'    | {line}')
            failed += 1
    return passed, failed


def host_selftest(program):
    """The same deliberate failures, in the host's self-test program: the
    software MMU's oops must read like the kernel's."""
    passed = failed = 0
    for what, filt, expect, on_host in SELFTESTS:
        if not on_host:
            continue
        if on_host is not True:
            expect = on_host
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            p, f, s = run_host_tests([program], filt)
            print(f'{p} passed, {f} failed, {s} skipped')
        text = out.getvalue()
        missing = [e for e in expect if e not in text]
        if f and not missing:
            print(f'ok runner self-test (host): {what} reported by name')
            passed += 1
        else:
            print(f'FAIL runner self-test (host): {what}: missing from report: {missing}')
            for line in text.splitlines()[-15:]:
                print(f'    | {line}')
            failed += 1
    return passed, failed


def fuzz_check(program, build):
    """A few seconds of the libFuzzer target (make fuzz runs it longer):
    skipped, by name, if clang's libFuzzer could not be built here."""
    if not program or not os.path.exists(program):
        print('skip fuzz: no libFuzzer build (clang and libclang-rt-14-dev; make fuzz)')
        return 0, 0, 1
    import run_fuzz
    work = os.path.join(build, 'fuzz-test')
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    execs, finding = run_fuzz.fuzz(program, FUZZ_SECONDS, 0, 1,
                                   os.path.join(ROOT, 'tests/fuzz/corpus'), work)
    if finding:
        print(f'FAIL fuzz: a finding after {execs} executions: {finding}')
        return 0, 1, 0
    print(f'ok fuzz: {execs} executions in {FUZZ_SECONDS} s, no finding')
    return 1, 0, 0


FUZZ_SECONDS = 5


class Phases:
    """Wall time of each phase of the run, in order."""

    def __init__(self, started=None):
        self.times = {}
        self.t = time.time()
        if started:
            self.times['build'] = self.t - started

    def done(self, name):
        now = time.time()
        self.times[name] = now - self.t
        self.t = now

    def line(self):
        return ('phase wall times: ' + ', '.join(f'{k} {v:.1f} s' for k, v in self.times.items())
                + f'; total {sum(self.times.values()):.1f} s')

    def record(self, path, accel, summary):
        """Appends this run to path (one JSON object a line)."""
        commit = subprocess.run(['git', '-C', ROOT, 'describe', '--always', '--dirty'],
                                capture_output=True, text=True).stdout.strip() or '?'
        entry = {'when': time.strftime('%Y-%m-%d %H:%M:%S'), 'commit': commit, 'accel': accel,
                 'phases': {k: round(v, 2) for k, v in self.times.items()},
                 'total': round(sum(self.times.values()), 2), 'result': summary}
        with open(path, 'a') as f:
            f.write(json.dumps(entry) + '\n')


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--kernel', required=True)
    ap.add_argument('--started', type=float, help='when make started building (time.time())')
    ap.add_argument('--selftest-kernel')
    ap.add_argument('--host-test', action='append', default=[])
    ap.add_argument('--host-selftest')
    ap.add_argument('--fuzz', help='the libFuzzer program, run for a few seconds')
    ap.add_argument('--filter', default='')
    ap.add_argument('--mem', default='1G')
    ap.add_argument('--timeout', type=int, default=900)
    ap.add_argument('--build')
    ap.add_argument('--echo', action='store_true', help='copy serial output here')
    args = ap.parse_args()
    phases = Phases(args.started)
    build = args.build or os.path.dirname(args.kernel) or '.'
    os.makedirs(build, exist_ok=True)

    probe_iso = os.path.join(build, 'accel-probe.iso')
    make_iso(args.kernel, probe_iso, 'demo=none')
    accel = accel_probe.choose(probe_iso, os.path.join(build, 'accel'))
    phases.done('accel probe')
    print(f'mmlab tests: QEMU with {accel.upper()}' +
          (' (KVM boots the kernel)' if accel == 'kvm' else
           ' (software emulation: no usable /dev/kvm; scripts/accel.py says when)'))
    run, verdict = boot_tests(args.kernel, build, accel, args.mem, args.filter,
                              args.timeout, echo=args.echo)
    phases.done('kernel KUnit boot')
    log = os.path.join(build, 'test-serial.log')
    passed, failed, skipped = report('kernel', verdict, log)
    boot = f'{run.first_ktap:.2f} s' if run.first_ktap is not None else 'n/a'
    print(f'kernel tests: {passed} passed, {failed} failed, {skipped} skipped '
          f'(QEMU {accel}, exit status {run.status}, {run.elapsed:.1f} s; '
          f'boot to first KTAP line {boot})')

    if not args.filter:
        p, f, s = user_tests.user_tests(args.kernel, build, accel, args.mem, make_iso, QemuRun)
        passed, failed, skipped = passed + p, failed + f, skipped + s
        p, f = user_tests.shell_session(args.kernel, build, accel, args.mem, make_iso, qemu_cmd)
        passed, failed = passed + p, failed + f
        phases.done('user tests')
        p, f, s = hmm_selftests.hmm_selftests(args.kernel, build, accel, args.mem)
        passed, failed, skipped = passed + p, failed + f, skipped + s
        phases.done("Linux's hmm-tests")

    p, f, s = run_host_tests(args.host_test, args.filter)
    passed, failed, skipped = passed + p, failed + f, skipped + s
    if args.host_test:
        phases.done('host tests')
    if not args.filter:
        for name, check in (('gdb check', lambda: gdb_check(args.kernel, build, args.mem)),
                            ('gdb mm commands', lambda: gdb_mm.check(args.kernel, build, args.mem)),
                            ('boot checks', lambda: boot_error_checks(args.kernel, build)),
                            ('trace demo', lambda: trace_demo.trace_demo_check(args.kernel, build,
                                                                               args.mem)),
                            ('labs', lambda: lab.check(build, args.mem)),
                            ('doc check', lambda: doc_check.run(args.kernel, build, args.mem))):
            p, f = check()
            passed, failed = passed + p, failed + f
            phases.done(name)
        p, f, s = editor_check.check()
        passed, failed, skipped = passed + p, failed + f, skipped + s
        phases.done('editor check')
        if args.selftest_kernel:
            p, f = runner_selftest(args.selftest_kernel, args.mem, accel)
            passed, failed = passed + p, failed + f
            phases.done('self-test')
        if args.host_selftest:
            p, f = host_selftest(args.host_selftest)
            passed, failed = passed + p, failed + f
            phases.done('host self-test')
        if args.fuzz is not None:
            p, f, s = fuzz_check(args.fuzz, build)
            passed, failed, skipped = passed + p, failed + f, skipped + s
            phases.done('fuzz')
    summary = f'{passed} passed, {failed} failed, {skipped} skipped'
    print(phases.line())
    if not args.filter:
        phases.record(os.path.join(build, 'test-times.log'), accel, summary)
    print(summary)
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
