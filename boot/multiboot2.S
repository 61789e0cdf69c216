/*
 * boot/multiboot2.S - the multiboot2 header GRUB looks for.
 *
 * GRUB scans the first 32 KiB of the image for this header (8-byte aligned);
 * linker.ld puts it first.  We ask for nothing special: GRUB always hands us
 * the memory map and the command line in the boot information (%ebx).
 */
#define MB2_MAGIC	0xe85250d6
#define MB2_ARCH_I386	0

	.section .multiboot2, "a"
	.balign 8
mb2_header:
	.long MB2_MAGIC
	.long MB2_ARCH_I386
	.long mb2_header_end - mb2_header
	.long -(MB2_MAGIC + MB2_ARCH_I386 + (mb2_header_end - mb2_header))
	/* end tag: type 0, flags 0, size 8 */
	.balign 8
	.short 0
	.short 0
	.long 8
mb2_header_end:

/*
 * A bare multiboot (version 1) header as well, asking for nothing.  It lets
 * a v1 loader (GRUB's "multiboot" command) start us, only for head.S to
 * say clearly that mmlab needs multiboot2 (the runner tests that message).
 */
#define MB1_MAGIC	0x1badb002
	.balign 4
	.long MB1_MAGIC
	.long 0
	.long -MB1_MAGIC

	.section .note.GNU-stack, "", @progbits
