/*
 * include/asm/processor.h - control registers, MSRs, CPUID and friends.
 * Names as in Linux's arch/x86/include/asm/{special_insns,msr,processor}.h.
 */
#ifndef _ASM_PROCESSOR_H
#define _ASM_PROCESSOR_H

#include <kernel/types.h>
#include <asm/msr-index.h>
#include <asm/fpu.h>

/* Control register bits (Linux: arch/x86/include/uapi/asm/processor-flags.h). */
#define X86_CR0_MP	(1UL << 1)	/* monitor coprocessor: wait/fwait honour TS */
#define X86_CR0_EM	(1UL << 2)	/* emulation: x87/SSE instructions trap */
#define X86_CR0_TS	(1UL << 3)	/* task switched: the next FPU use traps (#NM) */
#define X86_CR0_NE	(1UL << 5)	/* x87 errors raise #MF, not an IRQ */
#define X86_CR0_AM	(1UL << 18)	/* alignment checks in ring 3 when EFLAGS.AC is set */
#define X86_CR4_OSFXSR	(1UL << 9)	/* the OS saves SSE state with fxsave */
#define X86_CR4_OSXMMEXCPT (1UL << 10)	/* unmasked SSE errors raise #XM */

/* RFLAGS bits (same header). */
#define X86_EFLAGS_CF	0x00000001UL
#define X86_EFLAGS_FIXED 0x00000002UL	/* bit 1 always reads 1 */
#define X86_EFLAGS_PF	0x00000004UL
#define X86_EFLAGS_AF	0x00000010UL
#define X86_EFLAGS_ZF	0x00000040UL
#define X86_EFLAGS_SF	0x00000080UL
#define X86_EFLAGS_TF	0x00000100UL
#define X86_EFLAGS_IF	0x00000200UL
#define X86_EFLAGS_DF	0x00000400UL
#define X86_EFLAGS_OF	0x00000800UL
#define X86_EFLAGS_IOPL	0x00003000UL
#define X86_EFLAGS_NT	0x00004000UL
#define X86_EFLAGS_RF	0x00010000UL
#define X86_EFLAGS_AC	0x00040000UL
#define X86_EFLAGS_ID	0x00200000UL

/*
 * What a task keeps of the CPU while it is not in user mode.
 * Linux: struct thread_struct in arch/x86/include/asm/processor.h.
 */
struct thread_struct {
	unsigned long sp0;	/* top of the kernel stack used in user mode (TSS.sp0) */
	unsigned long sp;	/* kernel %rsp to resume at when user mode ends */
	unsigned long fsbase;	/* MSR_FS_BASE in user mode (arch_prctl) */
	unsigned long gsbase;	/* MSR_GS_BASE in user mode (mmlab's kernel leaves GS alone) */
	unsigned long cr2, trap_nr, error_code;	/* the last user fault, for the signal frame */
	struct fpu fpu;		/* x87/SSE registers; last, as in Linux */
};

static inline unsigned long read_cr0(void)
{
	unsigned long v;
	__asm__ __volatile__("mov %%cr0, %0" : "=r"(v));
	return v;
}

static inline void write_cr0(unsigned long v)
{
	__asm__ __volatile__("mov %0, %%cr0" : : "r"(v) : "memory");
}

static inline unsigned long read_cr2(void)
{
	unsigned long v;
	__asm__ __volatile__("mov %%cr2, %0" : "=r"(v));
	return v;
}

static inline unsigned long read_cr3(void)
{
	unsigned long v;
	__asm__ __volatile__("mov %%cr3, %0" : "=r"(v));
	return v;
}

static inline void write_cr3(unsigned long v)
{
	__asm__ __volatile__("mov %0, %%cr3" : : "r"(v) : "memory");
}

static inline unsigned long read_cr4(void)
{
	unsigned long v;
	__asm__ __volatile__("mov %%cr4, %0" : "=r"(v));
	return v;
}

static inline void write_cr4(unsigned long v)
{
	__asm__ __volatile__("mov %0, %%cr4" : : "r"(v) : "memory");
}

static inline void wrmsr(u32 msr, u64 val)
{
	__asm__ __volatile__("wrmsr" : : "c"(msr), "a"((u32)val), "d"((u32)(val >> 32))
			     : "memory");
}

static inline u64 rdmsr(u32 msr)
{
	u32 lo, hi;
	__asm__ __volatile__("rdmsr" : "=a"(lo), "=d"(hi) : "c"(msr));
	return ((u64)hi << 32) | lo;
}

static inline void cpuid(u32 leaf, u32 *a, u32 *b, u32 *c, u32 *d)
{
	__asm__ __volatile__("cpuid"
			     : "=a"(*a), "=b"(*b), "=c"(*c), "=d"(*d)
			     : "a"(leaf), "c"(0));
}

static inline u64 rdtsc(void)
{
	u32 lo, hi;
	__asm__ __volatile__("rdtsc" : "=a"(lo), "=d"(hi));
	return ((u64)hi << 32) | lo;
}

/* rdtsc that does not start before earlier instructions finish. */
static inline u64 rdtsc_ordered(void)
{
	__asm__ __volatile__("lfence" ::: "memory");
	return rdtsc();
}

static inline void cpu_relax(void)
{
	__asm__ __volatile__("pause" ::: "memory");
}

static inline void local_irq_disable(void)
{
	__asm__ __volatile__("cli" ::: "memory");
}

static inline __attribute__((__noreturn__)) void halt_forever(void)
{
	for (;;)
		__asm__ __volatile__("cli; hlt" ::: "memory");
}

static inline unsigned long read_rbp(void)
{
	unsigned long v;
	__asm__ __volatile__("mov %%rbp, %0" : "=r"(v));
	return v;
}

#endif
