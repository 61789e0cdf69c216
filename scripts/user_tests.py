"""scripts/user_tests.py - the user-space phase of `make test`.

Boots mmlab with init=/bin/runtests (user/runtests.c), which runs every
/bin/*_test program as a process and prints its TAP on the console between
"# runtests: run PATH" and "# runtests: PATH exited with status N".  Every
"ok N" line counts as a passed test, "ok N ... # SKIP" as skipped, "not ok
N" as failed (named "user PROGRAM: what").  A program also fails as a whole
if its plan is missing or differs from its count, if it exits non-zero or
is killed, or if the kernel panics before it ends.  run_tests.py calls
user_tests() and adds the counts to its summary.
"""
import os
import re

import ktap

RUN_RE = re.compile(r'^# runtests: run (\S+)$')
END_RE = re.compile(r'^# runtests: (\S+) (exited with status|killed by signal) (\d+)$')
RESULT_RE = re.compile(r'^(ok|not ok) (\d+)\b(.*)$')
PLAN_RE = re.compile(r'^1\.\.(\d+)$')
# QEMU's exit status when process 1 exits with N: isa-debug-exit's 2 * N + 1.
EXIT_ALL_PASSED = 1


class Program:
    def __init__(self, path):
        self.name = os.path.basename(path)
        self.results = []       # (status, line): 'pass', 'fail', 'skip'
        self.plan = None
        self.end = None         # the "exited with ..." text, None if it never ended

    def problems(self):
        out = []
        if self.end is None:
            out.append('did not finish (no "exited" line: the kernel died or hung)')
        elif self.end != 'exited with status 0':
            out.append(self.end)
        if self.plan is None:
            out.append('no TAP plan (1..N)')
        elif self.plan != len(self.results):
            out.append(f'plan 1..{self.plan} but {len(self.results)} results')
        return out


def parse(lines):
    """The programs runtests ran, with their results, in order."""
    programs, cur = [], None
    for raw in lines:
        line = raw.rstrip('\r\n')
        m = RUN_RE.match(line)
        if m:
            cur = Program(m.group(1))
            programs.append(cur)
            continue
        if cur is None:
            continue
        m = END_RE.match(line)
        if m:
            cur.end = f'{m.group(2)} {m.group(3)}'
            continue
        m = RESULT_RE.match(line)
        if m:
            skip = re.search(r'#\s*SKIP', m.group(3), re.I)
            status = 'fail' if m.group(1) == 'not ok' else 'skip' if skip else 'pass'
            cur.results.append((status, line))
            continue
        m = PLAN_RE.match(line)
        if m:
            cur.plan = int(m.group(1))
    return programs


def judge(lines, qemu_status, timed_out):
    """(passed, failed, skipped, [failure lines]) for one runtests boot."""
    programs = parse(lines)
    passed = failed = skipped = 0
    failures = []
    for prog in programs:
        for status, line in prog.results:
            passed += status == 'pass'
            skipped += status == 'skip'
            if status == 'fail':
                failed += 1
                failures.append(f'user {prog.name}: {line}')
        for problem in prog.problems():
            failed += 1
            failures.append(f'user {prog.name}: {problem}')
    if not programs:
        failed += 1
        failures.append('user tests: runtests ran no program (no initramfs, or init failed)')
    panic = next((ln.rstrip() for ln in lines if any(m in ln for m in ktap.PANIC_MARKERS)), None)
    if panic:
        failed += 1
        failures.append(f'user tests: kernel died: {panic}')
    elif timed_out:
        failed += 1
        failures.append('user tests: timed out')
    elif qemu_status != EXIT_ALL_PASSED and not failures:
        failed += 1
        failures.append(f'user tests: QEMU exit status {qemu_status}, '
                        f'expected {EXIT_ALL_PASSED} (init exited 0)')
    return passed, failed, skipped, failures, programs


