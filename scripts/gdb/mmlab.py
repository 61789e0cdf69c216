# scripts/gdb/mmlab.py - GDB commands that decode mmlab's memory management.
#
# Loaded by scripts/gdb/mmlab.gdb (so by `make gdb`, `make qemu-gdb`'s
# instructions and the GDB check of `make test`); docs/gdb.md shows them.
# `help user-defined` lists the commands, `help mm-walk` explains one:
#
#   mm-walk ADDR [MM]   the four-level page-table walk, each entry decoded
#   mm-vmas [MM]        the VMAs of an address space
#   mm-page PFN|ADDR    one struct page, and its folio
#   mm-folio EXPR       a folio: order, counts, flags, zone
#   mm-buddyinfo        free blocks per order per zone
#   mm-migrate EXPR     a struct migrate_vma's src[]/dst[]
#   mm-vmstat [PREFIX]  the vm counters
#   mm-dmesg [N]        the kernel log (its last N lines)
#
# Linux's scripts/gdb (lx-dmesg, lx-ps, ...) is the model.  Names and values
# come from the kernel's debug information: enums with gdb.lookup_type, name
# tables (vm_event_names[], page_flag_names[]) as variables, and #defines as
# macros, which the kernel carries because it is built with -g3.  A macro is
# only visible in a frame whose source file includes its header; elsewhere
# the value in FALLBACK below is used - `python mmlab_check_constants()`
# compares each with the kernel's (the GDB check in `make test` runs it).
# Python standard library only.

import gdb

# Used only where the kernel's macro is not in scope (see above).
FALLBACK = {
    '_PAGE_PRESENT': 1 << 0, '_PAGE_RW': 1 << 1, '_PAGE_USER': 1 << 2,
    '_PAGE_PWT': 1 << 3, '_PAGE_PCD': 1 << 4, '_PAGE_ACCESSED': 1 << 5,
    '_PAGE_DIRTY': 1 << 6, '_PAGE_PSE': 1 << 7, '_PAGE_GLOBAL': 1 << 8,
    '_PAGE_PROTNONE': 1 << 8, '_PAGE_NX': 1 << 63,
    'PTE_PFN_MASK': 0x000ffffffffff000, 'PAGE_SHIFT': 12,
    'PGDIR_SHIFT': 39, 'PUD_SHIFT': 30, 'PMD_SHIFT': 21,
    '__PAGE_OFFSET': 0xffff888000000000, '__START_KERNEL_map': 0xffffffff80000000,
    'SWP_TYPE_SHIFT': 1, 'SWP_TYPE_MASK': 0x1f, 'ZONES_PGSHIFT': 62,
    'MIGRATE_PFN_VALID': 1 << 0, 'MIGRATE_PFN_MIGRATE': 1 << 1,
    'MIGRATE_PFN_WRITE': 1 << 3, 'MIGRATE_PFN_COMPOUND': 1 << 4, 'MIGRATE_PFN_SHIFT': 6,
    'VM_READ': 0x1, 'VM_WRITE': 0x2, 'VM_EXEC': 0x4, 'VM_SHARED': 0x8,
    'VM_MAYREAD': 0x10, 'VM_MAYWRITE': 0x20, 'VM_MAYSHARE': 0x80,
    'VM_HUGEPAGE': 0x20000000, 'VM_NOHUGEPAGE': 0x40000000,
}
# Bits of a page-table entry as mm-walk prints them (PS only above PTE level,
# where bit 7 means a huge leaf; in a PTE it is PAT).
PTE_BITS = [('_PAGE_PRESENT', 'present'), ('_PAGE_RW', 'rw'), ('_PAGE_USER', 'user'),
            ('_PAGE_PWT', 'pwt'), ('_PAGE_PCD', 'pcd'), ('_PAGE_ACCESSED', 'accessed'),
            ('_PAGE_DIRTY', 'dirty'), ('_PAGE_PSE', 'PS'), ('_PAGE_GLOBAL', 'global'),
            ('_PAGE_NX', 'nx')]
