/*
 * include/asm/asm.h - the exception table.
 *
 * An instruction that may fault on purpose (a user copy, a probe, a test
 * that provokes #UD) is listed in the __ex_table section with a fixup
 * address.  If it faults, the trap handler resumes at the fixup instead of
 * oopsing.  Linux: arch/x86/include/asm/asm.h and arch/x86/mm/extable.c.
 *
 *   EX_TYPE_DEFAULT  resume at the fixup.
 *   EX_TYPE_FAULT    resume at the fixup with the trap number in %rax.
 */
#ifndef _ASM_ASM_H
#define _ASM_ASM_H

#define EX_TYPE_DEFAULT	0
#define EX_TYPE_FAULT	1

#ifdef __ASSEMBLER__
#define _ASM_EXTABLE_TYPE(from, to, type)	\
	.pushsection __ex_table, "a";		\
	.balign 8;				\
	.quad (from), (to), (type);		\
	.popsection
#else
#include <kernel/compiler.h>
#define _ASM_EXTABLE_TYPE(from, to, type)		\
	" .pushsection __ex_table, \"a\"\n"		\
	" .balign 8\n"					\
	" .quad (" #from "), (" #to "), " __stringify(type) "\n" \
	" .popsection\n"
#endif

#define _ASM_EXTABLE(from, to)		_ASM_EXTABLE_TYPE(from, to, EX_TYPE_DEFAULT)
#define _ASM_EXTABLE_FAULT(from, to)	_ASM_EXTABLE_TYPE(from, to, EX_TYPE_FAULT)

#ifndef __ASSEMBLER__
struct exception_table_entry {
	unsigned long insn, fixup, type;
};

struct pt_regs;
/* Returns 1 if regs->ip had an entry and regs now points at its fixup. */
int fixup_exception(struct pt_regs *regs, int trapnr);
const struct exception_table_entry *search_exception_tables(unsigned long ip);
#endif

#endif
