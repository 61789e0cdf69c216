#!/usr/bin/env python3
"""scripts/editor_check.py - the editor-support check in `make test`.

Writes compile_commands.json (scripts/compile_commands.py) and runs
`clangd --check` on the files the issue names, as an editor would open
them: each must have no errors (clangd reads .clangd, which drops the
GCC-only flags).  Skipped, by name, when clangd is not installed.
"""
import os
import re
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import compile_commands  # noqa: E402

ROOT = compile_commands.ROOT
FILES = ['mm/migrate_device.c', 'mm/huge_memory.c']


def check():
    """(passed, failed, skipped)."""
    clangd = shutil.which('clangd') or shutil.which('clangd-14')
    if not clangd:
        print('ok editor: clangd --check # SKIP clangd is not installed (scripts/setup.sh)')
        return 0, 0, len(FILES)
    if compile_commands.main():
        print('FAIL editor: compile_commands.json')
        return 0, 1, 0
    passed = failed = 0
    for f in FILES:
        r = subprocess.run([clangd, f'--check={f}'], cwd=ROOT, capture_output=True, text=True)
        out = r.stdout + r.stderr
        m = re.search(r'All checks completed, (\d+) errors', out)
        errors = [l for l in out.splitlines() if l.startswith('E[')]
        if m and m.group(1) == '0' and r.returncode == 0:
            print(f'ok editor: clangd --check={f}: no errors')
            passed += 1
        else:
            print(f'FAIL editor: clangd --check={f}: ' +
                  (f'{m.group(1)} errors' if m else 'no result'))
            for line in errors[:5]:
                print(f'    {line}')
            failed += 1
    return passed, failed, 0


if __name__ == '__main__':
    p, f, s = check()
    print(f'{p} passed, {f} failed, {s} skipped')
    sys.exit(1 if f else 0)
