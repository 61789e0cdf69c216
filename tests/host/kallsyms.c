/*
 * tests/host/kallsyms.c - kernel/kallsyms.c for the host program: the
 * functions of its own ELF symbol table (read from /proc/self/exe at boot)
 * stand in for the table the kernel's two-stage link embeds, so %pS and
 * %pB in printk name functions as in the kernel ("dmirror_ioctl+0x42/0x1a0").
 * Libc side: it reads a file.
 */
#define _GNU_SOURCE
#include <elf.h>
#include <fcntl.h>
#include <link.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <kernel/kallsyms.h>

struct ksym {
	unsigned long addr, size;
	const char *name;
};

static struct ksym *syms;
static size_t nr_syms;
static char *names;

static int by_addr(const void *a, const void *b)
{
	const struct ksym *x = a, *y = b;

	return x->addr < y->addr ? -1 : x->addr > y->addr;
}

static int main_program_base(struct dl_phdr_info *info, size_t size, void *base)
{
	*(unsigned long *)base = info->dlpi_addr;	/* the first one is the program */
	return 1;
}

static void *read_at(int fd, unsigned long off, unsigned long len)
{
	void *p = malloc(len ? len : 1);

	if (!p || pread(fd, p, len, off) != (ssize_t)len) {
		perror("host kallsyms: reading /proc/self/exe");
		exit(2);
	}
	return p;
}

void host_kallsyms_init(void)
{
	int fd = open("/proc/self/exe", O_RDONLY);
	unsigned long base = 0;
	Elf64_Ehdr *eh;
	Elf64_Shdr *sh;
	Elf64_Sym *st = NULL;
	size_t n = 0;

	if (fd < 0) {
		perror("host kallsyms: /proc/self/exe");
		exit(2);
	}
	dl_iterate_phdr(main_program_base, &base);
	eh = read_at(fd, 0, sizeof(*eh));
	sh = read_at(fd, eh->e_shoff, eh->e_shnum * sizeof(*sh));
	for (int i = 0; i < eh->e_shnum; i++) {
		if (sh[i].sh_type != SHT_SYMTAB)
			continue;
		st = read_at(fd, sh[i].sh_offset, sh[i].sh_size);
		n = sh[i].sh_size / sizeof(*st);
		names = read_at(fd, sh[sh[i].sh_link].sh_offset, sh[sh[i].sh_link].sh_size);
	}
	syms = calloc(n ? n : 1, sizeof(*syms));
	for (size_t i = 0; i < n; i++)
		if (ELF64_ST_TYPE(st[i].st_info) == STT_FUNC && st[i].st_shndx != SHN_UNDEF &&
		    st[i].st_value)
			syms[nr_syms++] = (struct ksym){ st[i].st_value + base, st[i].st_size,
							 names + st[i].st_name };
	qsort(syms, nr_syms, sizeof(*syms), by_addr);
	free(st);
	free(sh);
	free(eh);
	close(fd);
}

const char *kallsyms_lookup(unsigned long addr, unsigned long *symbolsize,
			    unsigned long *offset)
{
	size_t lo = 0, hi = nr_syms;

	while (hi - lo > 1) {		/* invariant: syms[lo].addr <= addr */
		size_t mid = lo + (hi - lo) / 2;

		if (syms[mid].addr <= addr)
			lo = mid;
		else
			hi = mid;
	}
	if (!nr_syms || addr < syms[lo].addr || addr >= syms[lo].addr + syms[lo].size)
		return NULL;
	if (symbolsize)
		*symbolsize = syms[lo].size;
	if (offset)
		*offset = addr - syms[lo].addr;
	return syms[lo].name;
}

unsigned long kallsyms_lookup_name(const char *name)
{
	for (size_t i = 0; i < nr_syms; i++)
		if (!strcmp(syms[i].name, name))
			return syms[i].addr;
	return 0;
}
