# scripts/gdb/mmlab.py - GDB commands that read mmlab's mm (loaded by mmlab.gdb).
#
# Like Linux's scripts/gdb (lx-*), they decode kernel data from a stopped
# kernel: page tables, VMAs, struct page and folio, the buddy free lists,
# migrate_vma's src/dst arrays, the vm event counters and the kernel log.
# Names and numbers come from the kernel's own symbols and types (enum
# values by name, page_flag_names[], vm_event_names[]); the few bit layouts
# of page-table entries are the x86-64 ones in include/asm/pgtable_types.h
# and include/mm/swapops.h.  `help mm-walk` and so on give each one's use.
import gdb

PAGE_OFFSET = 0xffff888000000000	# the direct map (docs/boot.md)
PFN_MASK = 0x000ffffffffff000
SWP_TYPES = {1: 'migration read', 2: 'migration write', 3: 'device-private read',
             4: 'device-private write', 5: 'migration read-exclusive'}
MIGRATE_PFN_FLAGS = [(0, 'VALID'), (1, 'MIGRATE'), (3, 'WRITE'), (4, 'COMPOUND')]
MIGRATE_PFN_SHIFT = 6


def val(expr):
    return gdb.parse_and_eval(expr)


def enum_value(name, default):
    try:
        return int(val(name))
    except gdb.error:
        return default


def read_u64(addr):
    return int(val(f'*(unsigned long *){addr:#x}'))


def cstring(ptr):
    return ptr.string() if int(ptr) else '?'


def current_mm(arg):
    """The mm named by arg (an expression), or the current task's."""
    if arg:
        return val(arg)
    mm = val('current_task->mm')
    if not int(mm):
        raise gdb.GdbError('the current task has no mm: give one (e.g. m->vma->vm_mm)')
    return mm


def decode_entry(e, level):
    """One page-table entry in words: present bits, or the swap entry it holds."""
    if e == 0:
        return 'none'
    pfn = (e & PFN_MASK) >> 12
    if e & 1 or (e & 0x100 and level == 'PTE'):
        bits = ['present' if e & 1 else 'PROT_NONE', 'rw' if e & 2 else 'ro',
                'user' if e & 4 else 'kernel']
        if e & 0x80 and level in ('PMD', 'PUD'):
            bits.append('PS (huge)')
        if e & 0x40:
            bits.append('dirty')
        return f'{" ".join(bits)} pfn {pfn:#x}'
    kind = SWP_TYPES.get((e >> 1) & 0x1f, f'swap type {(e >> 1) & 0x1f}')
    return f'not present: {kind} entry, pfn {pfn:#x}'


class MmWalk(gdb.Command):
    """mm-walk ADDR [MM]: the four-level page-table walk of ADDR, each entry decoded.

For PGD, PUD, PMD and PTE: the entry's raw value, then present/rw/user/PS and
its pfn, or - not present - the swap entry it holds (a migration entry:
read, write or read-exclusive; a device-private entry: read or write) and
that entry's pfn.  MM defaults to the current task's mm (current_task->mm)."""

    def __init__(self):
        super().__init__('mm-walk', gdb.COMMAND_DATA)

    def invoke(self, arg, from_tty):
        args = gdb.string_to_argv(arg)
        if not args:
            raise gdb.GdbError('usage: mm-walk ADDR [MM]')
        addr = int(val(args[0]))
        mm = current_mm(' '.join(args[1:]))
        table = int(mm['pgd'])
        for level, shift in (('PGD', 39), ('PUD', 30), ('PMD', 21), ('PTE', 12)):
            index = (addr >> shift) & 511
            e = read_u64(table + index * 8)
            print(f'{level} [{index:3}] {e:#018x}  {decode_entry(e, level)}')
            if not e & 1 or (level in ('PUD', 'PMD') and e & 0x80):
                return
            table = PAGE_OFFSET + (e & PFN_MASK)


def zone_name(page):
    zone = int(page['flags']) >> 62
    return {enum_value('ZONE_NORMAL', 0): 'Normal', enum_value('ZONE_DEVICE', 1): 'Device'}.get(
        zone, str(zone))


def flag_names(flags):
    n = enum_value('NR_PAGEFLAGS', 14)
    names = val('page_flag_names')
    return '|'.join(cstring(names[i]) for i in range(n) if flags & (1 << i)) or '-'


def page_at_pfn(pfn):
    return val(f'mem_map[{pfn}]')


