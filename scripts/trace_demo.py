#!/usr/bin/env python3
"""scripts/trace_demo.py - `make trace-demo`, and its check in `make test`.

Boots the kernel with the migration demo and tracing on
(`demo=migrate trace_event=all trace_dump`), keeps the dumped trace as
build/migration.trace and draws it with trace2svg.py as build/migration.svg.
The check (trace_demo_check) passes when the SVG exists and shows the
mid-migration split by name, the region PMD-mapped by a device-private THP,
and the region PTE-mapped with pages on the device.
"""
import argparse
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import accel as accel_probe  # noqa: E402
import trace2svg  # noqa: E402

CMDLINE = 'demo=migrate trace_event=all trace_dump init=/bin/echo trace-demo done'
MUST_SHOW = ['split: migrate_vma_split_unmapped_folio', 'PMD: a device-private THP',
             'PTE-mapped: 0 pages in RAM, 512 on the device', 'PMD: a THP in RAM']


def trace_demo(kernel, build, mem, accel=None):
    """Boots, writes the trace and the SVG; returns (svg path, svg text, why not)."""
    import run_tests		# here: run_tests imports this module
    iso = os.path.join(build, 'trace-demo.iso')
    run_tests.make_iso(kernel, iso, CMDLINE)
    accel = accel or accel_probe.choose(iso, os.path.join(build, 'accel'))
    run = run_tests.QemuRun(iso, accel, mem, 120, os.path.join(build, 'trace-demo-serial.log'))
    text = '\n'.join(line.rstrip('\r\n') for line in run.lines)
    start, end = text.find('trace: dump of'), text.find('trace: dump ends')
    if start < 0 or end < 0:
        return None, '', 'no trace dump on the console'
    trace = text[start:end]
    with open(os.path.join(build, 'migration.trace'), 'w') as f:
        f.write(trace)
    events = trace2svg.parse(trace)
    if not events:
        return None, '', 'the dump has no events'
    svg = trace2svg.render(events, 'mmlab: a THP migrated to the device and back')
    path = os.path.join(build, 'migration.svg')
    with open(path, 'w') as f:
        f.write(svg)
    return path, svg, None


def trace_demo_check(kernel, build, mem):
    """One check for `make test`: (passed, failed)."""
    path, svg, why = trace_demo(kernel, build, mem, 'tcg')
    missing = [m for m in MUST_SHOW if m not in svg]
    if why or missing:
        print(f'FAIL trace demo: {why or "the SVG does not show " + repr(missing)}')
        return 0, 1
    print(f'ok trace demo: {path} shows the split by name and the region PMD- and '
          f'PTE-mapped, in RAM and on the device')
    return 1, 0


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--kernel', required=True)
    ap.add_argument('--mem', default='1G')
    args = ap.parse_args()
    build = os.path.dirname(args.kernel)
    path, _, why = trace_demo(args.kernel, build, args.mem)
    if why:
        print(f'trace-demo: {why}', file=sys.stderr)
        return 1
    print(f'trace-demo: wrote {os.path.join(build, "migration.trace")} and {path}')
    return 0


if __name__ == '__main__':
    sys.exit(main())
