/*
 * include/asm/syscall_wrapper.h - SYSCALL_DEFINEn: a system call's C body
 * with typed arguments, and the entry the table points at.
 *
 *   SYSCALL_DEFINE3(write, unsigned int, fd, const char __user *, buf, size_t, count)
 *
 * defines __x64_sys_write(const struct pt_regs *regs), which takes the
 * arguments from the saved user registers - di, si, dx, r10, r8, r9, in
 * that order - converts each to its declared type (an `int` keeps only the
 * low 32 bits, as in Linux) and calls the body, __do_sys_write(fd, buf,
 * count).  Passing regs rather than six values means no register the user
 * did not pass is ever read as an argument.  Linux builds the same shape
 * with more macro machinery: arch/x86/include/asm/syscall_wrapper.h.
 */
#ifndef _ASM_SYSCALL_WRAPPER_H
#define _ASM_SYSCALL_WRAPPER_H

#include <asm/ptrace.h>

#define SYSCALL_DEFINE0(name)						\
	long __x64_sys_##name(const struct pt_regs *regs)

#define __SYSCALL_DEFINE(name, decl, call)				\
	static long __do_sys_##name decl;				\
	long __x64_sys_##name(const struct pt_regs *regs)		\
	{								\
		return __do_sys_##name call;				\
	}								\
	static long __do_sys_##name decl

#define SYSCALL_DEFINE1(name, t1, a1)					\
	__SYSCALL_DEFINE(name, (t1 a1), ((t1)regs->di))
#define SYSCALL_DEFINE2(name, t1, a1, t2, a2)				\
	__SYSCALL_DEFINE(name, (t1 a1, t2 a2), ((t1)regs->di, (t2)regs->si))
#define SYSCALL_DEFINE3(name, t1, a1, t2, a2, t3, a3)			\
	__SYSCALL_DEFINE(name, (t1 a1, t2 a2, t3 a3),			\
			 ((t1)regs->di, (t2)regs->si, (t3)regs->dx))
#define SYSCALL_DEFINE4(name, t1, a1, t2, a2, t3, a3, t4, a4)		\
	__SYSCALL_DEFINE(name, (t1 a1, t2 a2, t3 a3, t4 a4),		\
			 ((t1)regs->di, (t2)regs->si, (t3)regs->dx, (t4)regs->r10))
#define SYSCALL_DEFINE5(name, t1, a1, t2, a2, t3, a3, t4, a4, t5, a5)	\
	__SYSCALL_DEFINE(name, (t1 a1, t2 a2, t3 a3, t4 a4, t5 a5),	\
			 ((t1)regs->di, (t2)regs->si, (t3)regs->dx, (t4)regs->r10, \
			  (t5)regs->r8))
#define SYSCALL_DEFINE6(name, t1, a1, t2, a2, t3, a3, t4, a4, t5, a5, t6, a6) \
	__SYSCALL_DEFINE(name, (t1 a1, t2 a2, t3 a3, t4 a4, t5 a5, t6 a6), \
			 ((t1)regs->di, (t2)regs->si, (t3)regs->dx, (t4)regs->r10, \
			  (t5)regs->r8, (t6)regs->r9))

#endif