def describe_page(page, pfn):
    flags = int(page['flags'])
    head = page
    lines = [f'page pfn {pfn:#x} at {page.address}: flags {flags & ((1 << 62) - 1):#x} '
             f'({flag_names(flags)}), zone {zone_name(page)}, '
             f'refcount {int(page["_refcount"]["counter"])}, '
             f'mapcount {int(page["_mapcount"]["counter"]) + 1}']
    compound = int(page['compound_head'])
    if compound & 1 and not flags & (1 << enum_value('PG_head', 5)):
        head = val(f'*(struct page *){compound - 1:#x}')
        lines.append(f'  a tail page of the folio at {head.address}')
    return lines, head


def describe_folio(folio):
    page = folio['page']
    pfn = int(page.address) - int(val('mem_map'))
    pfn //= gdb.lookup_type('struct page').sizeof
    flags = int(page['flags'])
    large = flags & (1 << enum_value('PG_head', 5))
    order = int(folio['_folio_order']) if large else 0
    device = (flags >> 62) == enum_value('ZONE_DEVICE', 1)
    lines = [f'folio at {folio.address}: pfn {pfn:#x}, order {order} ({1 << order} pages), '
             f'{"device-private memory" if device else "RAM"}, zone {zone_name(page)}',
             f'  flags {flags & ((1 << 62) - 1):#x} ({flag_names(flags)})',
             f'  refcount {int(folio["_refcount"]["counter"])}, '
             f'mapcount of page 0 {int(folio["_mapcount"]["counter"]) + 1}']
    if large:
        lines.append(f'  large: entire (PMD) mapcount {int(folio["_entire_mapcount"]["counter"]) + 1}, '
                     f'all mappings {int(folio["_large_mapcount"]["counter"]) + 1}, '
                     f'pages mapped by PTEs {int(folio["_nr_pages_mapped"]["counter"])}')
    mapping = int(folio['mapping'])
    lines.append(f'  mapping {mapping:#x}' + (' (its anon_vma)' if flags & (1 << enum_value(
        'PG_anon', 9)) else '') + f', index {int(folio["index"]):#x}')
    return lines


class MmPage(gdb.Command):
    """mm-page PFN|ADDR|PAGE: the struct page of a pfn, a direct-map address or a pointer.

A number below the direct map (0xffff888000000000) is a pfn; an address in it
is turned into its pfn; a struct page or folio pointer is that page.  Prints flags by name, zone, refcount, mapcount, and
the folio a tail page belongs to."""

    def __init__(self):
        super().__init__('mm-page', gdb.COMMAND_DATA)

    def invoke(self, arg, from_tty):
        if not arg:
            raise gdb.GdbError('usage: mm-page PFN|ADDR')
        v = val(arg)
        target = str(v.type.strip_typedefs().target()) if v.type.code == gdb.TYPE_CODE_PTR else ''
        if target in ('struct page', 'struct folio'):	# a struct page or folio pointer
            pfn = (int(v) - int(val('mem_map'))) // gdb.lookup_type('struct page').sizeof
        else:
            n = int(v)
            pfn = (n - PAGE_OFFSET) >> 12 if n >= PAGE_OFFSET else n
        lines, _ = describe_page(page_at_pfn(pfn), pfn)
        print('\n'.join(lines))


class MmFolio(gdb.Command):
    """mm-folio EXPR: a struct folio (or a struct page, taken to its folio) decoded.

Order and size, RAM or device-private memory, zone, flags by name, refcount,
the mapcounts (page 0's, and a large folio's PMD, total and PTE counts),
and the anon_vma it belongs to."""

    def __init__(self):
        super().__init__('mm-folio', gdb.COMMAND_DATA)

    def invoke(self, arg, from_tty):
        v = val(arg)
        if v.type.code == gdb.TYPE_CODE_PTR:
            v = v.dereference()
        if str(v.type.strip_typedefs()) == 'struct page':
            _, v = describe_page(v, 0)
            v = val(f'*(struct folio *){int(v.address):#x}')
        print('\n'.join(describe_folio(v)))


class MmVmas(gdb.Command):
    """mm-vmas [MM]: the VMAs of an mm (default: the current task's), in address order.

Each: start-end, size, rwx and shared/private, VM_HUGEPAGE/NOHUGEPAGE, and its
anon_vma (0 before the first fault)."""

    def __init__(self):
        super().__init__('mm-vmas', gdb.COMMAND_DATA)

    def invoke(self, arg, from_tty):
        mm = current_mm(arg)
        head = mm['mmap'].address
        vma_type = gdb.lookup_type('struct vm_area_struct').pointer()
        offset = int(val('&((struct vm_area_struct *)0)->vm_list'))
        node = mm['mmap']['next']
        while int(node) != int(head):
            vma = val(f'(struct vm_area_struct *){int(node) - offset:#x}').cast(vma_type)
            f = int(vma['vm_flags'])
            perms = ''.join(c if f & b else '-' for c, b in (('r', 1), ('w', 2), ('x', 4)))
            perms += 's' if f & 8 else 'p'
            extra = [n for n, b in (('hugepage', enum_value('VM_HUGEPAGE', 1 << 29)),
                                    ('nohugepage', enum_value('VM_NOHUGEPAGE', 1 << 30))) if f & b]
            start, end = int(vma['vm_start']), int(vma['vm_end'])
            print(f'{start:#x}-{end:#x} {(end - start) >> 10:8} kB {perms} {" ".join(extra)} '
                  f'anon_vma {int(vma["anon_vma"]):#x}')
            node = node['next']


