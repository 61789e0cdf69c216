#!/usr/bin/env python3
"""scripts/trace2svg.py - draw an mmlab trace as an SVG picture.

Reads the text of /sys/kernel/tracing/trace, or a console log with a
`trace_dump` in it (lines "comm-pid [cpu] secs: event: key=value ..."),
and draws:
  - the timeline of the migration steps: one lane each for migrate_vma
    (setup .. pages .. finalize as a box), splits (the mid-migration split
    in red, named by the function that does it), faults, the PMD
    migration entries, and the buddy allocator's activity between them;
  - the 2 MiB region's page table at each mm_pgtable_region snapshot:
    PMD-mapped (a THP in RAM, or a device-private THP) or PTE-mapped, with
    how many of its 512 pages are in RAM and how many on the device.

Usage: trace2svg.py TRACE [-o OUT.svg] [--title TEXT].  Standard library only.
"""
import argparse
import html
import re
import sys

LINE = re.compile(r'(\S+)-(\d+)\s+\[(\d+)\]\s+(\d+\.\d+): (\w+): (.*)$')

LANES = [
    ('migrate_vma', ('mm_migrate_vma_setup', 'mm_migrate_vma_pages', 'mm_migrate_vma_finalize')),
    ('split', ('mm_migrate_vma_split', 'split_huge_page', 'split_huge_pmd')),
    ('fault', ('thp_fault_alloc', 'mm_migrate_to_ram')),
    ('PMD entry', ('set_migration_pmd', 'remove_migration_pmd')),
]
BUDDY = ('mm_page_alloc', 'mm_page_free', 'mm_buddy_split', 'mm_buddy_merge')
COLOR = {
    'mm_migrate_vma_split': '#d62728', 'split_huge_page': '#ff7f0e', 'split_huge_pmd': '#ff7f0e',
    'thp_fault_alloc': '#1f77b4', 'mm_migrate_to_ram': '#17becf',
    'set_migration_pmd': '#8c564b', 'remove_migration_pmd': '#8c564b',
    'mm_migrate_vma_setup': '#2ca02c', 'mm_migrate_vma_pages': '#2ca02c',
    'mm_migrate_vma_finalize': '#2ca02c',
}
RAM, DEVICE, NONE = '#4c9be8', '#9467bd', '#dddddd'


def parse(text):
    """The events, in order: dicts with time, name and the key=value fields."""
    events = []
    for line in text.splitlines():
        m = LINE.search(line)
        if not m:
            continue
        fields = dict(kv.split('=', 1) for kv in m.group(6).split() if '=' in kv)
        events.append({'t': float(m.group(4)), 'name': m.group(5), 'f': fields})
    return events


def esc(s):
    return html.escape(str(s), quote=True)


class Svg:
    def __init__(self, width):
        self.width, self.parts = width, []

    def add(self, s):
        self.parts.append(s)

    def text(self, x, y, s, size=12, anchor='start', color='#222', weight='normal'):
        self.add(f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" text-anchor="{anchor}" '
                 f'fill="{color}" font-weight="{weight}">{esc(s)}</text>')

    def rect(self, x, y, w, h, fill, title=None, stroke='none'):
        t = f'<title>{esc(title)}</title>' if title else ''
        self.add(f'<rect x="{x:.1f}" y="{y:.1f}" width="{max(w, 0.5):.1f}" height="{h:.1f}" '
                 f'fill="{fill}" stroke="{stroke}">{t}</rect>')

    def line(self, x1, y1, x2, y2, color='#999', dash=None):
        d = f' stroke-dasharray="{dash}"' if dash else ''
        self.add(f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" '
                 f'stroke="{color}"{d}/>')

    def render(self, height):
        return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{self.width}" '
                f'height="{height}" viewBox="0 0 {self.width} {height}" '
                f'font-family="sans-serif">\n<rect width="100%" height="100%" fill="white"/>\n'
                + '\n'.join(self.parts) + '\n</svg>\n')


def key_events(events):
    """The events the timeline places one per column, and buddy counts between them."""
    keys, buddy = [], 0
    lane_of = {name: i for i, (_, names) in enumerate(LANES) for name in names}
    for e in events:
        if e['name'] in BUDDY:
            buddy += 1
        elif e['name'] in lane_of or e['name'] == 'mm_pgtable_region':
            # the allocator's work before the first step is the boot's, not the demo's
            keys.append((e, lane_of.get(e['name']), buddy if keys else 0))
            buddy = 0
    return keys


