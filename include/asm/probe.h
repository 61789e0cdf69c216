/*
 * include/asm/probe.h - touch memory or run an instruction that may fault,
 * and learn which exception it raised instead of oopsing.
 *
 * Each helper marks its one risky instruction in the exception table with
 * EX_TYPE_FAULT: on a fault, do_trap() resumes after it with the trap number
 * in %rax.  They return -1 if nothing faulted, else the vector (6 = #UD,
 * 13 = #GP, 14 = #PF).  Linux's copy_from_kernel_nofault() is the grown-up
 * version of probe_read_u64().
 */
#ifndef _ASM_PROBE_H
#define _ASM_PROBE_H

#include <kernel/types.h>
#include <asm/asm.h>

static inline int probe_read_u64(const void *addr, u64 *val)
{
	long trap = -1;
	u64 v = 0;

	__asm__ __volatile__("1: movq (%2), %1\n"
			     "2:\n"
			     _ASM_EXTABLE_FAULT(1b, 2b)
			     : "+a"(trap), "+r"(v) : "r"(addr) : "memory");
	*val = v;
	return (int)trap;
}

static inline int probe_write_u64(void *addr, u64 val)
{
	long trap = -1;

	__asm__ __volatile__("1: movq %1, (%2)\n"
			     "2:\n"
			     _ASM_EXTABLE_FAULT(1b, 2b)
			     : "+a"(trap) : "r"(val), "r"(addr) : "memory");
	return (int)trap;
}

static inline int probe_ud2(void)
{
	long trap = -1;

	__asm__ __volatile__("1: ud2\n"
			     "2:\n"
			     _ASM_EXTABLE_FAULT(1b, 2b)
			     : "+a"(trap) : : "memory");
	return (int)trap;
}

#endif
