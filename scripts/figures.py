#!/usr/bin/env python3
"""scripts/figures.py - draws the figures of docs/figures/ (SVG, by hand).

The four ideas the docs keep coming back to: the four-level page-table
walk, a THP split (one PMD becomes 512 PTEs), the migrate_vma state
machine, and the device-private entry.  Each is drawn from the constants
and names in the sources (PAGE_SHIFT 12, 9 bits per level, the swap entry
layout of include/mm/swapops.h), so a reader can check the picture against
the code.  `python3 scripts/figures.py` rewrites docs/figures/*.svg; `make
test` checks they are up to date (--check).  Standard library only.
"""
import html
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, 'docs', 'figures')
BLUE, PURPLE, GREEN, ORANGE, GREY, RED = '#4c9be8', '#9467bd', '#2ca02c', '#ff7f0e', '#dddddd', '#d62728'


class Fig:
    def __init__(self, w, h, title):
        self.w, self.h, self.parts = w, h, []
        self.text(12, 22, title, 15, weight='bold')

    def text(self, x, y, s, size=12, anchor='start', color='#222', weight='normal', mono=False):
        fam = ' font-family="monospace"' if mono else ''
        self.parts.append(f'<text x="{x}" y="{y}" font-size="{size}" text-anchor="{anchor}" '
                          f'fill="{color}" font-weight="{weight}"{fam}>{html.escape(s)}</text>')

    def box(self, x, y, w, h, fill='#fff', label=None, size=12, stroke='#333', color='#222'):
        self.parts.append(f'<rect x="{x}" y="{y}" width="{w}" height="{h}" fill="{fill}" '
                          f'stroke="{stroke}" rx="3"/>')
        if label:
            for k, part in enumerate(label.split('\n')):
                self.text(x + w / 2, y + h / 2 + 4 + (k - (label.count('\n')) / 2) * (size + 2),
                          part, size, 'middle', color)

    def arrow(self, x1, y1, x2, y2, color='#333', label=None, dash=False):
        d = ' stroke-dasharray="4,3"' if dash else ''
        self.parts.append(f'<line x1="{x1}" y1="{y1}" x2="{x2}" y2="{y2}" stroke="{color}" '
                          f'stroke-width="1.4" marker-end="url(#arrow)"{d}/>')
        if label:
            self.text((x1 + x2) / 2 + 4, (y1 + y2) / 2 - 4, label, 11, color=color)

    def svg(self):
        return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{self.w}" height="{self.h}" '
                f'viewBox="0 0 {self.w} {self.h}" font-family="sans-serif">\n'
                '<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" '
                'markerHeight="7" orient="auto"><path d="M0,0 L10,5 L0,10 z" fill="#333"/>'
                '</marker></defs>\n<rect width="100%" height="100%" fill="white"/>\n'
                + '\n'.join(self.parts) + '\n</svg>\n')


def page_walk():
    f = Fig(900, 320, 'The four-level walk of a user address (x86-64, 4 KiB pages): '
            'mm_find_mapping(), dump_pagetable(), mm-walk')
    fields = [('PGD index', 39, BLUE), ('PUD index', 30, GREEN), ('PMD index', 21, ORANGE),
              ('PTE index', 12, PURPLE), ('offset', 0, GREY)]
    x = 40
    for name, shift, color in fields:
        w = 120 if shift else 150
        f.box(x, 45, w, 34, color, f'{name}\nbits {shift + (8 if shift else 11)}..{shift}',
              11, color='#fff' if shift else '#222')
        x += w + 6
    f.text(40, 100, 'virtual address (bits 63..48 copy bit 47)', 11, color='#555')
    levels = [('mm->pgd (CR3)\nPML4: 512 entries', BLUE), ('PUD table', GREEN),
              ('PMD table', ORANGE), ('PTE table', PURPLE), ('4 KiB page', GREY)]
    for k, (label, color) in enumerate(levels):
        x = 40 + k * 170
        f.box(x, 140, 140, 120 if k < 4 else 60, '#fafafa', None)
        f.text(x + 70, 158, label.split('\n')[0], 12, 'middle', weight='bold')
        if '\n' in label:
            f.text(x + 70, 174, label.split('\n')[1], 11, 'middle', color='#555')
        if k < 4:
            f.box(x + 10, 200, 120, 24, color, 'entry [index]', 11, color='#fff')
            f.arrow(x + 130, 212, x + 170, 180 if k < 3 else 170)
    f.text(40, 284, 'Each entry: present (bit 0), rw (1), user (2), accessed (5), dirty (6), '
           'PS (7), NX (63), and the pfn of the next table or of the page (bits 51..12).', 11)
    f.text(40, 300, 'A PMD with PS set ends the walk there: it maps a 2 MiB page (a THP), and '
           'bits 20..0 of the address are the offset in it.', 11)
    return f


def thp_split():
    f = Fig(900, 315, 'A THP split: __split_huge_pmd_locked() turns one PMD into 512 PTEs')
    f.text(40, 60, 'before', 13, weight='bold')
    f.box(40, 70, 150, 40, ORANGE, 'PMD: PS, pfn P', 12, color='#fff')
    f.arrow(190, 90, 300, 90)
    f.box(300, 70, 560, 40, BLUE, 'folio of order 9: pages P .. P+511 (2 MiB), entire_mapcount 1',
          12, color='#fff')
    f.text(40, 160, 'after', 13, weight='bold')
    f.box(40, 170, 150, 40, ORANGE, 'PMD: table T', 12, color='#fff')
    f.arrow(190, 190, 230, 190)
    for i in range(8):
        f.box(230 + i * 30, 175, 26, 30, PURPLE, None)
    f.text(475, 194, '... 512 PTEs (table T: the deposited page table)', 11)
    for i in range(8):
        f.arrow(243 + i * 30, 205, 313 + i * 66, 240)
        f.box(300 + i * 66, 240, 60, 26, BLUE, f'P+{i}' if i < 7 else '...', 11, color='#fff')
    f.text(40, 284, 'Each PTE maps its page with the PMD\'s rights (a migration or device-private '
           'PMD entry becomes 512 such PTE entries).', 11)
    f.text(40, 300, 'The folio stays one order-9 folio - 512 PTE mapcounts, refcount +511 - '
           'until split_folio() splits it.', 11)
    return f


