"""scripts/ktap.py - read mmlab's KTAP output and judge a test run.

The kernel prints KTAP version 1 on the serial port, shaped like Linux
KUnit's (suites nested four spaces deep).  parse() turns the serial log
into suites and cases; judge() combines that with how QEMU ended and lists
every problem by name: failed cases (with their diagnostics), crashes,
missing results, triple faults, timeouts, QEMU failing to start.
"""
import re
from dataclasses import dataclass, field

VERSION_RE = re.compile(r'^(\s*)K?TAP version \d+\s*$')
PLAN_RE = re.compile(r'^1\.\.(\d+)\s*$')
RESULT_RE = re.compile(r'^(ok|not ok) (\d+) (?:- )?([^#]*?)\s*(?:# (.*))?$')
SUBTEST_RE = re.compile(r'^# Subtest: (.*)$')

# QEMU exit statuses (isa-debug-exit writes v, QEMU exits with (v << 1) | 1).
EXIT_PASS = 33
EXIT_FAIL = 35
EXIT_TRIPLE_FAULT = 0   # -no-reboot turns a reset into a clean exit

PANIC_MARKERS = ('Kernel panic', 'kernel BUG at', 'mmlab: oops:')
BOOT_BANNER = 'mmlab booting:'


@dataclass
class Case:
    num: int
    name: str
    status: str             # 'pass', 'fail', 'skip'
    directive: str = ''
    diag: list = field(default_factory=list)


@dataclass
class Suite:
    name: str
    plan: int = -1
    cases: list = field(default_factory=list)
    result: str = ''        # '', 'ok', 'not ok'
    diag: list = field(default_factory=list)


@dataclass
class Run:
    plan: int = -1
    suites: list = field(default_factory=list)
    totals_seen: bool = False
    saw_ktap: bool = False


def _status(ok, directive):
    if directive.upper().startswith('SKIP'):
        return 'skip'
    return 'pass' if ok == 'ok' else 'fail'


def parse(lines):
    """Parses serial output into a Run (tolerates other lines around KTAP)."""
    run = Run()
    prefix = None
    suite = None
    pending = []            # diagnostics waiting for the next result line
    for raw in lines:
        raw = raw.rstrip('\r\n')
        if prefix is None:
            m = VERSION_RE.match(raw)
            if m:
                prefix = len(m.group(1))
                run.saw_ktap = True
            continue
        line = raw[prefix:] if raw[:prefix].strip() == '' else raw
        nested = line.startswith('    ')
        text = line[4:] if nested else line
        if nested:
            if VERSION_RE.match(text):
                suite = Suite(name='?')
                run.suites.append(suite)
                pending = []
                continue
            if suite is None:
                continue
            m = SUBTEST_RE.match(text)
            if m:
                suite.name = m.group(1).strip()
                continue
            m = PLAN_RE.match(text)
            if m and suite.plan < 0:
                suite.plan = int(m.group(1))
                continue
            m = RESULT_RE.match(text)
            if m:
                ok, num, name, directive = m.group(1), int(m.group(2)), m.group(3), m.group(4) or ''
                suite.cases.append(Case(num, name.strip(), _status(ok, directive), directive, pending))
                pending = []
                continue
            pending.append(line)
            continue
        m = PLAN_RE.match(text)
        if m and run.plan < 0:
            run.plan = int(m.group(1))
            continue
        if text.startswith('# Totals:'):
            run.totals_seen = True
            continue
        m = RESULT_RE.match(text)
        if m and suite is not None:
            suite.result = m.group(1)
            if pending:
                suite.diag.extend(pending)
            pending = []
            continue
        if text.startswith('#') and suite is not None:
            continue    # suite statistics line
        pending.append(line)
    return run


@dataclass
class Verdict:
    passed: list = field(default_factory=list)    # "suite.case"
    failed: list = field(default_factory=list)    # ("suite.case", [diagnostic lines])
    skipped: list = field(default_factory=list)
    errors: list = field(default_factory=list)    # harness errors, by name


def judge(lines, exit_status, timed_out=False, timeout=0, stderr=''):
    """Turns a run's serial lines and QEMU's ending into a Verdict."""
    run = parse(lines)
    v = Verdict()
    crashed = None
    for s in run.suites:
        for c in s.cases:
            full = f'{s.name}.{c.name}'
            if c.status == 'pass':
                v.passed.append(full)
            elif c.status == 'skip':
                v.skipped.append((full, c.directive[4:].strip()))
            else:
                v.failed.append((full, c.diag, c.directive))
                if c.directive.startswith('ERROR'):
                    crashed = full
        if s.result == 'not ok' and not s.cases:
            v.failed.append((s.name, s.diag, 'suite failed to initialize'))

    boots = sum(1 for l in lines if BOOT_BANNER in l)
    panic_lines = [l.rstrip() for l in lines if any(m in l for m in PANIC_MARKERS)]
    tail = [l.rstrip() for l in lines[-25:]]

    if timed_out:
        where = _last_position(run)
        v.errors.append((f'timeout: no result after {timeout} s{where}', tail))
    elif exit_status == EXIT_TRIPLE_FAULT:
        v.errors.append(('triple fault: QEMU reset the machine (exit status 0 under '
                         '-no-reboot)' + _last_position(run), tail))
    elif exit_status not in (EXIT_PASS, EXIT_FAIL):
        v.errors.append((f'QEMU failed to start or died (exit status {exit_status})',
                         (stderr or '').strip().splitlines()[-10:]))
    if boots > 1:
        v.errors.append((f'kernel booted {boots} times (a reset or triple fault)', tail))
    if not run.saw_ktap and not v.errors:
        v.errors.append(('no KTAP output: the kernel did not reach the tests', tail))
    if panic_lines and not crashed:
        v.errors.append(('kernel panic/oops outside any test case', panic_lines[:5] + tail))
    if crashed:
        v.errors.append((f'run ended by a crash in {crashed}', []))
    elif run.saw_ktap and not v.errors:
        _check_plans(run, v, tail)
    if exit_status == EXIT_PASS and (v.failed or v.errors):
        v.errors.append(('kernel reported success but results show failures', []))
    if exit_status == EXIT_FAIL and not (v.failed or v.errors):
        v.errors.append(('kernel exited with the fail status but no failure was printed',
                         tail))
    return v


def _last_position(run):
    if not run.suites:
        return ' (before the first suite)'
    s = run.suites[-1]
    last = s.cases[-1].name if s.cases else None
    n = len(s.cases) + 1
    return (f' in suite {s.name}, case #{n}' +
            (f' (the one after {last})' if last else ' (its first case)'))


def _check_plans(run, v, tail):
    if run.plan >= 0 and len(run.suites) != run.plan:
        v.errors.append((f'missing results: plan says {run.plan} suites, '
                         f'got {len(run.suites)}', tail))
    for s in run.suites:
        if s.plan >= 0 and len(s.cases) != s.plan and s.result != 'not ok':
            v.errors.append((f'missing results: suite {s.name} planned {s.plan} '
                             f'cases, printed {len(s.cases)}', tail))
        if not s.result:
            v.errors.append((f'missing result line for suite {s.name}', tail))
    if not run.totals_seen:
        v.errors.append(('missing "# Totals:" line at the end of the run', tail))