def draw_timeline(svg, keys, top, left, right):
    col = (right - left) / max(len(keys), 1)
    lane_h = 34
    for i, (label, _) in enumerate(LANES + [('buddy allocator', ())]):
        y = top + i * lane_h
        svg.rect(left, y, right - left, lane_h - 4, '#f6f6f6')
        svg.text(left - 8, y + lane_h / 2 + 2, label, anchor='end')
    buddy_y = top + len(LANES) * lane_h
    max_buddy = max([b for _, _, b in keys] + [1])
    setup_x = None
    snapshots = []
    for k, (e, lane, buddy) in enumerate(keys):
        x = left + k * col
        if buddy:
            h = (lane_h - 6) * buddy / max_buddy
            svg.rect(x - col * 0.4, buddy_y + lane_h - 4 - h, col * 0.8, h, '#bbbbbb',
                     f'{buddy} page allocations, frees, splits and merges')
        if e['name'] == 'mm_pgtable_region':
            snapshots.append((len(snapshots) + 1, x, e))
            svg.line(x, top - 6, x, buddy_y + lane_h, '#bbb', '3,3')
            svg.text(x, top - 9, f'#{len(snapshots)}', size=10, anchor='middle', color='#777')
            continue
        y = top + lane * lane_h
        name = e['name']
        if name == 'mm_migrate_vma_setup':
            setup_x = x
        if name == 'mm_migrate_vma_finalize' and setup_x is not None:
            svg.rect(setup_x, y + 4, x - setup_x, lane_h - 12, '#d8f0d8',
                     f'migrate_vma_setup .. finalize, start {e["f"].get("start")}',
                     stroke='#2ca02c')
            setup_x = None
        svg.rect(x - 3, y + 2, 6, lane_h - 8, COLOR.get(name, '#555'),
                 f'{e["t"]:.6f} s {name} ' + ' '.join(f'{a}={b}' for a, b in e['f'].items()))
        if name == 'mm_migrate_vma_split':
            svg.text(x + 6, y + lane_h - 10, 'split: migrate_vma_split_unmapped_folio',
                     size=11, color=COLOR[name], weight='bold')
        elif name == 'mm_migrate_vma_setup':
            svg.text(x + 5, y + 14, f'cpages {e["f"].get("cpages")}', size=9, color='#2ca02c')
    return snapshots, top + (len(LANES) + 1) * lane_h


def region_words(f):
    ram, dev = int(f.get('ram', 0)), int(f.get('device', 0))
    if f.get('pmd_mapped') == '1':
        return 'PMD: a device-private THP' if dev else 'PMD: a THP in RAM'
    return f'PTE-mapped: {ram} pages in RAM, {dev} on the device'


def draw_regions(svg, snapshots, top, left, right):
    svg.text(left - 8, top, 'the 2 MiB region at each snapshot', anchor='start', weight='bold')
    row_h = 30
    for i, (n, _, e) in enumerate(snapshots):
        y = top + 12 + i * row_h
        f = e['f']
        ram, dev = int(f.get('ram', 0)), int(f.get('device', 0))
        width = right - left
        svg.text(left - 8, y + 15, f'#{n} {e["t"]:.6f} s', anchor='end', size=11)
        if f.get('pmd_mapped') == '1':
            svg.rect(left, y, width, row_h - 8, DEVICE if dev else RAM, region_words(f),
                     stroke='#333')
        else:
            x = left
            for count, color in ((ram, RAM), (dev, DEVICE), (512 - ram - dev, NONE)):
                w = width * count / 512
                svg.rect(x, y, w, row_h - 8, color, f'{count} pages')
                x += w
            for k in range(1, 16):		# PTE-mapped: show the 4 KiB grain
                svg.line(left + width * k / 16, y, left + width * k / 16, y + row_h - 8, '#fff')
        svg.text(left + 6, y + 15, f'{f.get("addr")}  {region_words(f)}', size=11, color='#fff'
                 if (f.get('pmd_mapped') == '1' or ram + dev > 256) else '#222')
    legend_y = top + 16 + len(snapshots) * row_h
    for k, (label, color) in enumerate((('RAM', RAM), ('device-private', DEVICE),
                                        ('not mapped', NONE))):
        svg.rect(left + k * 150, legend_y, 14, 14, color)
        svg.text(left + k * 150 + 20, legend_y + 12, label, size=11)
    return legend_y + 30


def render(events, title):
    width, left, right = 1100, 150, 1080
    svg = Svg(width)
    keys = key_events(events)
    span = (keys[-1][0]['t'] - keys[0][0]['t']) * 1000 if keys else 0
    svg.text(left - 140, 24, title, size=16, weight='bold')
    svg.text(left - 140, 42, f'{len(keys)} steps over {span:.2f} ms; each column one '
             'migration step (columns are in order, not to scale in time); dashed lines '
             'are page-table snapshots', size=11, color='#555')
    snapshots, bottom = draw_timeline(svg, keys, 70, left, right)
    bottom = draw_regions(svg, snapshots, bottom + 30, left, right)
    return svg.render(int(bottom))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('trace')
    ap.add_argument('-o', '--out', default='-')
    ap.add_argument('--title', default='mmlab: a THP migrated to the device and back')
    args = ap.parse_args()
    with open(args.trace, errors='replace') as f:
        events = parse(f.read())
    if not events:
        print(f'trace2svg: no trace events in {args.trace}', file=sys.stderr)
        return 1
    out = render(events, args.title)
    if args.out == '-':
        sys.stdout.write(out)
    else:
        with open(args.out, 'w') as f:
            f.write(out)
    return 0


if __name__ == '__main__':
    sys.exit(main())
