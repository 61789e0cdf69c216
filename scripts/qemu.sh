#!/bin/sh
# scripts/qemu.sh ISO [QEMU ARGS...] - boot an mmlab ISO with the serial
# console on this terminal.  Uses KVM when /dev/kvm is usable, TCG (pure
# emulation) otherwise; ACCEL=kvm|tcg overrides.  Ctrl-A x quits QEMU.
# When mmlab ends QEMU itself (process 1 exited: isa-debug-exit makes QEMU
# exit with 2 * N + 1), this script exits with N: init's exit code up to
# 126, 127 for more or for a signal.  Ctrl-A x gives 0.
iso=$1
shift
. "$(dirname "$0")/accel.sh"
echo "mmlab: QEMU ($ACCEL acceleration), serial console follows. Ctrl-A x quits, Ctrl-A c is the QEMU monitor." >&2
qemu-system-x86_64 -accel "$ACCEL" -cpu "$QEMU_CPU" -cdrom "$iso" \
	-display none -serial mon:stdio -no-reboot \
	-device isa-debug-exit,iobase=0xf4,iosize=0x04 "$@"
status=$?
[ $((status % 2)) -eq 1 ] && exit $(((status - 1) / 2))
exit $status
