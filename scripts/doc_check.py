#!/usr/bin/env python3
"""scripts/doc_check.py - keeps the boot output quoted in docs/ true.

A fenced block in docs/*.md or README.md that copies the console is marked
by the line before it:

    <!-- boot-output: demo=thp -->

A line may carry a note after the console text, two or more spaces on.
The check boots once per command line (QEMU, init=/bin/echo so it ends;
an initramfs with that program alone, so adding a program moves nothing),
and every non-blank line of the block must appear in that boot's console,
in the same order (spaces compared loosely).  `make test` runs the check:
a change that moves a pfn, a count or a free figure fails it, naming the
doc line and what the boot printed instead.  `--update` rewrites each
block from a fresh boot: each line is replaced by the next console line of
the same shape (the same words, numbers aside).  Standard library only.
"""
import argparse
import glob
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
MARK = re.compile(r'^<!-- boot-output: (.*?) -->\s*$')
NUMBER = re.compile(r'0x[0-9a-fA-F]+|\d+')


def norm(line):
    return ' '.join(line.split())


def shape(line):
    return NUMBER.sub('#', norm(line))


def same_shape(doc, console):
    """doc is console's line, maybe with a note after it (two spaces or more)."""
    d, c = shape(doc), shape(console)
    return bool(c) and (d == c or d.startswith(c + ' '))


def same_text(doc, console):
    d, c = norm(doc), norm(console)
    return bool(c) and (d == c or d.startswith(c + ' '))


def blocks(path):
    """(cmdline, first line index, end index) of each marked block of path."""
    with open(path) as f:
        lines = f.read().split('\n')
    found = []
    for i, line in enumerate(lines):
        m = MARK.match(line)
        if m and i + 1 < len(lines) and lines[i + 1].startswith('```'):
            end = i + 2
            while end < len(lines) and not lines[end].startswith('```'):
                end += 1
            found.append((m.group(1), i + 2, end))
    return lines, found


def boot(kernel, build, cmdline, mem):
    """The console of a boot with cmdline.  Its initramfs holds /bin/echo alone,
    so the figures do not move whenever a program is added to the real one."""
    import subprocess
    import run_tests		# here: run_tests imports this module
    iso, cpio = os.path.join(build, 'doc-check.iso'), os.path.join(build, 'doc-check.cpio')
    echo = os.path.join(build, 'doc-check', 'echo')	# no debug info: it names the checkout's path
    os.makedirs(os.path.dirname(echo), exist_ok=True)
    subprocess.run([os.environ.get('OBJCOPY', 'objcopy'), '--strip-debug',
                    os.path.join(build, 'user', 'echo'), echo], check=True)
    subprocess.run([sys.executable, os.path.join(ROOT, 'scripts/mkinitramfs.py'), '-o', cpio,
                    echo], check=True)
    subprocess.run([os.path.join(ROOT, 'scripts/mkiso.sh'), kernel, iso,
                    f'{cmdline} init=/bin/echo doc-check', cpio], check=True, capture_output=True)
    run = run_tests.QemuRun(iso, 'tcg', mem, 120, os.path.join(build, 'doc-check-serial.log'))
    return [l.rstrip('\r\n') for l in run.lines]


def rewrite(doc, console):
    """The console line in the doc line's indentation, the doc's note kept."""
    indent = doc[:len(doc) - len(doc.lstrip())]
    note = doc.split()[len(console.split()):]
    return indent + console.strip() + ('    ' + ' '.join(note) if note else '')


def match(doc_lines, console):
    """For each non-blank doc line, the console line it stands for, in order (or None)."""
    out, cursor = [], 0
    for line in doc_lines:
        if not line.strip():
            out.append(line)
            continue
        found = None
        for k in range(cursor, len(console)):
            if same_shape(line, console[k]):
                found, cursor = console[k], k + 1
                break
        out.append(found)
    return out


def run(kernel, build, mem, update=False):
    """(passed, failed): one per marked block."""
    passed = failed = 0
    consoles = {}
    for path in sorted(glob.glob(os.path.join(ROOT, 'docs', '**', '*.md'), recursive=True) +
                       [os.path.join(ROOT, 'README.md')]):
        lines, found = blocks(path)
        changed = False
        for cmdline, start, end in found:
            if cmdline not in consoles:
                consoles[cmdline] = boot(kernel, build, cmdline, mem)
            console = consoles[cmdline]
            doc = lines[start:end]
            got = match(doc, console)
            where = f'{os.path.relpath(path, ROOT)}:{start + 1}'
            bad = [(i, d, g) for i, (d, g) in enumerate(zip(doc, got))
                   if d.strip() and (g is None or not same_text(d, g))]
            if update and all(g is not None for g in got):
                # keep the doc's indentation; take the console's text
                lines[start:end] = [d if not d.strip() else rewrite(d, g)
                                    for d, g in zip(doc, got)]
                changed = changed or bool(bad)
                bad = []
            if not bad:
                print(f'ok doc check: {where} ({end - start} lines of `{cmdline}` output)')
                passed += 1
                continue
            failed += 1
            i, d, g = bad[0]
            print(f'FAIL doc check: {where}: line {start + i + 1} no longer matches a boot '
                  f'with `{cmdline}`' + (' (scripts/doc_check.py --update rewrites it)'
                                         if all(x is not None for x in got) else ''))
            print(f'    doc:  {d.strip()}')
            print(f'    boot: {g.strip() if g else "(no line of that shape)"}')
        if changed:
            with open(path, 'w') as f:
                f.write('\n'.join(lines))
            print(f'doc check: rewrote {os.path.relpath(path, ROOT)}')
    import figures		# the docs' SVG figures are drawn from scripts/figures.py
    if figures.main(['--check']) == 0:
        print('ok doc check: docs/figures/*.svg are what scripts/figures.py draws')
        passed += 1
    else:
        failed += 1
    return passed, failed


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--kernel', default=os.path.join(ROOT, 'build', 'kernel.elf'))
    ap.add_argument('--mem', default='1G')
    ap.add_argument('--update', action='store_true')
    args = ap.parse_args()
    p, f = run(args.kernel, os.path.dirname(args.kernel), args.mem, args.update)
    print(f'{p} passed, {f} failed')
    return 1 if f else 0


if __name__ == '__main__':
    sys.exit(main())
