/*
 * user/hello.c - the first user program: what a process finds at start.
 *
 * Prints its arguments, its environment and a few entries of the
 * auxiliary vector the kernel put above them on the initial stack
 * (kernel/exec_elf.c builds it as Linux's create_elf_tables does).  Built
 * with `musl-gcc -static`, it runs unchanged on Linux: compare the two.
 */
#include <stdio.h>
#include <sys/auxv.h>

static void show_auxv(const char *name, unsigned long type)
{
	printf("auxv %-11s %#lx\n", name, getauxval(type));
}

int main(int argc, char *argv[], char *envp[])
{
	printf("hello from user space: argc=%d\n", argc);
	for (int i = 0; i < argc; i++)
		printf("argv[%d] = \"%s\"\n", i, argv[i]);
	for (int i = 0; envp[i]; i++)
		printf("envp[%d] = \"%s\"\n", i, envp[i]);
	show_auxv("AT_PAGESZ", AT_PAGESZ);
	show_auxv("AT_PHDR", AT_PHDR);
	show_auxv("AT_PHNUM", AT_PHNUM);
	show_auxv("AT_ENTRY", AT_ENTRY);
	show_auxv("AT_RANDOM", AT_RANDOM);
	show_auxv("AT_HWCAP", AT_HWCAP);
	show_auxv("AT_CLKTCK", AT_CLKTCK);
	printf("auxv AT_EXECFN   \"%s\"\n", (const char *)getauxval(AT_EXECFN));
	printf("auxv AT_PLATFORM \"%s\"\n", (const char *)getauxval(AT_PLATFORM));
	return 0;
}