def migrate_states():
    f = Fig(900, 330, 'The migrate_vma state machine: what the core does, what the driver does')
    steps = [('migrate_vma_setup()', 'collect: src[] from the page tables\n'
              'unmap: migration entries', GREEN),
             ('driver', 'allocates dst[] pages,\ncopies the data', ORANGE),
             ('migrate_vma_pages()', 'src -> dst in the\nmapping (rmap, refs)', GREEN),
             ('driver', 'its page table\n(dmirror: the mirror)', ORANGE),
             ('migrate_vma_finalize()', 'migration entries -> dst\n(or back to src); unlock, put',
              GREEN)]
    for k, (name, what, color) in enumerate(steps):
        x = 20 + k * 176
        f.box(x, 60, 160, 34, color, name, 12, color='#fff')
        f.text(x + 80, 115, what.split('\n')[0], 11, 'middle')
        f.text(x + 80, 130, what.split('\n')[1], 11, 'middle')
        if k < 4:
            f.arrow(x + 160, 77, x + 176, 77)
    f.box(196, 170, 508, 60, '#fff0f0', None, stroke=RED)
    f.text(450, 192, 'destination has no 2 MiB page for a COMPOUND src entry:', 12, 'middle',
           color=RED, weight='bold')
    f.text(450, 212, 'migrate_vma_split_unmapped_folio(): PMD migration entry -> 512 PTE ones,',
           11, 'middle')
    f.text(450, 226, 'folio split to order 0, src[idx..idx+511] rewritten as 512 small entries',
           11, 'middle')
    f.arrow(450, 130, 450, 170, RED, dash=True)
    f.text(20, 270, 'src[i] / dst[i]: pfn << 6 | flags - VALID (bit 0), MIGRATE (1), WRITE (3), '
           'COMPOUND (4: a whole 2 MiB folio, the next 511 entries 0).', 11)
    f.text(20, 288, 'cpages counts entries: a COMPOUND one once. A page that fails at any step '
           'loses MIGRATE and finalize maps the old page again: nothing is lost.', 11)
    return f


def device_entry():
    f = Fig(900, 306, 'A device-private entry: not present to the CPU, a pfn of device memory')
    bits = [('pfn of the device page (bits 51..12)', 520, PURPLE), ('...', 150, GREY),
            ('type (5..1)', 110, ORANGE), ('P=0', 60, RED)]
    x = 40
    for name, w, color in bits:
        f.box(x, 50, w, 36, color, name, 11, color='#fff' if color != GREY else '#222')
        x += w
    f.text(40, 110, 'swp_entry(type, pfn) = pfn << 12 | type << 1 with bit 0 (present) clear '
           '(include/mm/swapops.h). Types:', 11)
    types = ['1 migration read', '2 migration write', '3 device-private read',
             '4 device-private write', '5 migration read-exclusive']
    for k, t in enumerate(types):
        f.box(40 + k * 168, 122, 160, 28, PURPLE if 'device' in t else ORANGE, t, 11,
              color='#fff')
    f.box(40, 180, 230, 40, '#fafafa', 'CPU access: page fault', 12)
    f.arrow(270, 200, 330, 200)
    f.box(330, 180, 250, 40, '#fafafa', 'do_swap_page() (mmlab: device_private_\nmigrate_to_ram()) -> migrate_to_ram()', 11)
    f.arrow(580, 200, 640, 200)
    f.box(640, 180, 220, 40, '#fafafa', 'driver migrates it back to RAM;\nthe access is retried', 11)
    f.text(40, 250, 'The device sees its own pages through its page table (dmirror\'s mirror); '
           'hmm_range_fault() reports them without faulting when the owner matches.', 11)
    f.text(40, 268, 'A PMD can hold the same entry for a whole device THP '
           '(is_pmd_device_private_entry()).', 11)
    f.text(40, 286, 'mmlab\'s layout. Linux x86-64 (__swp_entry): type in bits 63..59, the offset '
           'inverted in 58..9, types after MAX_SWAPFILES (24..28 in 6.12).', 11, color='#555')
    return f


FIGURES = {'page-walk.svg': page_walk, 'thp-split.svg': thp_split,
           'migrate-vma-states.svg': migrate_states, 'device-private-entry.svg': device_entry}


def main(argv=None):
    check = '--check' in (sys.argv[1:] if argv is None else argv)
    os.makedirs(OUT, exist_ok=True)
    stale = []
    for name, draw in FIGURES.items():
        svg = draw().svg()
        path = os.path.join(OUT, name)
        old = open(path).read() if os.path.exists(path) else None
        if check:
            if old != svg:
                stale.append(name)
        elif old != svg:
            with open(path, 'w') as fh:
                fh.write(svg)
            print(f'figures: wrote docs/figures/{name}')
    if stale:
        print(f'figures: out of date: {", ".join(stale)} (run python3 scripts/figures.py)')
        return 1
    return 0


if __name__ == '__main__':
    sys.exit(main())
