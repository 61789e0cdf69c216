/*
 * kernel/kallsyms.c - look up the function that contains an address.
 *
 * The tables are sorted by address, so a binary search finds the last symbol
 * at or below addr; the next symbol (or _etext) bounds its size.
 */
#include <kernel/kallsyms.h>
#include <kernel/printk.h>
#include <kernel/string.h>

extern char _etext[];

static const char *sym_name(unsigned int i)
{
	return kallsyms_names + kallsyms_offsets[i];
}

const char *kallsyms_lookup(unsigned long addr, unsigned long *symbolsize,
			    unsigned long *offset)
{
	unsigned int lo = 0, hi = kallsyms_num_syms, i;
	unsigned long end;

	if (!hi || addr < kallsyms_addresses[0] || addr >= (unsigned long)_etext)
		return NULL;
	while (hi - lo > 1) {		/* invariant: addresses[lo] <= addr */
		unsigned int mid = lo + (hi - lo) / 2;

		if (kallsyms_addresses[mid] <= addr)
			lo = mid;
		else
			hi = mid;
	}
	i = lo;
	while (i > 0 && kallsyms_addresses[i - 1] == kallsyms_addresses[i])
		i--;			/* aliases: take the first name */
	end = (unsigned long)_etext;
	for (unsigned int j = lo + 1; j < kallsyms_num_syms; j++) {
		if (kallsyms_addresses[j] > kallsyms_addresses[lo]) {
			end = kallsyms_addresses[j];
			break;
		}
	}
	if (symbolsize)
		*symbolsize = end - kallsyms_addresses[i];
	if (offset)
		*offset = addr - kallsyms_addresses[i];
	return sym_name(i);
}

unsigned long kallsyms_lookup_name(const char *name)
{
	for (unsigned int i = 0; i < kallsyms_num_syms; i++)
		if (!strcmp(sym_name(i), name))
			return kallsyms_addresses[i];
	return 0;
}
