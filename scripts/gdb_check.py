#!/usr/bin/env python3
"""scripts/gdb_check.py - the mm-* GDB commands (scripts/gdb/mmlab.py) checked
in `make test`, at a breakpoint in the middle of a migration.

Boots `demo=migrate` under QEMU with GDB attached, stops in
migrate_vma_split_unmapped_folio (the demo's FAIL_ALLOC run: the device has
no huge page, so the THP is about to be split mid-migration), runs every
command and checks what each prints against the state there: the src entry
is a COMPOUND one, the folio has order 9, the PMD is a migration entry for
that folio's pfn, and so on.  Each command is one check.
"""
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BREAK = 'migrate_vma_split_unmapped_folio'
COMMANDS = [
    'mm-migrate m', 'mm-folio folio', 'mm-walk m->start m->vma->vm_mm', 'mm-vmas m->vma->vm_mm',
    'mm-page &folio->page', 'mm-buddyinfo', 'mm-vmstat thp_migration', 'mm-dmesg 3',
    'p HPAGE_PMD_NR', 'p/x MIGRATE_PFN_COMPOUND',
]


def run_gdb(kernel, build, mem):
    """The output of each command at the breakpoint: {command: text}, and all of it."""
    import run_tests		# here: run_tests imports this module
    iso = os.path.join(build, 'gdb-mm.iso')
    run_tests.make_iso(kernel, iso, 'demo=migrate')
    commands = [f'hbreak {BREAK}', 'continue']
    for c in COMMANDS:
        commands += [f'echo @@@ {c}\\n', c]
    text = run_tests.gdb_batch(kernel, iso, mem, commands)
    parts = {}
    for chunk in text.split('@@@ ')[1:]:
        command, _, rest = chunk.partition('\n')
        parts[command] = rest
    return parts, text


def expectations(parts):
    """(command, what it must show, regex) - the folio's pfn ties them together."""
    m = re.search(r'folio at 0x[0-9a-f]+: pfn (0x[0-9a-f]+)', parts.get('mm-folio folio', ''))
    pfn = m.group(1) if m else 'NOPFN'
    return [
        ('mm-migrate m', 'src[0] is the THP: VALID|MIGRATE|WRITE|COMPOUND, the rest empty',
         rf'src\[0\]: pfn {pfn} VALID\|MIGRATE\|WRITE\|COMPOUND\nsrc\[1\.\.511\]: 0'),
        ('mm-folio folio', 'an order-9 folio in RAM, locked, anonymous, unmapped',
         r'order 9 \(512 pages\), RAM, zone Normal\n  flags 0x[0-9a-f]+ \(locked\|.*head\|anon'),
        ('mm-walk m->start m->vma->vm_mm', 'the PMD is a migration entry for the folio',
         rf'PMD \[\s*\d+\] 0x[0-9a-f]+\s+not present: migration \w[\w-]* entry, pfn {pfn}'),
        ('mm-vmas m->vma->vm_mm', 'the 2 MiB anonymous VMA with its anon_vma',
         r'0x[0-9a-f]+-0x[0-9a-f]+\s+2048 kB rw-p\s+anon_vma 0x[1-9a-f]'),
        ('mm-page &folio->page', "the head page's flags and refcount",
         rf'page pfn {pfn} at 0x[0-9a-f]+: flags 0x[0-9a-f]+ \([a-z_|]*head[a-z_|]*\), zone '
         r'Normal, refcount 1'),
        ('mm-buddyinfo', 'free blocks for orders 0..10', r'order:(\s+\d+){11}\nfree:(\s+\d+){11}'),
        ('mm-vmstat thp_migration', 'two whole-THP migrations so far, no split yet',
         r'thp_migration_success 2\nthp_migration_split 0'),
        ('mm-dmesg 3', 'the log ends with the demo setting FAIL_ALLOC', r'FLAGS\(FAIL_ALLOC\)'),
        ('p HPAGE_PMD_NR', 'a macro prints (-g3)', r'= 512'),
        ('p/x MIGRATE_PFN_COMPOUND', 'a macro prints (-g3)', r'= 0x10'),
    ]


def check(kernel, build, mem):
    """(passed, failed): one per command."""
    parts, text = run_gdb(kernel, build, mem)
    passed = failed = 0
    for command, what, pattern in expectations(parts):
        out = parts.get(command, '')
        if re.search(pattern, out):
            print(f'ok gdb: {command} at {BREAK}: {what}')
            passed += 1
        else:
            print(f'FAIL gdb: {command} at {BREAK}: expected {what}; got:')
            for line in (out or text).splitlines()[-8:]:
                print(f'    | {line}')
            failed += 1
    return passed, failed


if __name__ == '__main__':
    ap_kernel = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, 'build/kernel.elf')
    parts, _ = run_gdb(ap_kernel, os.path.dirname(ap_kernel), '1G')
    for command, out in parts.items():
        print(f'(gdb) {command}\n{out.rstrip()}')
