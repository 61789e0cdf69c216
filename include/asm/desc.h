/*
 * include/asm/desc.h - GDT, TSS and IDT setup (kernel/desc.c).
 */
#ifndef _ASM_DESC_H
#define _ASM_DESC_H

#include <kernel/types.h>

#define IST_DOUBLE_FAULT	1	/* #DF runs on its own stack */
#define IST_STACK_SIZE		(8 * 1024)

void cpu_init_descriptors(void);
bool on_kernel_stack(unsigned long addr, size_t len);
/* Load an empty IDT: the next exception triple-faults (runner self-test). */
void load_null_idt(void);

#endif
