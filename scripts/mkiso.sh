#!/bin/sh
# scripts/mkiso.sh KERNEL ISO "COMMAND LINE" - make a GRUB (multiboot2) boot ISO.
#
# grub-mkrescue (with xorriso) builds a BIOS-bootable CD image whose
# grub.cfg boots KERNEL at once (timeout 0) with the given command line.
# -d /usr/lib/grub/i386-pc keeps it BIOS-only, which is what QEMU's
# SeaBIOS boots, even if EFI GRUB modules are installed.
# MKISO_LOADER=multiboot makes GRUB use the old multiboot (v1) protocol,
# which mmlab refuses with a message (the runner tests that).
set -e
kernel=$1 iso=$2 cmdline=$3
[ -f "$kernel" ] || { echo "mkiso: no kernel at $kernel" >&2; exit 1; }
dir=$(mktemp -d "${TMPDIR:-/tmp}/mmlab-iso.XXXXXX")
log=$(mktemp "${TMPDIR:-/tmp}/mmlab-iso-log.XXXXXX")
trap 'rm -rf "$dir" "$log"' EXIT
mkdir -p "$dir/boot/grub"
cp "$kernel" "$dir/boot/kernel.elf"
cat > "$dir/boot/grub/grub.cfg" <<CFG
set timeout=0
set default=0
menuentry "mmlab" {
	${MKISO_LOADER:-multiboot2} /boot/kernel.elf $cmdline
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
echo "  ISO     $iso  [$cmdline]"
