/*
 * kernel/kallsyms_print.c - print an address as "function+offset/size".
 *
 * Only kallsyms_lookup() is needed, so the host build, whose symbols come
 * from its own ELF file (tests/host/kallsyms.c), shares this file.
 * Linux: kernel/kallsyms.c (sprint_symbol, sprint_backtrace).
 */
#include <kernel/kallsyms.h>
#include <kernel/printk.h>

int sprint_symbol(char *buf, unsigned long addr)
{
	unsigned long size, off;
	const char *name = kallsyms_lookup(addr, &size, &off);

	if (!name)
		return snprintf(buf, KSYM_SYMBOL_LEN, "0x%lx", addr);
	return snprintf(buf, KSYM_SYMBOL_LEN, "%.*s+0x%lx/0x%lx",
			KSYM_NAME_LEN, name, off, size);
}

/*
 * Like sprint_symbol for a return address: a call that is the last
 * instruction of a function returns to the start of the next one, so look
 * up addr - 1 but print the offset of addr.
 */
int sprint_backtrace(char *buf, unsigned long addr)
{
	unsigned long size, off;
	const char *name = kallsyms_lookup(addr - 1, &size, &off);

	if (!name)
		return snprintf(buf, KSYM_SYMBOL_LEN, "0x%lx", addr);
	return snprintf(buf, KSYM_SYMBOL_LEN, "%.*s+0x%lx/0x%lx",
			KSYM_NAME_LEN, name, off + 1, size);
}
