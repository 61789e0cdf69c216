/*
 * include/asm/cpufeature.h - what the boot CPU can do, read once from CPUID.
 *
 * identify_boot_cpu() fills boot_cpu_data; boot_cpu_has(X86_FEATURE_x)
 * asks it.  mmlab only reads the few bits that choose how memory is copied
 * and cleared (copy_page, clear_page, memcpy, memset), the way Linux picks
 * its "alternatives" at boot.  Before identify_boot_cpu() runs, every
 * feature reads as absent and the plain paths are used.
 * Linux: arch/x86/include/asm/cpufeature.h, arch/x86/kernel/cpu/common.c.
 */
#ifndef _ASM_CPUFEATURE_H
#define _ASM_CPUFEATURE_H

#include <kernel/types.h>

enum {
	X86_FEATURE_REP_GOOD,	/* rep movsq/stosq are fast (Linux: a synthetic bit) */
	X86_FEATURE_ERMS,	/* Enhanced REP MOVSB/STOSB (CPUID.7.0:EBX[9]) */
	X86_FEATURE_FSRM,	/* Fast Short REP MOVSB (CPUID.7.0:EDX[4]) */
	X86_FEATURE_FSRS,	/* Fast Short REP STOSB (CPUID.7.1:EAX[11]) */
	NCAPINTS_MMLAB
};

struct cpuinfo_x86 {
	u8 x86;			/* family */
	u8 x86_model;
	char x86_vendor_id[13];
	unsigned long capability;	/* bit X86_FEATURE_x */
};

extern struct cpuinfo_x86 boot_cpu_data;

static inline bool boot_cpu_has(int feature)
{
	return boot_cpu_data.capability & (1UL << feature);
}

/* Reads CPUID into boot_cpu_data (kernel_main calls it early). */
void identify_boot_cpu(void);
/* One boot-log line: the CPU and the copy/clear routines chosen. */
void print_cpu_info(void);

#endif