MIGRATE_PFN_FLAGS = ['MIGRATE_PFN_VALID', 'MIGRATE_PFN_MIGRATE', 'MIGRATE_PFN_WRITE',
                     'MIGRATE_PFN_COMPOUND']
VM_FLAGS = ['VM_READ', 'VM_WRITE', 'VM_EXEC', 'VM_SHARED', 'VM_MAYREAD', 'VM_MAYWRITE',
            'VM_MAYSHARE', 'VM_HUGEPAGE', 'VM_NOHUGEPAGE']
LEVELS = [('pgd', 'PGDIR_SHIFT'), ('pud', 'PUD_SHIFT'), ('pmd', 'PMD_SHIFT'), ('pte', 'PAGE_SHIFT')]
MASK64 = (1 << 64) - 1


# ---- reading the kernel's names and values ---------------------------------

def const(name):
    """A #define's value in the selected frame's scope, else FALLBACK's."""
    try:
        return int(gdb.parse_and_eval(name)) & MASK64
    except gdb.error:
        return FALLBACK[name]


def mmlab_check_constants():
    """Prints each FALLBACK value the kernel's macro contradicts; returns
    (checked, mismatches).  Run it where the macros are in scope."""
    checked, bad = 0, []
    for name, value in sorted(FALLBACK.items()):
        try:
            real = int(gdb.parse_and_eval(name)) & MASK64
        except gdb.error:
            continue
        checked += 1
        if real != value:
            bad.append(name)
            print(f'mmlab.py: FALLBACK[{name!r}] is {value:#x}, the kernel says {real:#x}')
    print(f'mmlab.py: {checked} constants checked against the kernel, {len(bad)} differ')
    return checked, bad


def enum_names(type_name):
    """{value: name} of an enum type, e.g. 'enum zone_type'."""
    return {int(f.enumval): f.name for f in gdb.lookup_type(type_name).fields()}


def anon_enum_names(member):
    """{value: name} of the (anonymous) enum that member belongs to."""
    return {int(f.enumval): f.name for f in gdb.parse_and_eval(member).type.fields()}


def var(name, file=None):
    """A variable; a static one is looked up in its file first."""
    if file:
        try:
            return gdb.parse_and_eval(f"'{file}'::{name}")
        except gdb.error:
            pass
    return gdb.parse_and_eval(name)


def string_table(name, n, file=None):
    """n C strings of a kernel array of names (vm_event_names, ...)."""
    table = var(name, file)
    return [c_string(table[i]) for i in range(n)]


def read_u64s(addr, n):
    mem = gdb.selected_inferior().read_memory(addr, 8 * n)
    b = bytes(mem)
    return [int.from_bytes(b[8 * i:8 * i + 8], 'little') for i in range(n)]


def read_u64(addr):
    return read_u64s(addr, 1)[0]


def read_phys_u64(phys):
    """8 bytes of physical memory: through the direct map, or - before
    init_direct_map() has built it - the kernel-text mapping of the first
    GiB (docs/boot.md)."""
    try:
        return read_u64(const('__PAGE_OFFSET') + phys)
    except gdb.MemoryError:
        if phys >= 1 << 30:
            raise
        return read_u64(const('__START_KERNEL_map') + phys)


def c_string(ptr, default='?'):
    try:
        return ptr.string() if int(ptr) else default
    except (gdb.MemoryError, UnicodeDecodeError):
        return default


