#!/usr/bin/env python3
"""scripts/run_fuzz.py - run the libFuzzer target (tests/fuzz/mm_fuzz.c).

Copies the seed corpus (tests/fuzz/corpus/, in the tree) into a work
directory, so the tree is never written, fuzzes for SECONDS (in JOBS
processes sharing that corpus, each stopping after RUNS executions if given),
and reports the executions libFuzzer made and whether it found anything.  A finding is saved
there as crash-*, leak-* or timeout-*: run the fuzz program with that file
to replay it.  Exit status 0: no finding.
"""
import argparse
import os
import re
import shutil
import subprocess
import sys
import time


def start(program, seconds, runs, live, work, job):
    """One libFuzzer process on the shared corpus directory."""
    cmd = [program, f'-max_total_time={seconds}', '-timeout=30', f'-seed={job + 1}',
           f'-artifact_prefix={work}/', '-print_final_stats=1', live]
    if runs:
        cmd.insert(1, f'-runs={runs}')
    log = open(os.path.join(work, f'fuzz-{job}.log'), 'w')
    return subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT), log.name


def fuzz(program, seconds, runs, jobs, corpus, work):
    """Returns (executions, finding or None).

    jobs processes share one corpus directory (libFuzzer reloads what the
    others add); their executions are summed.  runs caps each process.
    """
    live = os.path.join(work, 'corpus')
    os.makedirs(live, exist_ok=True)
    for name in os.listdir(corpus):
        shutil.copy(os.path.join(corpus, name), live)
    procs = [start(program, seconds, runs, live, work, j) for j in range(jobs)]
    execs, finding = 0, None
    for p, logname in procs:
        p.wait()
        text = open(logname, errors='replace').read()
        m = re.findall(r'stat::number_of_executed_units:\s*(\d+)', text)
        execs += int(m[-1]) if m else 0
        if p.returncode != 0 and not finding:
            art = re.findall(r'Test unit written to (\S+)', text)
            finding = art[-1] if art else f'exit status {p.returncode} ({logname})'
            tail = [l for l in text.splitlines() if l.strip()][-25:]
            print('\n'.join('    | ' + l for l in tail))
    return execs, finding


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument('--fuzz', required=True, help='the fuzz program')
    ap.add_argument('--seconds', type=int, default=60)
    ap.add_argument('--jobs', type=int, default=1, help='processes, one per core')
    ap.add_argument('--runs', type=int, default=0,
                    help='stop each process after this many executions (0: no limit)')
    ap.add_argument('--corpus', required=True)
    ap.add_argument('--work', required=True)
    args = ap.parse_args()
    t0 = time.time()
    execs, finding = fuzz(args.fuzz, args.seconds, args.runs, args.jobs, args.corpus, args.work)
    if finding:
        print(f'fuzz: FINDING after {execs} executions: {finding} (replay: {args.fuzz} {finding})')
        return 1
    print(f'fuzz: {execs} executions in {time.time() - t0:.0f} s '
          f'({args.jobs} process{"es" if args.jobs > 1 else ""}), no finding')
    return 0


if __name__ == '__main__':
    sys.exit(main())
