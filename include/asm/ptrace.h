/*
 * include/asm/ptrace.h - struct pt_regs: the registers saved on a kernel
 * entry (an exception, or a system call from user space).
 *
 * The layout (lowest address first) is Linux's and matches the pushes in
 * kernel/entry.S and kernel/entry_64.S: the general registers, orig_ax,
 * then the five words the CPU pushes on an exception (entry_SYSCALL_64
 * pushes them itself).  orig_ax is the error code of an exception, or the
 * system-call number (ax then holds the return value).
 * Linux: arch/x86/include/asm/ptrace.h.
 */
#ifndef _ASM_PTRACE_H
#define _ASM_PTRACE_H

#ifndef __ASSEMBLER__
struct pt_regs {
	unsigned long r15, r14, r13, r12, bp, bx;
	unsigned long r11, r10, r9, r8, ax, cx, dx, si, di;
	unsigned long orig_ax;		/* error code, or system-call number */
	unsigned long ip, cs, flags, sp, ss;	/* the CPU's frame */
};

/* Did the entry come from ring 3?  (Linux: user_mode) */
static inline int user_mode(const struct pt_regs *regs)
{
	return (regs->cs & 3) == 3;
}
#endif

#define PTREGS_SIZE	(21 * 8)

#endif
