#!/bin/sh
# scripts/mkiso.sh KERNEL ISO "COMMAND LINE" [INITRAMFS] - make a GRUB
# (multiboot2) boot ISO.
#
# grub-mkrescue (with xorriso) builds a BIOS-bootable CD image whose
# grub.cfg boots KERNEL at once (timeout 0) with the given command line.
# INITRAMFS (default: initramfs.cpio next to KERNEL, if there is one) goes
# in as /boot/initramfs.cpio, which GRUB loads as a multiboot2 module named
# "initramfs" (kernel/multiboot.c finds it); without one the kernel boots
# with an empty root file system.
# -d /usr/lib/grub/i386-pc keeps it BIOS-only, which is what QEMU's
# SeaBIOS boots, even if EFI GRUB modules are installed.
# MKISO_LOADER=multiboot makes GRUB use the old multiboot (v1) protocol,
# which mmlab refuses with a message (the runner tests that).
set -e
kernel=$1 iso=$2 cmdline=$3 initramfs=${4:-$(dirname "$1")/initramfs.cpio}
[ -f "$kernel" ] || { echo "mkiso: no kernel at $kernel" >&2; exit 1; }
[ $# -lt 4 ] || [ -f "$initramfs" ] || { echo "mkiso: no initramfs at $initramfs" >&2; exit 1; }
dir=$(mktemp -d "${TMPDIR:-/tmp}/mmlab-iso.XXXXXX")
log=$(mktemp "${TMPDIR:-/tmp}/mmlab-iso-log.XXXXXX")
trap 'rm -rf "$dir" "$log"' EXIT
mkdir -p "$dir/boot/grub"
# Without debug info (GDB reads build/kernel.elf): where GRUB puts the
# initramfs depends on the file's size, and debug info holds the build's
# path - a boot's addresses would differ from one checkout to the next.
${OBJCOPY:-objcopy} --strip-debug "$kernel" "$dir/boot/kernel.elf"
module=
if [ -f "$initramfs" ]; then
	cp "$initramfs" "$dir/boot/initramfs.cpio"
	module="module2 /boot/initramfs.cpio initramfs"
fi
cat > "$dir/boot/grub/grub.cfg" <<CFG
set timeout=0
set default=0
menuentry "mmlab" {
	${MKISO_LOADER:-multiboot2} /boot/kernel.elf $cmdline
	$module
	boot
}
CFG
platform=
[ -d /usr/lib/grub/i386-pc ] && platform="-d /usr/lib/grub/i386-pc"
mkdir -p "$(dirname "$iso")"
if ! grub-mkrescue $platform -o "$iso" "$dir" > "$log" 2>&1; then
	cat "$log" >&2
	echo "mkiso: grub-mkrescue failed (needs xorriso and grub-pc-bin: scripts/setup.sh)" >&2
	exit 1
fi
echo "  ISO     $iso  [$cmdline]${module:+ + initramfs}"
