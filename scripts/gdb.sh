#!/bin/sh
# scripts/gdb.sh KERNEL ISO [QEMU ARGS...] - boot paused, attach GDB.
#
# QEMU starts frozen (-S) with a GDB stub on 127.0.0.1 (never on all
# interfaces: the stub runs anything it is told).  GDB loads the kernel's
# symbols, runs scripts/gdb/mmlab.gdb (explicitly, so no auto-load
# safe-path setting is needed), connects and stops at kernel_main.  The
# kernel's serial output goes to build/gdb-serial.log: watch it with
# `tail -f build/gdb-serial.log` in another terminal.  GDB_WAIT=1 (make
# qemu-gdb): start only QEMU, print how to attach, wait for it to end.
kernel=$1 iso=$2
shift 2
. "$(dirname "$0")/accel.sh"
port=${GDBPORT:-$((25000 + $(id -u) % 5000))}
log=$(dirname "$kernel")/gdb-serial.log
qemu-system-x86_64 -accel "$ACCEL" -cpu "$QEMU_CPU" -cdrom "$iso" -display none \
	-serial "file:$log" -monitor none -no-reboot \
	-device isa-debug-exit,iobase=0xf4,iosize=0x04 \
	-S -gdb "tcp:127.0.0.1:$port" "$@" &
qemu=$!
trap 'kill $qemu 2>/dev/null' EXIT INT TERM
echo "mmlab: QEMU ($ACCEL) paused, GDB stub on 127.0.0.1:$port; serial output in $log" >&2
if [ "${GDB_WAIT:-}" = 1 ]; then	# make qemu-gdb: the debugger comes from elsewhere
	echo "mmlab: attach from another terminal or an IDE:" >&2
	echo "    gdb $kernel -x scripts/gdb/mmlab.gdb -ex 'mmlab-connect $port'" >&2
	wait $qemu
	exit
fi
gdb -q "$kernel" -x scripts/gdb/mmlab.gdb -ex "mmlab-connect $port"
