# scripts/gdb/mmlab.gdb - GDB setup for mmlab (loaded with -x by `make gdb`).
#
#   mmlab-connect PORT   attach to QEMU's stub and stop at kernel_main
#
#   mm-walk, mm-vmas, mm-page, mm-folio, mm-buddyinfo, mm-migrate, mm-vmstat,
#   mm-dmesg             decode the mm (scripts/gdb/mmlab.py; help mm-walk ...)
#
# Hardware breakpoints (hbreak) are used for the first stop: they work
# under KVM too, and before the kernel's pages are mapped.

set pagination off
set confirm off
set print pretty on

define mmlab-connect
  target remote 127.0.0.1:$arg0
  hbreak kernel_main
  continue
  delete
end
document mmlab-connect
Connect to QEMU's GDB stub on 127.0.0.1:PORT and run to kernel_main.
end

# mmlab.py: found from the current directory (the repository's top, as make
# runs it) or next to the kernel's build directory (gdb build/kernel.elf -x ...).
python
import os
_mmlab_py = [p for p in ('scripts/gdb/mmlab.py',
                         os.path.join(os.path.dirname(gdb.current_progspace().filename or '.'),
                                      '..', 'scripts', 'gdb', 'mmlab.py'))
             if os.path.exists(p)]
if _mmlab_py:
    gdb.execute('source ' + _mmlab_py[0])
else:
    print('mmlab: scripts/gdb/mmlab.py not found: run gdb from the repository top')
end

echo mmlab: gdb helpers loaded (mmlab-connect; mm-*: help user-defined).\n
