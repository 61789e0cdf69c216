/*
 * include/asm/traps.h - the 32 x86 exception vectors and the trap handler.
 */
#ifndef _ASM_TRAPS_H
#define _ASM_TRAPS_H

#include <kernel/types.h>
#include <asm/ptrace.h>

enum {
	X86_TRAP_DE = 0,	/* divide error */
	X86_TRAP_DB = 1,	/* debug */
	X86_TRAP_NMI = 2,
	X86_TRAP_BP = 3,	/* int3 */
	X86_TRAP_OF = 4,
	X86_TRAP_BR = 5,
	X86_TRAP_UD = 6,	/* invalid opcode */
	X86_TRAP_NM = 7,
	X86_TRAP_DF = 8,	/* double fault */
	X86_TRAP_TS = 10,
	X86_TRAP_NP = 11,
	X86_TRAP_SS = 12,
	X86_TRAP_GP = 13,	/* general protection */
	X86_TRAP_PF = 14,	/* page fault */
	X86_TRAP_MF = 16,
	X86_TRAP_AC = 17,
	X86_TRAP_MC = 18,
	X86_TRAP_XF = 19,
	X86_TRAP_VE = 20,
	X86_TRAP_CP = 21,
	NR_EXCEPTION_VECTORS = 32,
};

/* The first vector after the exceptions: IRQ 0, the PIT (Linux: the LAPIC timer). */
#define TIMER_VECTOR	32

/* Page-fault error code bits (Linux: enum x86_pf_error_code). */
#define X86_PF_PROT	(1UL << 0)	/* 0: page not present, 1: protection */
#define X86_PF_WRITE	(1UL << 1)	/* 0: read, 1: write */
#define X86_PF_USER	(1UL << 2)	/* 0: kernel mode, 1: user mode */
#define X86_PF_RSVD	(1UL << 3)	/* reserved bit set in an entry */
#define X86_PF_INSTR	(1UL << 4)	/* instruction fetch */

/* What the last trap was; tests read it after provoking one. */
struct trap_info {
	int trapnr;
	unsigned long error_code, ip, cr2;
	unsigned long count;		/* traps taken so far */
};
extern struct trap_info last_trap;

const char *trap_name(int trapnr);		/* "#PF", "#GP", ... */
const char *trap_description(int trapnr);	/* "page fault", ... */
/* "not-present write kernel-mode" etc.; returns the length. */
int format_pf_error(char *buf, size_t size, unsigned long error_code);
/* The one-line summary printed by an oops. */
int format_trap(char *buf, size_t size, int trapnr, unsigned long error_code,
		unsigned long cr2);

void trap_init(void);
void do_trap(struct pt_regs *regs, int trapnr);
/* entry.S, when iretq faults: kill the task it was returning to. */
void bad_iret_kill(const unsigned long *frame);

/*
 * Page faults on addresses the mm owns are offered to this hook first
 * (set by the mm once it exists); it returns 1 if it resolved the fault.
 */
/*
 * The mm's #PF handler: 1 resolved; 0 not (user mode: SIGSEGV); in user
 * mode also -SIGBUS or -SIGSEGV for a fault the mm refused inside a VMA
 * (VM_FAULT_SIGBUS, VM_FAULT_SIGSEGV).
 */
extern int (*page_fault_hook)(struct pt_regs *regs, unsigned long address);
/* ... and asked to explain an unresolved one in the oops. */
extern void (*page_fault_oops_hook)(unsigned long address);
void mm_fault_init(void);

#endif
