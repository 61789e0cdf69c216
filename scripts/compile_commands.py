#!/usr/bin/env python3
"""scripts/compile_commands.py - write compile_commands.json for clangd.

`make compile_commands.json` calls this with the Makefile's own variables:
groups of `--cc 'COMPILER FLAGS' FILE...` (the kernel's C and assembly, the
host build, the fuzzer, the user programs).  Nothing is built and nothing is
parsed out of make's output, so it works on a fresh clone and stays true
when a flag changes in the Makefile.  A file in two groups keeps the first:
mm/huge_memory.c is opened as the kernel compiles it, not the host build.

musl-gcc is a wrapper whose specs file swaps glibc's headers for musl's;
clangd cannot read specs, so the header directories musl-gcc really uses
(`musl-gcc -E -v`) are written out as -nostdinc -isystem DIR.
Standard library only.
"""
import json
import os
import shlex
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def header_dirs(cc):
    """The #include <...> directories compiler CC searches, in order
    (gcc prints them on stderr under -v)."""
    try:
        r = subprocess.run([cc, '-E', '-v', '-x', 'c', os.devnull],
                           capture_output=True, text=True, check=True)
    except (OSError, subprocess.CalledProcessError):
        return None
    lines = r.stderr.splitlines()
    try:
        start = lines.index('#include <...> search starts here:') + 1
        end = lines.index('End of search list.')
    except ValueError:
        return None
    return [line.strip() for line in lines[start:end]]


def parse_groups(argv):
    """[(argv of the compiler and flags, [files])] from --cc CMD FILE... ..."""
    groups = []
    i = 0
    while i < len(argv):
        if argv[i] == '--cc':
            groups.append((shlex.split(argv[i + 1]), []))
            i += 2
            continue
        if not groups:
            sys.exit(f'compile_commands: {argv[i]}: no --cc before it')
        groups[-1][1].append(argv[i])
        i += 1
    return groups


def entries(groups):
    seen = set()
    out = []
    for cmd, files in groups:
        if not cmd:
            continue
        if 'musl' in os.path.basename(cmd[0]):
            dirs = header_dirs(cmd[0])
            if dirs is None:
                print(f'compile_commands: {cmd[0]} not found, user programs left out '
                      '(scripts/setup.sh installs musl-tools)', file=sys.stderr)
                continue
            cmd = cmd + ['-nostdinc'] + [a for d in dirs for a in ('-isystem', d)]
        for f in files:
            if f in seen:
                continue
            seen.add(f)
            out.append({'directory': ROOT, 'file': f, 'arguments': cmd + ['-c', f]})
    return out


def main():
    # Usage: compile_commands.py [-o FILE] --cc 'CC FLAGS' FILE... [--cc ...]
    argv = sys.argv[1:]
    path = os.path.join(ROOT, 'compile_commands.json')
    if argv[:1] == ['-o'] and len(argv) > 1:
        path, argv = argv[1], argv[2:]
    db = entries(parse_groups(argv))
    if not db:
        sys.exit('usage: compile_commands.py [-o FILE] --cc "CC FLAGS" FILE... [--cc ...]')
    tmp = path + '.tmp'
    with open(tmp, 'w') as f:
        json.dump(db, f, indent=1)
        f.write('\n')
    os.replace(tmp, path)
    print(f'  GEN     {os.path.relpath(path)} ({len(db)} files)')


if __name__ == '__main__':
    main()
