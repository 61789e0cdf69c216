# scripts/gdb/mmlab.gdb - GDB setup for mmlab (loaded with -x by `make gdb`).
#
#   mmlab-connect PORT   attach to QEMU's stub and stop at kernel_main
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

echo mmlab: gdb helpers loaded (mmlab-connect).\n

source scripts/gdb/mmlab.py
echo mmlab: mm-* commands loaded (help mm-walk, mm-vmas, mm-page, mm-folio, mm-buddyinfo, mm-migrate, mm-vmstat, mm-dmesg).\n