def container_of(ptr, type_name, member):
    t = gdb.lookup_type(type_name)
    offset = next(f.bitpos // 8 for f in t.fields() if f.name == member)
    return gdb.Value(int(ptr) - offset).cast(t.pointer())


def list_for_each_entry(head, type_name, member):
    """The entries of a struct list_head list (head is the list_head value)."""
    head_addr = int(head.address)
    node = head['next']
    while int(node) != head_addr:
        yield container_of(node, type_name, member)
        node = node['next']


def value_of(expr):
    """Evaluates an argument; a plain number stays a number."""
    return gdb.parse_and_eval(expr)


def flag_names(value, names):
    return [label for label, bit in names if value & bit]


# ---- pages, folios, zones -------------------------------------------------

def struct_page_size():
    return gdb.lookup_type('struct page').sizeof


def mem_map():
    return int(var('mem_map'))


def max_pfn():
    return int(var('max_pfn'))


def pfn_to_page(pfn):
    return gdb.Value(mem_map() + pfn * struct_page_size()).cast(
        gdb.lookup_type('struct page').pointer())


def page_to_pfn(page):
    return (int(page) - mem_map()) // struct_page_size()


def compound_head(page):
    head = int(page['compound_head'])
    if head & 1:
        return gdb.Value(head - 1).cast(page.type)
    return page


def zones():
    """Every zone mmlab has: normal_zone and each dmirror device's."""
    found = [var('normal_zone').address]
    try:
        devices = var('devices', 'drivers/dmirror.c')
        for i in range(devices.type.range()[1] + 1):
            found.append(devices[i]['zone'].address)
    except gdb.error:
        pass		# a kernel without the device
    return found


def zone_of_pfn(pfn, zone_nr):
    """The zone of type zone_nr spanning pfn (device memory is carved out of
    RAM, so normal_zone spans its pfns too)."""
    for z in zones():
        start = int(z['zone_start_pfn'])
        if int(z['type']) == zone_nr and start <= pfn < start + int(z['spanned_pages']):
            return z
    return None


def pgmap_of_pfn(pfn):
    """The dev_pagemap a ZONE_DEVICE pfn belongs to (mm/memremap.c's pgmaps[])."""
    try:
        pgmaps = var('pgmaps', 'mm/memremap.c')
    except gdb.error:
        return None
    phys = pfn << const('PAGE_SHIFT')
    for i in range(pgmaps.type.range()[1] + 1):
        p = pgmaps[i]
        if int(p) and int(p['range']['start']) <= phys <= int(p['range']['end']):
            return p
    return None


def page_flags(flags):
    """Names of a page's PG_* bits, from the kernel's page_flag_names[]."""
    n = int(gdb.parse_and_eval('NR_PAGEFLAGS'))
    try:
        names = string_table('page_flag_names', n)
    except gdb.error:
        names = [enum_names('enum pageflags')[i][3:] for i in range(n)]
    return [names[i] for i in range(n) if flags & (1 << i)]


def folio_order(folio):
    if int(folio['flags']) & (1 << int(gdb.parse_and_eval('PG_head'))):
        return int(folio['_folio_order'])
    return 0


def folio_mapcount(folio):
    if folio_order(folio):
        return int(folio['_large_mapcount']['counter']) + 1
    return int(folio['_mapcount']['counter']) + 1


def where(pfn, flags):
    """'RAM, zone Normal' or 'device-private memory, zone Device0 (pgmap ...)'."""
    zone_nr = flags >> const('ZONES_PGSHIFT')
    zone_type = enum_names('enum zone_type').get(zone_nr, f'zone {zone_nr}')
    z = zone_of_pfn(pfn, zone_nr)
    zname = c_string(z['name']) if z is not None else '?'
    if zone_type != 'ZONE_DEVICE':
        return f'RAM, zone {zname} ({zone_type})'
    pgmap = pgmap_of_pfn(pfn)
    if pgmap is None:
        return f'device memory, zone {zname} (no dev_pagemap found)'
    mtype = enum_names('enum memory_type').get(int(pgmap['type']), '?')
    kind = 'device-private memory' if mtype == 'MEMORY_DEVICE_PRIVATE' else 'device memory'
    return f'{kind}, zone {zname} (ZONE_DEVICE, pgmap {int(pgmap):#x}, {mtype})'


def folio_summary(folio):
    """One line: what mm-walk prints for the page an entry points to."""
    folio = folio.cast(gdb.lookup_type('struct folio').pointer())
    order = folio_order(folio)
    pfn = page_to_pfn(folio)
    return (f'folio {int(folio):#x} pfn {pfn:#x} order {order}, refcount '
            f'{int(folio["_refcount"]["counter"])}, mapcount {folio_mapcount(folio)}, '
            f'{where(pfn, int(folio["flags"]))}')


def describe_folio(folio):
    folio = folio.cast(gdb.lookup_type('struct folio').pointer())
    pfn = page_to_pfn(folio)
    order = folio_order(folio)
    flags = int(folio['flags'])
    nr = 1 << order
    lines = [f'folio {int(folio):#x}: pfn {pfn:#x}, order {order} ({nr} page{"s" if nr > 1 else ""},'
             f' {nr * 4} KiB), {where(pfn, flags)}']
    count = f'  refcount {int(folio["_refcount"]["counter"])}, mapcount {folio_mapcount(folio)}'
    if order:
        count += (f' (entire {int(folio["_entire_mapcount"]["counter"]) + 1}, '
                  f'pages mapped by PTEs {int(folio["_nr_pages_mapped"]["counter"])})')
    lines.append(count)
    names = page_flags(flags)
    if order and int(folio['_flags_1']) & (1 << int(gdb.parse_and_eval('PG_partially_mapped'))):
        names.append('partially_mapped')
    lines.append(f'  flags {flags:#x}: {"|".join(names) or "none"}')
    if order >= 2:
        dl = folio['_deferred_list']
        if int(dl['next']) not in (0, int(dl.address)):
            lines.append('  on the deferred-split queue')
    kind = ' (its anon_vma)' if 'anon' in names else ''
    lines.append(f'  mapping {int(folio["mapping"]):#x}{kind}, index {int(folio["index"]):#x}')
    pgmap = pgmap_of_pfn(pfn) if 'ZONE_DEVICE' in where(pfn, flags) else None
    if pgmap is not None:
        lines.append(f'  pgmap owner {int(pgmap["owner"]):#x} (migrate_vma.pgmap_owner selects it)')
    return lines


def page_from_arg(expr):
    """A struct page * from a page/folio pointer, a pfn, or an address
    (direct map, kernel image or, through the current mm, user)."""
    v = value_of(expr)
    t = v.type.strip_typedefs()
    if t.code == gdb.TYPE_CODE_PTR and t.target().strip_typedefs().tag in ('page', 'folio'):
        return v.cast(gdb.lookup_type('struct page').pointer())
    n = int(v) & MASK64
    page_shift = const('PAGE_SHIFT')
    if n < max_pfn():
        return pfn_to_page(n)
    if mem_map() <= n < mem_map() + max_pfn() * struct_page_size():
        return pfn_to_page((n - mem_map()) // struct_page_size())
    offset, kmap = const('__PAGE_OFFSET'), const('__START_KERNEL_map')
    if n >= kmap:
        return pfn_to_page((n - kmap) >> page_shift)
    if offset <= n < offset + (max_pfn() << page_shift):
        return pfn_to_page((n - offset) >> page_shift)
    walk = page_walk(n, default_pgd()[0])
    pfn = walk[-1]['target_pfn']
    if pfn is None:
        raise gdb.GdbError(f'{n:#x} is neither a pfn (< max_pfn {max_pfn():#x}) nor mapped')
    return pfn_to_page(pfn)


# ---- page tables ------------------------------------------------------------

def current_mm():
    """current->mm: mmlab's current is current_task (include/kernel/sched.h)."""
    mm = var('current_task')['mm']
    return mm if int(mm) else None


def mm_from_arg(expr):
    if expr:
        return value_of(expr).cast(gdb.lookup_type('struct mm_struct').pointer())
    mm = current_mm()
    if mm is None:
        raise gdb.GdbError('current_task->mm is NULL (a kernel thread): give MM')
    return mm


def default_pgd(mm_expr=None):
    """(pgd physical address, how it was found)."""
    offset = const('__PAGE_OFFSET')
    if mm_expr:
        mm = mm_from_arg(mm_expr)
        return int(mm['pgd']) - offset, f'mm {int(mm):#x}'
    mm = current_mm()
    if mm is not None:
        return int(mm['pgd']) - offset, f'current_task->mm {int(mm):#x}'
    cr3 = int(gdb.parse_and_eval('$cr3'))
    return cr3 & const('PTE_PFN_MASK'), f'CR3 {cr3:#x} (current_task->mm is NULL)'


def swap_entry(val):
    """'migration write (SWP_MIGRATION_WRITE)', pfn of a non-present entry."""
    kind = (val >> const('SWP_TYPE_SHIFT')) & const('SWP_TYPE_MASK')
    name = anon_enum_names('SWP_MIGRATION_READ').get(kind, f'type {kind}')
    words = name[4:].lower().split('_', 1) if name.startswith('SWP_') else [name, '']
    what = {'device': 'device-private'}.get(words[0], words[0])
    if len(words) > 1:
        what += ' ' + words[1].replace('_', '-')
    return f'{what} ({name})', (val & const('PTE_PFN_MASK')) >> const('PAGE_SHIFT')


def page_walk(addr, pgd_phys):
    """The walk as a list of dicts, one per level visited."""
    pfn_mask, page_shift = const('PTE_PFN_MASK'), const('PAGE_SHIFT')
    present, protnone, pse = const('_PAGE_PRESENT'), const('_PAGE_PROTNONE'), const('_PAGE_PSE')
    table = pgd_phys
    steps = []
    for depth, (level, shift_name) in enumerate(LEVELS):
        shift = const(shift_name)
        index = (addr >> shift) & 511
        val = read_phys_u64(table + 8 * index)
        step = {'level': level, 'index': index, 'val': val, 'target_pfn': None,
                'size': 1 << shift, 'leaf': True}
        steps.append(step)
        if val == 0:
            step['text'] = 'none (nothing mapped)'
            break
        if not val & present and not (depth >= 2 and val & protnone):
            what, pfn = swap_entry(val)
            step['text'] = f'not present: swap entry, {what}, pfn {pfn:#x}'
            step['target_pfn'] = pfn + ((addr & ((1 << shift) - 1)) >> page_shift)
            break
        bits = [name for macro, name in PTE_BITS if val & const(macro) and
                not (name == 'PS' and level == 'pte')]
        if not val & present:
            bits.insert(0, 'PROT_NONE (present only to the kernel)')
        pfn = (val & pfn_mask) >> page_shift
        step['text'] = f'{" ".join(bits)}  pfn {pfn:#x}'
        if level == 'pte' or (level in ('pud', 'pmd') and val & pse):
            step['target_pfn'] = pfn + ((addr & ((1 << shift) - 1)) >> page_shift)
            step['head_pfn'] = pfn
            break
        step['leaf'] = False
        step['text'] += '  -> next table'
        table = val & pfn_mask
    return steps


def size_name(size):
    return f'{size >> 30} GiB' if size >= 1 << 30 else (
        f'{size >> 20} MiB' if size >= 1 << 20 else f'{size >> 10} KiB')


# ---- the commands -------------------------------------------------------------

class MmCommand(gdb.Command):
    """Base: registers the subclass's name; argument splitting and errors as gdb errors."""

    def __init__(self):
        super().__init__(self.name, gdb.COMMAND_USER)

    def invoke(self, arg, from_tty):
        try:
            self.run(gdb.string_to_argv(arg))
        except gdb.MemoryError as e:
            raise gdb.GdbError(f'{self.__class__.name}: cannot read memory: {e}')


class MmWalk(MmCommand):
    """Walk the page tables for ADDR: mm-walk ADDR [MM]

Shows each of the four levels (pgd, pud, pmd, pte): the index, the raw
entry and what it means - present/rw/user/accessed/dirty/PS/nx and the pfn
it points to, or for a non-present entry the swap entry it holds (migration
read, write or read-exclusive; device-private read or write) and its pfn.
The walk stops at a leaf: a PS (huge) entry, a PTE, or a non-present entry;
then the folio the entry refers to is summarised.
MM is a struct mm_struct * expression; the default is current_task->mm
(mmlab's current), or CR3 when that is NULL.
Example: mm-walk addr     mm-walk 0x7f0000000000 m->vma->vm_mm"""
    name = 'mm-walk'

    def run(self, argv):
        if not 1 <= len(argv) <= 2:
            raise gdb.GdbError('usage: mm-walk ADDR [MM]')
        addr = int(value_of(argv[0])) & MASK64
        pgd_phys, source = default_pgd(argv[1] if len(argv) > 1 else None)
        print(f'mm-walk {addr:#x}: pgd at phys {pgd_phys:#x} from {source}')
        steps = page_walk(addr, pgd_phys)
        for s in steps:
            print(f'  {s["level"]}[{s["index"]:3}] {s["val"]:#018x}  {s["text"]}')
        last = steps[-1]
        if last['target_pfn'] is None:
            print(f'  -> {addr:#x} is not mapped')
            return
        kind = 'maps' if 'head_pfn' in last else 'refers to'
        size = size_name(last['size'])
        print(f'  -> {last["level"]} {kind} {size}; {addr:#x} is in pfn {last["target_pfn"]:#x}')
        if last['target_pfn'] < max_pfn():
            page = pfn_to_page(last['target_pfn'])
            print(f'     {folio_summary(compound_head(page))}')


class MmVmas(MmCommand):
    """List the VMAs of an address space: mm-vmas [MM]

One line per VMA, in address order: start-end, size, rwx as in
/proc/PID/maps, the VM_* flags by name, vm_pgoff, the anon_vma (the reverse
map's root for its anonymous folios), and shmem for MAP_SHARED memory.
MM is a struct mm_struct * expression; the default is current_task->mm."""
    name = 'mm-vmas'

    def run(self, argv):
        mm = mm_from_arg(argv[0] if argv else None)
        flags = [(n[3:].lower(), const(n)) for n in VM_FLAGS]
        print(f'mm {int(mm):#x}: {int(mm["map_count"])} VMAs, pgd {int(mm["pgd"]):#x}')
        for vma in list_for_each_entry(mm['mmap'], 'struct vm_area_struct', 'vm_list'):
            start, end, f = int(vma['vm_start']), int(vma['vm_end']), int(vma['vm_flags'])
            rwx = ''.join(c if f & const(n) else '-' for c, n in
                          (('r', 'VM_READ'), ('w', 'VM_WRITE'), ('x', 'VM_EXEC')))
            rwx += 's' if f & const('VM_MAYSHARE') else 'p'   # as show_map_vma()
            extra = []
            for label, field in (('[heap]', 'start_brk'), ('[stack]', 'start_stack')):
                if int(mm[field]) and start <= int(mm[field]) < end:
                    extra.append(label)
            if int(vma['vm_file']):
                extra.append(f'shmem file {int(vma["vm_file"]):#x}')
            print(f'  {start:#014x}-{end:#014x} {rwx} {size_name(end - start):>8}  '
                  f'flags {f:#x} ({"|".join(flag_names(f, flags))})  pgoff {int(vma["vm_pgoff"]):#x}'
                  f'  anon_vma {int(vma["anon_vma"]):#x} {" ".join(extra)}'.rstrip())


class MmPage(MmCommand):
    """Describe one page frame: mm-page PFN|ADDR

The argument is a pfn (below max_pfn), a struct page or folio pointer, or
an address: direct map (0xffff888...), kernel image (0xffffffff8...) or a
user address of current_task->mm (walked as mm-walk does).  Prints the
struct page (flags by name, refcount, mapcount, head page if it is a tail)
and then its folio as mm-folio does."""
    name = 'mm-page'

    def run(self, argv):
        if len(argv) != 1:
            raise gdb.GdbError('usage: mm-page PFN|ADDR')
        page = page_from_arg(argv[0])
        pfn = page_to_pfn(page)
        flags = int(page['flags'])
        head = compound_head(page)
        print(f'page {int(page):#x}: pfn {pfn:#x}, phys {pfn << const("PAGE_SHIFT"):#x}')
        print(f'  flags {flags:#x}: {"|".join(page_flags(flags)) or "none"}; refcount '
              f'{int(page["_refcount"]["counter"])}, mapcount {int(page["_mapcount"]["counter"]) + 1}')
        if int(head) != int(page):
            print(f'  tail page {pfn - page_to_pfn(head)} of the folio at pfn {page_to_pfn(head):#x}')
        for line in describe_folio(head):
            print(line)


class MmFolio(MmCommand):
    """Describe a folio: mm-folio EXPR

EXPR is a struct folio * or struct page * (a tail page gives its folio),
or anything mm-page accepts.  Prints the pfn, order and size, RAM or
device-private memory and the zone, the refcount and mapcount (for a large
folio also the entire (PMD) mapcount and the pages mapped by PTEs), the
PG_* flags by name (partially_mapped from the second page), the
deferred-split queue, and mapping/index (the anon_vma) or pgmap."""
    name = 'mm-folio'

    def run(self, argv):
        if len(argv) != 1:
            raise gdb.GdbError('usage: mm-folio EXPR')
        for line in describe_folio(compound_head(page_from_arg(argv[0]))):
            print(line)


class MmBuddyinfo(MmCommand):
    """Free blocks per order in each zone: mm-buddyinfo

Like /proc/buddyinfo: one line per zone (Normal, and each device's
ZONE_DEVICE zone), the number of free blocks of order 0 to MAX_PAGE_ORDER;
then the zone's free_pages, the pages the sum of the blocks gives (they
must be equal), and the pages on its per-CPU lists (not counted free)."""
    name = 'mm-buddyinfo'

    def run(self, argv):
        orders = int(gdb.parse_and_eval('NR_PAGE_ORDERS'))
        print(f'{"":22}' + ''.join(f'{o:>7}' for o in range(orders)))
        for z in zones():
            if not int(z['spanned_pages']):
                print(f'Node 0, zone {c_string(z["name"], "(unnamed)"):>8}  not set up yet')
                continue
            counts = [int(z['free_area'][o]['nr_free']) for o in range(orders)]
            print(f'Node 0, zone {c_string(z["name"]):>8} ' + ''.join(f'{c:>7}' for c in counts))
            total = sum(c << o for o, c in enumerate(counts))
            free = int(z['free_pages'])
            pcp = int(z['per_cpu_pageset']['count']) if int(z['per_cpu_pageset']) else 0
            print(f'    free_pages {free}, sum of blocks {total} '
                  f'({"consistent" if total == free else "INCONSISTENT"}), per-CPU lists {pcp},'
                  f' managed {int(z["managed_pages"])}, spanned {int(z["spanned_pages"])}'
                  f' from pfn {int(z["zone_start_pfn"]):#x}')


def migrate_runs(entries, shift, flags):
    """Collapses runs of equal entries, or of consecutive pfns with the same
    flags, into one line each."""
    mask = (1 << shift) - 1
    lines, i = [], 0

    def text(e):
        if e == 0:
            return '0 (empty)'
        names = [n[12:] for n, bit in flags if e & bit]
        unknown = e & mask & ~sum(bit for _, bit in flags)
        if unknown:
            names.append(f'{unknown:#x}')
        return f'pfn {e >> shift:#x} {"|".join(names)}'

    while i < len(entries):
        j, step = i + 1, None
        while j < len(entries) and (entries[j] & mask) == (entries[i] & mask):
            d = (entries[j] >> shift) - (entries[j - 1] >> shift)
            if entries[i] == 0 and entries[j] != 0:
                break
            if step is None and d in (0, 1) and entries[i] != 0:
                step = d
            if entries[i] != 0 and d != step:
                break
            j += 1
        n = j - i
        if n == 1:
            lines.append(f'[{i}] {entries[i]:#x} {text(entries[i])}')
        elif step == 1:
            lines.append(f'[{i}..{j - 1}] pfn {entries[i] >> shift:#x}..{entries[j - 1] >> shift:#x}'
                         f' {text(entries[i]).split(" ", 2)[2]} ({n} entries, pfn +1 each)')
        else:
            lines.append(f'[{i}..{j - 1}] {entries[i]:#x} {text(entries[i])} ({n} times)')
        i = j
    return lines


class MmMigrate(MmCommand):
    """Decode a struct migrate_vma: mm-migrate EXPR [all]

EXPR is a struct migrate_vma * (or the struct).  Prints the VMA and range,
npages, cpages, the MIGRATE_VMA_SELECT_* flags, pgmap_owner and fault_page,
then src[] and dst[] entry by entry: pfn and MIGRATE_PFN_* flags by name
(VALID, MIGRATE, WRITE, COMPOUND).  Runs of equal entries, and of
consecutive pfns with the same flags, are collapsed into one line; at most
32 lines per array unless 'all' is given.
Example (in migrate_vma_split_unmapped_folio): mm-migrate m"""
    name = 'mm-migrate'

    def run(self, argv):
        if not 1 <= len(argv) <= 2:
            raise gdb.GdbError('usage: mm-migrate EXPR [all]')
        m = value_of(argv[0])
        if m.type.strip_typedefs().code != gdb.TYPE_CODE_PTR:
            m = m.address
        m = m.cast(gdb.lookup_type('struct migrate_vma').pointer())
        npages, shift = int(m['npages']), const('MIGRATE_PFN_SHIFT')
        sel = enum_names('enum migrate_vma_direction')
        f = int(m['flags'])
        vma = m['vma']
        print(f'migrate_vma {int(m):#x}: [{int(m["start"]):#x}, {int(m["end"]):#x}) of vma '
              f'{int(vma):#x}, npages {npages}, cpages {int(m["cpages"])}')
        print(f'  flags {f:#x} ({"|".join(n for v, n in sorted(sel.items()) if f & v) or "none"}),'
              f' pgmap_owner {int(m["pgmap_owner"]):#x}, fault_page {int(m["fault_page"]):#x}')
        flags = [(n, const(n)) for n in MIGRATE_PFN_FLAGS]
        limit = None if len(argv) > 1 and argv[1] == 'all' else 32
        for name in ('src', 'dst'):
            if not int(m[name]):
                print(f'  {name}[]: NULL')
                continue
            lines = migrate_runs(read_u64s(int(m[name]), npages), shift, flags)
            print(f'  {name}[] at {int(m[name]):#x}:')
            for line in lines[:limit]:
                print(f'    {line}')
            if limit and len(lines) > limit:
                print(f'    ... {len(lines) - limit} more lines (mm-migrate {argv[0]} all)')


class MmVmstat(MmCommand):
    """The vm counters by name: mm-vmstat [PREFIX]

As /proc/vmstat: the node counters (nr_anon_pages, ...) from
vm_node_stat[], then every event counter from vm_events[], named by the
kernel's vm_event_names[]; with PREFIX only those whose name starts with
it (mm-vmstat thp_migration)."""
    name = 'mm-vmstat'

    def run(self, argv):
        prefix = argv[0] if argv else ''
        n = int(gdb.parse_and_eval('NR_VM_NODE_STAT_ITEMS'))
        try:
            names = string_table('node_stat_names', n, 'mm/vmstat.c')
        except gdb.error:
            names = [v.lower() for _, v in sorted(enum_names('enum node_stat_item').items())][:n]
        stat = var('vm_node_stat')
        counters = [(names[i], int(stat[i])) for i in range(n)]
        n = int(gdb.parse_and_eval('NR_VM_EVENT_ITEMS'))
        events = var('vm_events')
        counters += [(name, int(events[i]))
                     for i, name in enumerate(string_table('vm_event_names', n))]
        for name, count in counters:
            if name.startswith(prefix):
                print(f'{name} {count}')


class MmDmesg(MmCommand):
    """The kernel log: mm-dmesg [N]

Prints what printk wrote to the ring log_buf (kernel/log_buf.c) - all of
it that the ring still holds, or its last N lines."""
    name = 'mm-dmesg'

    def run(self, argv):
        buf = var('log_buf')
        size = buf.type.sizeof
        nxt = int(var('log_next'))
        start = max(0, nxt - size)
        data = bytes(gdb.selected_inferior().read_memory(int(buf.address), size))
        text = bytes(data[i % size] for i in range(start, nxt)).decode('utf-8', 'replace')
        lines = text.splitlines()
        if argv:
            lines = lines[-int(argv[0]):]
        for line in lines:
            print(line)


for command in (MmWalk, MmVmas, MmPage, MmFolio, MmBuddyinfo, MmMigrate, MmVmstat, MmDmesg):
    command()
