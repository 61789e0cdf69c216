#!/usr/bin/env python3
"""scripts/run_fuzz.py - run the libFuzzer target (tests/fuzz/mm_fuzz.c).

Copies the seed corpus (tests/fuzz/corpus/, in the tree) into a work
directory, so the tree is never written, fuzzes for SECONDS, and reports the
executions libFuzzer made and whether it found anything.  A finding is saved
there as crash-*, leak-* or timeout-*: run the fuzz program with that file
to replay it.  Exit status 0: no finding.
"""
import argparse
import os
import re
import shutil
import subprocess
import sys


def fuzz(program, seconds, corpus, work):
    """Returns (executions, finding or None)."""
    live = os.path.join(work, 'corpus')
    os.makedirs(live, exist_ok=True)
    for name in os.listdir(corpus):
        shutil.copy(os.path.join(corpus, name), live)
    r = subprocess.run([program, f'-max_total_time={seconds}', '-timeout=30',
                        f'-artifact_prefix={work}/', '-print_final_stats=1', live],
                       capture_output=True, text=True)
    text = r.stdout + r.stderr
    m = re.findall(r'stat::number_of_executed_units:\s*(\d+)', text)
    execs = int(m[-1]) if m else 0
    finding = None
    if r.returncode != 0:
        art = re.findall(r'Test unit written to (\S+)', text)
        finding = art[-1] if art else f'exit status {r.returncode}'
        tail = [l for l in text.splitlines() if l.strip()][-25:]
        print('\n'.join('    | ' + l for l in tail))
    return execs, finding


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument('--fuzz', required=True, help='the fuzz program')
    ap.add_argument('--seconds', type=int, default=60)
    ap.add_argument('--corpus', required=True)
    ap.add_argument('--work', required=True)
    args = ap.parse_args()
    execs, finding = fuzz(args.fuzz, args.seconds, args.corpus, args.work)
    if finding:
        print(f'fuzz: FINDING after {execs} executions: {finding} (replay: {args.fuzz} {finding})')
        return 1
    print(f'fuzz: {execs} executions in {args.seconds} s, no finding')
    return 0


if __name__ == '__main__':
    sys.exit(main())
