/*
 * kernel/extable.c - resume after an expected fault (see include/asm/asm.h).
 *
 * The table is small, so a linear search is fine and easy to step through.
 * Linux sorts it at build time and bisects (arch/x86/mm/extable.c).
 */
#include <asm/asm.h>
#include <asm/ptrace.h>
#include <kernel/types.h>

extern const struct exception_table_entry __start___ex_table[];
extern const struct exception_table_entry __stop___ex_table[];

const struct exception_table_entry *search_exception_tables(unsigned long ip)
{
	const struct exception_table_entry *e;

	for (e = __start___ex_table; e < __stop___ex_table; e++)
		if (e->insn == ip)
			return e;
	return NULL;
}

int fixup_exception(struct pt_regs *regs, int trapnr)
{
	const struct exception_table_entry *e = search_exception_tables(regs->ip);

	if (!e)
		return 0;
	if (e->type == EX_TYPE_FAULT)
		regs->ax = trapnr;
	regs->ip = e->fixup;
	return 1;
}
