"""scripts/hmm_selftests.py - the Linux-selftests phase of `make test`.

Builds Linux's own tools/testing/selftests/mm/hmm-tests.c, unmodified, from
Debian's linux-source-6.12 (scripts/linux_selftests.sh), boots mmlab with it
as init (hung_task_panic=1: a deadlock ends the boot) and counts every one
of its 58 cases from its TAP output: "ok" passes, "ok ... # SKIP" (the
device-coherent variants, hugetlbfs, gup_test) skips, "not ok" fails -
unless the case is in EXPECTED_FAILURES, which needs a feature mmlab does
not model: it then counts as skipped and the reason is printed, so a
failure for any other reason is a real one.  docs/hmm.md lists every case.
If the package cannot be fetched or built, the phase says why and counts
one skip, never a pass.  Also `make hmm-tests` (python3 scripts/hmm_selftests.py
--kernel build/kernel.elf), which prints the program's whole output.
"""
import argparse
import os
import re
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
RESULT_RE = re.compile(r'^(ok|not ok) (\d+) (\S+)(.*)$')

# case (fixture.variant.test, or test for every private variant) -> the feature it needs
EXPECTED_FAILURES = {
    'hmm.hmm_device_private.file_read':
        'file-backed mappings (an O_TMPFILE file on tmpfs) are not modelled',
    'hmm.hmm_device_private.file_write':
        'file-backed mappings (an O_TMPFILE file on tmpfs) are not modelled',
    'hmm.hmm_device_private.migrate_file_private':
        'file-backed mappings (an O_TMPFILE file on tmpfs) are not modelled',
    'hmm.hmm_device_private.mixedmap':
        'mmap of the device file (dmirror_fops_mmap, vm_insert_page) is not modelled',
    'hmm.hmm_device_private.exclusive':
        'HMM_DMIRROR_EXCLUSIVE (make_device_exclusive) is not modelled',
    'hmm.hmm_device_private.exclusive_mprotect':
        'HMM_DMIRROR_EXCLUSIVE (make_device_exclusive) is not modelled',
    'hmm.hmm_device_private.exclusive_cow':
        'HMM_DMIRROR_EXCLUSIVE (make_device_exclusive) is not modelled',
    'hmm2.hmm2_device_private.snapshot':
        "the test's own heap overflow: MIGRATE_TO_DEV copies a 4 KiB page back into its "
        "7-byte malloc'd mirror (Linux's lib/test_hmm.c does too), and musl's malloc "
        "aborts in free(); glibc does not notice",
}


def build(out):
    """The hmm-tests binary, or (None, why it is unavailable)."""
    subprocess.run(['sh', os.path.join(ROOT, 'scripts/linux_selftests.sh'), out], check=False)
    binary = os.path.join(out, 'hmm-tests')
    if os.path.exists(binary):
        return binary, None
    try:
        with open(os.path.join(out, 'unavailable')) as f:
            return None, f.read().strip()
    except OSError:
        return None, 'linux-source-6.12 unavailable: the build script left no reason'


def boot(kernel, build_dir, binary, accel, mem, timeout):
    """Boots with hmm-tests as init; (serial lines, QEMU status, timed out, seconds)."""
    cpio = os.path.join(build_dir, 'hmm-tests.cpio')
    iso = os.path.join(build_dir, 'hmm-tests.iso')
    subprocess.run([sys.executable, os.path.join(ROOT, 'scripts/mkinitramfs.py'), '-o', cpio,
                    binary], check=True, stdout=subprocess.DEVNULL)
    subprocess.run([os.path.join(ROOT, 'scripts/mkiso.sh'), kernel, iso,
                    'demo=none hung_task_panic=1 init=/bin/hmm-tests', cpio], check=True,
                   capture_output=True)
    cpu = 'host' if accel == 'kvm' else 'max'
    cmd = ['qemu-system-x86_64', '-accel', accel, '-cpu', cpu, '-m', mem, '-cdrom', iso,
           '-display', 'none', '-serial', 'stdio', '-monitor', 'none', '-no-reboot',
           '-device', 'isa-debug-exit,iobase=0xf4,iosize=0x04']
    start = time.monotonic()
    try:
        r = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                           timeout=timeout)
        out, status, timed_out = r.stdout, r.returncode, False
    except subprocess.TimeoutExpired as e:
        out, status, timed_out = e.stdout or b'', None, True
    text = out.decode('utf-8', 'replace')
    with open(os.path.join(build_dir, 'hmm-tests-serial.log'), 'w') as f:
        f.write(text)
    return text.splitlines(), status, timed_out, time.monotonic() - start


def judge(lines, timed_out):
    """(passed, failed, skipped, messages) from hmm-tests' TAP."""
    passed = failed = skipped = 0
    msgs, seen, plan = [], 0, None
    for line in lines:
        line = line.rstrip('\r')
        if re.match(r'^1\.\.(\d+)$', line):
            plan = int(line[3:])
        m = RESULT_RE.match(line)
        if not m:
            continue
        seen += 1
        name, rest = m.group(3), m.group(4)
        if m.group(1) == 'ok':
            if re.search(r'#\s*SKIP', rest, re.I):
                skipped += 1
            else:
                passed += 1
                if name in EXPECTED_FAILURES:
                    msgs.append(f'NOTE hmm-tests {name}: passed though listed as unmodelled')
        elif name in EXPECTED_FAILURES:
            skipped += 1
            msgs.append(f'SKIP hmm-tests {name}: fails as expected: {EXPECTED_FAILURES[name]}')
        else:
            failed += 1
            msgs.append(f'FAIL hmm-tests {name}')
    if plan is None or seen != plan:
        failed += 1
        msgs.append(f'FAIL hmm-tests: {seen} results for plan {plan}' +
                    (' (timed out)' if timed_out else ' (the kernel died or hung?)'))
    return passed, failed, skipped, msgs


def hmm_selftests(kernel, build_dir, accel, mem, timeout=900, echo=False):
    out = os.path.join(build_dir, 'linux-selftests')
    binary, why = build(out)
    if not binary:
        print(f'SKIP hmm-tests: {why}')
        return 0, 0, 1
    lines, status, timed_out, secs = boot(kernel, build_dir, binary, accel, mem, timeout)
    if echo:
        print('\n'.join(lines))
    passed, failed, skipped, msgs = judge(lines, timed_out)
    for m in msgs:
        print(m)
    print(f"hmm-tests (Linux 6.12's, unmodified): {passed} passed, {failed} failed, "
          f"{skipped} skipped (QEMU exit status {status}, {secs:.1f} s; "
          f"log {os.path.join(build_dir, 'hmm-tests-serial.log')})")
    return passed, failed, skipped


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--kernel', required=True)
    ap.add_argument('--accel', default='tcg')
    ap.add_argument('--mem', default='1G')
    args = ap.parse_args()
    p, f, s = hmm_selftests(args.kernel, os.path.dirname(args.kernel), args.accel, args.mem,
                            echo=True)
    print(f'{p} passed, {f} failed, {s} skipped')
    return 1 if f else 0


if __name__ == '__main__':
    sys.exit(main())
