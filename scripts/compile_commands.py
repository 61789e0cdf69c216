#!/usr/bin/env python3
"""scripts/compile_commands.py - `make compile_commands.json`: the compile
commands of the kernel (and the user programs), for clangd and other
editors' C tooling.

Asks make what it would run (`make -n -B`, nothing is built) and keeps each
compiler call that compiles one file (`-c FILE`), as `bear` would record
them from a real build.  Writes compile_commands.json at the top level,
where clangd looks.  Standard library only.
"""
import json
import os
import shlex
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TARGETS = ['kernel']


def commands(targets):
    out = subprocess.run(['make', '-n', '-B', *targets], cwd=ROOT, capture_output=True,
                         text=True).stdout
    entries = []
    for line in out.splitlines():
        try:
            args = shlex.split(line)
        except ValueError:
            continue
        if '-c' not in args or not args or not args[0].endswith(('gcc', 'cc', 'clang')):
            continue
        src = args[args.index('-c') + 1]
        if not src.endswith(('.c', '.S')):
            continue
        entries.append({'directory': ROOT, 'file': os.path.join(ROOT, src), 'arguments': args})
    return entries


def main():
    entries = commands(TARGETS)
    if not entries:
        print('compile_commands: make -n gave no compile commands', file=sys.stderr)
        return 1
    path = os.path.join(ROOT, 'compile_commands.json')
    with open(path, 'w') as f:
        json.dump(entries, f, indent=1)
    print(f'compile_commands: {len(entries)} files in {path}')
    return 0


if __name__ == '__main__':
    sys.exit(main())
