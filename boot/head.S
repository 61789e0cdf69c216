/*
 * boot/head.S - from GRUB's 32-bit protected mode to kernel_main() in long mode.
 *
 * GRUB (multiboot2) enters _start with paging off, %eax = magic and %ebx =
 * physical address of the boot information.  We check that we were booted
 * correctly and that the CPU can run 64-bit code, build a tiny page table
 * that maps the first 1 GiB twice (identity, and at __START_KERNEL_map) with
 * 2 MiB pages, enable long mode and jump to the higher half.  Linux does the
 * same job in arch/x86/boot/compressed/head_64.S and arch/x86/kernel/head_64.S.
 *
 * Everything in this file before startup_64 runs at its physical (low) address,
 * so it must only touch high-linked symbols through (sym - __START_KERNEL_map).
 */
#include <asm/boot.h>

#define PHYS(sym)	((sym) - __START_KERNEL_map)

#define X86_CR0_WP	(1 << 16)
#define X86_CR0_PG	(1 << 31)
#define X86_CR4_PAE	(1 << 5)
#define MSR_EFER	0xc0000080
#define EFER_LME	(1 << 8)
#define EFER_NX		(1 << 11)
#define X86_EFLAGS_ID	(1 << 21)
#define PDE_FLAGS	0x03		/* present | writable */
#define PDE_LARGE	0x83		/* present | writable | 2 MiB page */
#define COM1		0x3f8

	.section .boot.text, "ax"
	.code32
	.globl _start
_start:
	cli
	cld
	movl	%eax, %edi			/* magic: kernel_main's 1st argument */
	movl	%ebx, %esi			/* boot info: its 2nd argument */
	movl	$PHYS(boot_stack_top), %esp

	cmpl	$MULTIBOOT2_BOOTLOADER_MAGIC, %edi
	jne	no_multiboot2

	/* CPUID exists if the ID bit of EFLAGS can be flipped. */
	pushfl
	popl	%eax
	movl	%eax, %ecx
	xorl	$X86_EFLAGS_ID, %eax
	pushl	%eax
	popfl
	pushfl
	popl	%eax
	pushl	%ecx
	popfl
	cmpl	%eax, %ecx
	je	no_cpuid

	movl	$0x80000000, %eax		/* highest extended leaf */
	cpuid
	cmpl	$0x80000001, %eax
	jb	no_long_mode
	movl	$0x80000001, %eax
	cpuid
	btl	$29, %edx			/* LM: long mode */
	jnc	no_long_mode
	xorl	%ebp, %ebp			/* remember NX support in %ebp */
	btl	$20, %edx
	jnc	1f
	movl	$EFER_NX, %ebp
1:
	/* Zero .bss (page tables and stacks live there, so no push/pop). */
	movl	%edi, %edx
	movl	$PHYS(__bss_start), %edi
	movl	$PHYS(__bss_stop), %ecx
	subl	%edi, %ecx
	shrl	$2, %ecx
	xorl	%eax, %eax
	rep stosl
	movl	%edx, %edi

	/*
	 * One page directory of 512 x 2 MiB pages maps physical 0..1 GiB.
	 * PML4[0]   -> early_pdpt_low[0]   -> early_pd   (identity, needed
	 *              while we switch on paging and jump high)
	 * PML4[511] -> early_pdpt_high[510] -> early_pd  (0xffffffff80000000)
	 */
	movl	$PHYS(early_pd), %ebx
	xorl	%ecx, %ecx