def user_tests(kernel, build, accel, mem, make_iso, qemu_run, timeout=600):
    """Boots init=/bin/runtests, prints failures and a line; returns the counts."""
    iso = os.path.join(build, 'user-tests.iso')
    # hung_task_panic=1: a deadlock ends the boot at once instead of a timeout
    make_iso(kernel, iso, 'demo=none hung_task_panic=1 init=/bin/runtests')
    log = os.path.join(build, 'user-tests-serial.log')
    run = qemu_run(iso, accel, mem, timeout, log)
    passed, failed, skipped, failures, programs = judge(run.lines, run.status, run.timed_out)
    for line in failures:
        print(f'FAIL {line}')
    if failures:
        print(f'    (full serial log: {log})')
    names = ', '.join(f'{p.name} {len(p.results)}' for p in programs)
    print(f'user tests: {passed} passed, {failed} failed, {skipped} skipped '
          f'({len(programs)} programs: {names}; {run.elapsed:.1f} s)')
    return passed, failed, skipped


# What the serial-console check types, and what must come back (in order).
SHELL_SESSION = [
    ('echo hello from the serial port', 'hello from the serial port'),
    ('/bin/process_test exit 3', None),
    ('echo status $?', 'status 3'),
    ('ls /bin', 'runtests'),
    ('no_such_program', 'not found'),
    ('exit 4', 'init exited with status 4'),
]
SHELL_PROMPT = '$ '


def shell_session(kernel, build, accel, mem, make_iso, qemu_cmd, timeout=120):
    """Boots to the shell, types SHELL_SESSION over the serial port and
    checks each answer and QEMU's exit status (2 * 4 + 1).  Returns
    (passed, failed): one check per line typed, one for the exit."""
    import subprocess
    import threading
    import time

    iso = os.path.join(build, 'shell-test.iso')
    make_iso(kernel, iso, 'demo=none hung_task_panic=1')
    log = os.path.join(build, 'shell-serial.log')
    proc = subprocess.Popen(qemu_cmd(iso, accel, mem), stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    out = []
    cond = threading.Condition()

    def reader():
        while True:
            b = proc.stdout.read1(4096) if hasattr(proc.stdout, 'read1') else proc.stdout.read(1)
            if not b:
                break
            with cond:
                out.append(b.decode('utf-8', 'replace'))
                cond.notify_all()
    t = threading.Thread(target=reader, daemon=True)
    t.start()
    deadline = time.monotonic() + timeout

    def wait_for(text, start):
        """Index just past text in the output after start, or -1 at the deadline."""
        with cond:
            while True:
                i = ''.join(out).find(text, start)
                if i >= 0:
                    return i + len(text)
                left = deadline - time.monotonic()
                if left <= 0 or proc.poll() is not None:
                    i = ''.join(out).find(text, start)
                    return i + len(text) if i >= 0 else -1
                cond.wait(min(left, 0.2))

    passed = failed = 0
    pos = wait_for(SHELL_PROMPT, 0)
    for typed, want in SHELL_SESSION:
        if pos < 0:
            failed += 1
            print(f'FAIL shell: no prompt before typing {typed!r}')
            continue
        proc.stdin.write((typed + '\n').encode())
        proc.stdin.flush()
        echo_end = wait_for(typed, pos)          # the tty echoes what was typed
        got = wait_for(want, echo_end) if want and echo_end >= 0 else echo_end
        if got < 0:
            failed += 1
            print(f'FAIL shell: typed {typed!r}, no {want!r} in the answer')
            pos = -1
            continue
        passed += 1
        pos = wait_for(SHELL_PROMPT, got) if typed != 'exit 4' else got
    try:
        status = proc.wait(max(1, deadline - time.monotonic()))
    except subprocess.TimeoutExpired:
        proc.kill()
        status = proc.wait()
    t.join(2)
    with open(log, 'w') as f:
        f.write(''.join(out))
    if status == 2 * 4 + 1:
        passed += 1
    else:
        failed += 1
        print(f'FAIL shell: QEMU exit status {status}, expected 9 (init exited with 4)')
    if failed:
        print(f'    (full serial log: {log})')
    print(f'shell session over the serial port: {passed} passed, {failed} failed')
    return passed, failed