class MmBuddyinfo(gdb.Command):
    """mm-buddyinfo: free blocks per order of the Normal zone, as /proc/buddyinfo prints them."""

    def __init__(self):
        super().__init__('mm-buddyinfo', gdb.COMMAND_DATA)

    def invoke(self, arg, from_tty):
        zone = val('normal_zone')
        orders = zone['free_area'].type.range()[1] + 1
        counts = [int(zone['free_area'][o]['nr_free']) for o in range(orders)]
        print('order: ' + ' '.join(f'{o:6}' for o in range(orders)))
        print('free:  ' + ' '.join(f'{c:6}' for c in counts))
        print(f'Normal zone: {int(zone["free_pages"])} free pages of '
              f'{int(zone["managed_pages"])} managed (per-CPU lists not counted)')


def mpfn_words(e):
    flags = [n for b, n in MIGRATE_PFN_FLAGS if e & (1 << b)]
    return f'pfn {e >> MIGRATE_PFN_SHIFT:#x} ' + '|'.join(flags) if e else '0 (not collected)'


class MmMigrate(gdb.Command):
    """mm-migrate EXPR: a struct migrate_vma - its range, counts and src[]/dst[] decoded.

Each entry's pfn and MIGRATE_PFN_* flags by name (VALID, MIGRATE, WRITE,
COMPOUND); runs of entries alike but for consecutive pfns are collapsed."""

    def __init__(self):
        super().__init__('mm-migrate', gdb.COMMAND_DATA)

    def invoke(self, arg, from_tty):
        m = val(arg)
        if m.type.code == gdb.TYPE_CODE_PTR:
            m = m.dereference()
        n = int(m['npages'])
        print(f'migrate_vma {int(m["start"]):#x}-{int(m["end"]):#x}: npages {n}, '
              f'cpages {int(m["cpages"])}, fault_page {int(m["fault_page"]):#x}')
        for name in ('src', 'dst'):
            arr = m[name]
            if not int(arr):
                print(f'{name}: NULL')
                continue
            entries = [int(arr[i]) for i in range(n)]
            i = 0
            while i < n:
                j = i + 1
                while j < n and entries[j] and entries[j] - entries[j - 1] == 1 << MIGRATE_PFN_SHIFT:
                    j += 1
                while j < n and not entries[i] and not entries[j]:
                    j += 1
                span = f'[{i}]' if j == i + 1 else f'[{i}..{j - 1}]'
                more = f' .. pfn {entries[j - 1] >> MIGRATE_PFN_SHIFT:#x}' if j > i + 1 and entries[i] else ''
                print(f'{name}{span}: {mpfn_words(entries[i])}{more}')
                i = j


class MmVmstat(gdb.Command):
    """mm-vmstat [PREFIX]: the vm event counters by name (those not zero; all with PREFIX)."""

    def __init__(self):
        super().__init__('mm-vmstat', gdb.COMMAND_DATA)

    def invoke(self, arg, from_tty):
        names, counts = val('vm_event_names'), val('vm_events')
        for i in range(counts.type.range()[1] + 1):
            name, count = cstring(names[i]), int(counts[i])
            if (arg and name.startswith(arg)) or (not arg and count):
                print(f'{name} {count}')


class MmDmesg(gdb.Command):
    """mm-dmesg [LINES]: the kernel log buffer (log_buf), its last LINES lines (default 40)."""

    def __init__(self):
        super().__init__('mm-dmesg', gdb.COMMAND_DATA)

    def invoke(self, arg, from_tty):
        size = val('log_buf').type.range()[1] + 1
        end = int(val('log_next'))
        start = max(0, end - size)
        inferior = gdb.selected_inferior()
        base = int(val('&log_buf[0]'))
        raw = bytes(inferior.read_memory(base, size))
        text = ''.join(chr(raw[i % size]) for i in range(start, end))
        lines = text.splitlines()
        print('\n'.join(lines[-int(arg or 40):]))


for command in (MmWalk, MmPage, MmFolio, MmVmas, MmBuddyinfo, MmMigrate, MmVmstat, MmDmesg):
    command()
