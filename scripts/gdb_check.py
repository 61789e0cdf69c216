#!/usr/bin/env python3
"""scripts/gdb_check.py - the GDB helpers (scripts/gdb/mmlab.py) checked at
the mid-migration split, for `make test`.

Boots the kernel with the migration demo (`demo=migrate`) under TCG, frozen
with a GDB stub; gdb -batch breaks in migrate_vma_split_unmapped_folio -
reached when the demo's second MIGRATE_TO_DEV finds no 2 MiB device page
(FAIL_ALLOC) - and runs every mm-* command there, then again after the split
(`finish`).  Each check below is one counted line, `ok gdb: ...` or
`FAIL gdb: ...`, and most compare two commands' output (the folio mm-folio
shows is the COMPOUND src entry of mm-migrate and the pfn of mm-walk's
migration entry).  The whole transcript is kept in build/gdb-check.log.
Run alone: scripts/gdb_check.py [--kernel build/kernel.elf] [--show]
"""
import argparse
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BREAK = 'migrate_vma_split_unmapped_folio'
# At the breakpoint (the folio still whole), then after the split.
BEFORE = ['p HPAGE_PMD_NR', 'p MIGRATE_PFN_COMPOUND', 'mm-migrate m', 'mm-folio folio',
          'mm-walk addr', 'mm-page addr+4096', 'mm-vmas', 'mm-buddyinfo', 'mm-vmstat',
          'mm-dmesg 3', 'python mmlab_check_constants()'] + \
         [f'help {c}' for c in ('mm-walk', 'mm-vmas', 'mm-page', 'mm-folio', 'mm-buddyinfo',
                                'mm-migrate', 'mm-vmstat', 'mm-dmesg')]
AFTER = ['finish', 'mm-migrate m', 'mm-folio folio', 'mm-walk m->start+0x1000', 'mm-vmstat']

# Runs inside gdb: each command's output after a '@@@ command' line.
GDB_SIDE = r'''
import gdb
def mmlab_check_run(cmd, part):
    print('@@@ %s %s' % (part, cmd))
    try:
        print(gdb.execute(cmd, to_string=True), end='')
    except gdb.error as e:
        print('@@@ERROR %s' % e)
'''


def transcript(kernel, build, mem):
    """Boots to the breakpoint and runs the commands; returns gdb's output."""
    import run_tests		# here: run_tests imports this module
    kernel, build = os.path.abspath(kernel), os.path.abspath(build)
    iso = os.path.join(build, 'gdb-mm.iso')
    run_tests.make_iso(kernel, iso, 'demo=migrate')
    side = os.path.join(build, 'gdb-mm-check-side.py')
    with open(side, 'w') as f:
        f.write(GDB_SIDE)
    commands = [f'hbreak {BREAK}', 'continue', f'source {side}']
    for part, cmds in (('before', BEFORE), ('after', AFTER)):
        commands += [f'python mmlab_check_run({c!r}, {part!r})' for c in cmds]
    out = run_tests.gdb_batch(kernel, iso, mem, commands)
    with open(os.path.join(build, 'gdb-check.log'), 'w') as f:
        f.write(out)
    return out


def split(out):
    """{('before'|'after', command): its output}."""
    parts, key = {}, None
    for line in out.splitlines():
        m = re.match(r'@@@ (before|after) (.*)', line)
        if m:
            key = (m.group(1), m.group(2))
            parts[key] = ''
        elif key:
            parts[key] += line + '\n'
    return parts


