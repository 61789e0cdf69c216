/*
 * include/asm/msr-index.h - the model-specific registers mmlab uses, with
 * Linux's names and numbers (arch/x86/include/asm/msr-index.h).
 */
#ifndef _ASM_MSR_INDEX_H
#define _ASM_MSR_INDEX_H

#define MSR_EFER		0xc0000080	/* extended features */
#define MSR_STAR		0xc0000081	/* syscall/sysret segment bases */
#define MSR_LSTAR		0xc0000082	/* 64-bit syscall entry point */
#define MSR_CSTAR		0xc0000083	/* compat-mode syscall entry (unused) */
#define MSR_SYSCALL_MASK	0xc0000084	/* RFLAGS bits syscall clears (FMASK) */
#define MSR_FS_BASE		0xc0000100	/* %fs base: user TLS */
#define MSR_GS_BASE		0xc0000101
#define MSR_KERNEL_GS_BASE	0xc0000102	/* swapped in by swapgs */

#define EFER_SCE		(1UL << 0)	/* syscall/sysret enabled */
#define EFER_LME		(1UL << 8)
#define EFER_NX			(1UL << 11)

#endif