2:	movl	%ecx, %eax
	shll	$21, %eax
	orl	$PDE_LARGE, %eax
	movl	%eax, (%ebx, %ecx, 8)
	incl	%ecx
	cmpl	$512, %ecx
	jne	2b

	movl	$PHYS(early_pd) + PDE_FLAGS, %eax
	movl	%eax, PHYS(early_pdpt_low)
	movl	%eax, PHYS(early_pdpt_high) + 510 * 8
	movl	$PHYS(early_pdpt_low) + PDE_FLAGS, %eax
	movl	%eax, PHYS(early_top_pgt)
	movl	$PHYS(early_pdpt_high) + PDE_FLAGS, %eax
	movl	%eax, PHYS(early_top_pgt) + 511 * 8

	movl	%cr4, %eax
	orl	$X86_CR4_PAE, %eax
	movl	%eax, %cr4
	movl	$PHYS(early_top_pgt), %eax
	movl	%eax, %cr3
	movl	$MSR_EFER, %ecx
	rdmsr
	orl	$EFER_LME, %eax
	orl	%ebp, %eax
	wrmsr
	movl	%cr0, %eax
	orl	$(X86_CR0_PG | X86_CR0_WP), %eax
	movl	%eax, %cr0			/* now in compatibility mode */

	lgdt	boot_gdt_desc
	ljmp	$__KERNEL_CS, $long_entry_low

/* Failure paths: say why on COM1 and stop. */
no_multiboot2:
	movl	$msg_no_mb2, %ebx
	jmp	early_fail
no_cpuid:
	movl	$msg_no_cpuid, %ebx
	jmp	early_fail
no_long_mode:
	movl	$msg_no_lm, %ebx
early_fail:
	movw	$COM1 + 5, %dx			/* line status: wait for THRE */
3:	inb	%dx, %al
	testb	$0x20, %al
	jz	3b
	movb	(%ebx), %al
	testb	%al, %al
	jz	4f
	movw	$COM1, %dx
	outb	%al, %dx
	incl	%ebx
	jmp	early_fail
4:	cli
	hlt
	jmp	4b

	.code64
long_entry_low:
	movabsq	$startup_64, %rax	/* an absolute jump: we leave the low mapping for good */
	jmp	*%rax

	.section .boot.rodata, "a"
msg_no_mb2:
	.asciz	"mmlab: not booted by a multiboot2 loader (bad magic in %eax); boot the ISO with GRUB, e.g. 'make run'\r\n"
msg_no_cpuid:
	.asciz	"mmlab: this CPU has no CPUID instruction; mmlab needs an x86-64 CPU\r\n"
msg_no_lm:
	.asciz	"mmlab: this CPU has no long mode (x86-64); use qemu-system-x86_64 or a 64-bit CPU model\r\n"

	.balign 8
boot_gdt:					/* the slots of asm/segment.h */
	.quad	0				/* null */
	.quad	0				/* (Linux's 32-bit kernel code) */
	.quad	0x00af9a000000ffff		/* 0x10: 64-bit kernel code */
	.quad	0x00cf92000000ffff		/* 0x18: kernel data */
boot_gdt_end:
boot_gdt_desc:
	.short	boot_gdt_end - boot_gdt - 1
	.long	boot_gdt

/* From here on we run at the high, linked address. */
	.text
	.cfi_sections .debug_frame
	.globl	startup_64
startup_64:
	.cfi_startproc
	.cfi_undefined rip		/* tell GDB: no caller, the backtrace ends here */
	movl	$__KERNEL_DS, %eax
	movl	%eax, %ds
	movl	%eax, %es
	movl	%eax, %ss
	xorl	%eax, %eax
	movl	%eax, %fs
	movl	%eax, %gs
	movq	$boot_stack_top, %rsp
	xorl	%ebp, %ebp			/* the backtrace ends here */
	movl	%edi, %edi			/* zero-extend magic and info */
	movl	%esi, %esi
	call	kernel_main
5:	cli
	hlt
	jmp	5b
	.cfi_endproc

	.bss
	.balign 4096
	.globl early_top_pgt
early_top_pgt:		.skip 4096
early_pdpt_low:		.skip 4096
	.globl early_pdpt_high
early_pdpt_high:	.skip 4096
	.globl early_pd
early_pd:		.skip 4096
	.globl boot_stack, boot_stack_top
boot_stack:		.skip BOOT_STACK_SIZE
boot_stack_top:

	.section .note.GNU-stack, "", @progbits
