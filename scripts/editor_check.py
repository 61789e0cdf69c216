#!/usr/bin/env python3
"""scripts/editor_check.py - the editor-support check in `make test`.

Does what an editor does on opening a file: `make compile_commands.json`,
then `clangd --check=FILE` for the two files the issue names.  clangd
parses the file with the flags from compile_commands.json, minus those
.clangd removes, and then tries its features (hover, go-to-definition, code
actions) on every token; it ends with "All checks completed, N errors".
Each file is one test: it passes with 0 errors and the flags taken from
compile_commands.json (not clangd's fallback guess, which would make the
check meaningless).  Skipped, by name, when clangd is not installed.

Run alone: python3 scripts/editor_check.py [FILE...]
"""
import os
import re
import shutil
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FILES = ['mm/migrate_device.c', 'mm/huge_memory.c']


def check(files=FILES):
    """Prints one line per file; returns (passed, failed, skipped)."""
    clangd = shutil.which('clangd') or shutil.which('clangd-14')
    if not clangd:
        for f in files:
            print(f'skip editor: clangd --check {f} (no clangd; scripts/setup.sh installs it)')
        return 0, 0, len(files)
    r = subprocess.run(['make', '-s', '--no-print-directory', 'compile_commands.json'],
                       cwd=ROOT, capture_output=True, text=True)
    if r.returncode:
        print(f'FAIL editor: make compile_commands.json:\n{r.stdout}{r.stderr}')
        return 0, len(files), 0
    passed = failed = 0
    for f in files:
        t = time.time()
        r = subprocess.run([clangd, f'--check={f}'], cwd=ROOT, capture_output=True, text=True)
        log = r.stdout + r.stderr
        took = time.time() - t
        m = re.search(r'All checks completed, (\d+) errors', log)
        from_db = 'Compile command from CDB is:' in log
        if r.returncode == 0 and m and m.group(1) == '0' and from_db:
            print(f'ok editor: clangd --check {f}: 0 errors ({took:.1f} s)')
            passed += 1
            continue
        why = (f'{m.group(1)} errors' if m else f'no result, exit status {r.returncode}')
        if not from_db:
            why += '; not compiled with compile_commands.json\'s flags'
        print(f'FAIL editor: clangd --check {f}: {why}')
        for line in [line for line in log.splitlines() if line.startswith('E[')][:5]:
            print(f'    {line}')
        failed += 1
    return passed, failed, 0


if __name__ == '__main__':
    p, f, s = check(sys.argv[1:] or FILES)
    print(f'{p} passed, {f} failed, {s} skipped')
    sys.exit(1 if f else 0)
