/*
 * include/asm/ptrace.h - struct pt_regs: the registers saved on a trap.
 *
 * Layout (lowest address first) matches the pushes in kernel/entry.S:
 * the general registers, then the vector and error code pushed by the stub,
 * then what the CPU pushed.  Linux's pt_regs is the same minus `vector`
 * (Linux keeps the error code in orig_ax).
 */
#ifndef _ASM_PTRACE_H
#define _ASM_PTRACE_H

#ifndef __ASSEMBLER__
struct pt_regs {
	unsigned long r15, r14, r13, r12, bp, bx;
	unsigned long r11, r10, r9, r8, ax, cx, dx, si, di;
	unsigned long vector;
	unsigned long orig_ax;		/* error code, 0 if the CPU pushed none */
	unsigned long ip, cs, flags, sp, ss;	/* pushed by the CPU */
};
#endif

#endif
