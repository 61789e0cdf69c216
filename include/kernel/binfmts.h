/*
 * include/kernel/binfmts.h - loading a program into an address space.
 *
 * load_elf_binary() maps a static ELF64 program (ET_EXEC, or ET_DYN
 * without PT_INTERP: static-PIE) from a copy of its file in memory into mm,
 * and builds the initial stack Linux builds: argc, argv, envp, the
 * auxiliary vector, the strings.  execve() calls it on a fresh mm and
 * starts user mode at out->entry with rsp = out->sp.  Errors are Linux's:
 * -ENOEXEC for a file that is not such a program, -EINVAL for a segment
 * Linux refuses, -E2BIG for too many argument bytes, -ENOMEM; on an error
 * the mm may hold part of the program: throw it away (mmput).
 * kernel/exec_elf.c; docs/userspace.md draws the layout.
 * Linux: include/linux/binfmts.h, fs/binfmt_elf.c, fs/exec.c.
 */
#ifndef _KERNEL_BINFMTS_H
#define _KERNEL_BINFMTS_H

#include <kernel/types.h>
#include <mm/mmap.h>		/* TASK_SIZE_MAX */

/* What execve knows: the file and the strings (Linux: struct linux_binprm). */
struct linux_binprm {
	const void *buf;		/* the whole file */
	size_t size;
	const char *filename;		/* the path execve was given: AT_EXECFN */
	const char *const *argv;	/* NULL-terminated; NULL or empty: argv = { "" } */
	const char *const *envp;	/* NULL-terminated, or NULL */
};

struct elf_load_result {
	unsigned long entry;		/* where user mode starts (rip) */
	unsigned long sp;		/* the initial rsp: 16-byte aligned, at argc */
	unsigned long load_bias;	/* 0 for ET_EXEC; static-PIE: where it went */
	unsigned long phdr;		/* AT_PHDR */
};

/*
 * The user stack: STACK_SIZE bytes (Linux's default RLIMIT_STACK) ending
 * at STACK_TOP, demand-paged; no randomisation (Linux's with
 * randomize_va_space=0).  Static-PIE goes at ELF_ET_DYN_BASE, 2/3 of the
 * way up user space (0x555555554000 on the kernel, as Linux's non-random
 * PIE base).
 */
#define STACK_TOP		(TASK_SIZE_MAX & ~0xfffUL)
#define STACK_SIZE		(8UL << 20)
#define ELF_ET_DYN_BASE		((TASK_SIZE_MAX / 3 * 2) & ~0xfffUL)
/* Each string, and all of argv and envp with their pointers (Linux's limits). */
#define MAX_ARG_STRLEN		(32 * 4096)
#define MAX_ARG_BYTES		(STACK_SIZE / 4)

/*
 * mm must be current->mm, or current->mm NULL (a kernel thread: the loader
 * borrows mm with kthread_use_mm for the copies).
 */
int load_elf_binary(struct mm_struct *mm, const struct linux_binprm *bprm,
		    struct elf_load_result *out);

#endif
