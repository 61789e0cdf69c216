/*
 * include/kernel/kallsyms.h - the kernel's own symbol table.
 *
 * The build links the kernel once, lists its functions with nm, and links
 * again with that list embedded (scripts/gen_kallsyms.sh), so a backtrace
 * can say migrate_vma_pages+0x42/0x1a0 instead of a bare address.
 * Linux: kernel/kallsyms.c and scripts/kallsyms.c.
 */
#ifndef _KERNEL_KALLSYMS_H
#define _KERNEL_KALLSYMS_H

#include <kernel/types.h>

#define KSYM_NAME_LEN	96
#define KSYM_SYMBOL_LEN	(KSYM_NAME_LEN + 40)

/* Generated tables (sorted by address). */
extern const unsigned long kallsyms_addresses[];
extern const unsigned int kallsyms_offsets[];	/* into kallsyms_names */
extern const char kallsyms_names[];
extern const unsigned int kallsyms_num_syms;

/* Name of the function containing addr (NULL if none), its size and addr's offset. */
const char *kallsyms_lookup(unsigned long addr, unsigned long *symbolsize,
			    unsigned long *offset);
/* Address of a function by name, 0 if unknown. */
unsigned long kallsyms_lookup_name(const char *name);
/* "name+0xoff/0xsize", or "0x<addr>" when addr is in no function. */
int sprint_symbol(char *buf, unsigned long addr);
/* The same for a return address (as printed in backtraces, %pB). */
int sprint_backtrace(char *buf, unsigned long addr);

#endif