def checks(parts):
    """(name, passed, detail) for each check."""
    b = lambda c: parts.get(('before', c), '')  # noqa: E731
    a = lambda c: parts.get(('after', c), '')  # noqa: E731
    results = []

    def check(name, ok, detail=''):
        results.append((name, bool(ok), detail))

    check('p HPAGE_PMD_NR and p MIGRATE_PFN_COMPOUND print 512 and 16 (-g3 macros)',
          re.search(r'= 512\b', b('p HPAGE_PMD_NR')) and
          re.search(r'= 16\b', b('p MIGRATE_PFN_COMPOUND')),
          b('p HPAGE_PMD_NR') + b('p MIGRATE_PFN_COMPOUND'))

    mig = b('mm-migrate m')
    src = re.search(r'\[(\d+)\] 0x[0-9a-f]+ pfn (0x[0-9a-f]+) VALID\|MIGRATE\|(?:WRITE\|)?COMPOUND', mig)
    dst = re.search(r'dst\[\] at 0x[0-9a-f]+:\n\s+\[0\.\.511\] pfn 0x[0-9a-f]+\.\.0x[0-9a-f]+ VALID', mig)
    check('mm-migrate m: npages 512, src[] one COMPOUND entry, 511 empty ones collapsed, dst[] '
          '512 small pages', 'npages 512' in mig and src and dst and
          re.search(r'\[1\.\.511\] 0x0 0 \(empty\) \(511 times\)', mig), mig)
    pfn = src.group(2) if src else None

    folio = b('mm-folio folio')
    check('mm-folio folio: order 9, the src entry\'s pfn, RAM, locked head',
          pfn and re.search(rf'pfn {pfn}, order 9 \(512 pages', folio) and 'RAM, zone Normal' in folio
          and re.search(r'flags 0x[0-9a-f]+: locked\|.*head', folio), folio)

    walk = b('mm-walk addr')
    # The demo's buffer is writable: its entries are writable migration entries.
    check('mm-walk addr: pgd, pud, then a writable PMD migration entry for that pfn',
          pfn and re.search(r'pgd\[.*present rw user', walk) and
          re.search(rf'pmd\[.*not present: swap entry, migration write '
                    rf'\(SWP_MIGRATION_WRITE\), pfn {pfn}', walk) and 'pmd refers to 2 MiB' in walk,
          walk)

    page = b('mm-page addr+4096') or next((v for (p, c), v in parts.items()
                                                  if c.startswith('mm-page')), '')
    check('mm-page addr+4096: through the PMD migration entry, tail page 1 of that folio',
          pfn and re.search(rf'tail page 1 of the folio at pfn {pfn}', page), page)

    vmas = b('mm-vmas')
    anon = re.search(r'anon_vma (0x[0-9a-f]+)', vmas)
    mapping = re.search(r'mapping (0x[0-9a-f]+) \(its anon_vma\)', folio)
    check('mm-vmas: the demo\'s rw-p 2 MiB VMA, whose anon_vma is the folio\'s mapping',
          re.search(r'rw-p\s+2 MiB', vmas) and anon and mapping and
          anon.group(1) == mapping.group(1), vmas)

    buddy = b('mm-buddyinfo')
    dev = re.search(r'zone\s+Device0.*\n\s+free_pages (\d+),.* managed (\d+)', buddy)
    check('mm-buddyinfo: Normal and Device0, every zone consistent, Device0 short of the '
          '512 dst pages',
          re.search(r'Node 0, zone\s+Normal(\s+\d+){11}', buddy) and 'INCONSISTENT' not in buddy
          and buddy.count('(consistent)') >= 2 and dev and
          int(dev.group(2)) - int(dev.group(1)) == 512, buddy)

    def counter(text, name):
        m = re.search(rf'^{name} (\d+)$', text, re.M)
        return int(m.group(1)) if m else None
    vm = b('mm-vmstat')
    check('mm-vmstat: every counter named, the first round trip counted, no split yet',
          len(re.findall(r'^[a-z_]+ \d+$', vm, re.M)) >= 20 and
          counter(vm, 'thp_migration_success') == 2 and counter(vm, 'thp_migration_split') == 0,
          vm)

    dmesg = b('mm-dmesg 3')
    check('mm-dmesg 3: three lines, the last printk before this migration among them',
          len(dmesg.splitlines()) == 3 and 'FLAGS(FAIL_ALLOC)' in dmesg, dmesg)

    consts = b('python mmlab_check_constants()')
    n = re.search(r'(\d+) constants checked against the kernel, 0 differ', consts)
    check('mmlab.py\'s fallback constants equal the kernel\'s macros',
          n and int(n.group(1)) >= 20, consts)

    helps = [c for (p, c) in parts if c.startswith('help ')]
    empty = [c for c in helps if len(parts[('before', c)].splitlines()) < 3]
    check('help text for all 8 mm-* commands', len(helps) == 8 and not empty, ' '.join(empty))

    mig2, folio2, walk2, vm2 = (a('mm-migrate m'), a('mm-folio folio'),
                                a('mm-walk m->start+0x1000'), a('mm-vmstat'))
    pfn1 = hex(int(pfn, 16) + 1) if pfn else None
    check('after the split: src[] 512 consecutive pfns without COMPOUND, the folio order 0, '
          'a PTE migration entry for pfn+1, thp_migration_split 1',
          pfn and re.search(rf'\[0\.\.511\] pfn {pfn}\.\.0x[0-9a-f]+ VALID\|MIGRATE(\|WRITE)? \(512', mig2)
          and '|COMPOUND' not in mig2 and re.search(rf'pfn {pfn}, order 0 ', folio2) and
          re.search(rf'pte\[\s*1\].*migration write .*pfn {pfn1}', walk2) and
          counter(vm2, 'thp_migration_split') == 1, mig2 + folio2 + walk2)
    return results


def check(kernel, build, mem):
    """For `make test`: (passed, failed)."""
    out = transcript(kernel, build, mem)
    parts = split(out)
    passed = failed = 0
    if not parts:
        print(f'gdb never reached {BREAK} (or mmlab.py did not load); its last lines:')
        for line in out.splitlines()[-10:]:
            print(f'    | {line}')
    for name, ok, detail in checks(parts):
        print(f'{"ok" if ok else "FAIL"} gdb: {name}')
        if ok:
            passed += 1
            continue
        failed += 1
        for line in (detail or '(no output)').splitlines()[:12]:
            print(f'    | {line}')
    return passed, failed


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--kernel', default=os.path.join(ROOT, 'build/kernel.elf'))
    ap.add_argument('--mem', default='1G')
    ap.add_argument('--show', action='store_true', help='print the transcript too')
    args = ap.parse_args()
    build = os.path.dirname(args.kernel) or '.'
    passed, failed = check(args.kernel, build, args.mem)
    if args.show:
        print(open(os.path.join(build, 'gdb-check.log')).read())
    print(f'{passed} passed, {failed} failed, 0 skipped')
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
