/*
 * tests/user_check.h - the fixture and helpers of the suites that run user
 * programs (tests/user_progs.S) in ring 3: a fresh mm per case with every
 * page and kmalloc object back at its end, the program mapped and run, and
 * what it stored and printed.  Kernel build only: the host build cannot
 * run ring-3 code.
 */
#ifndef _TESTS_USER_CHECK_H
#define _TESTS_USER_CHECK_H

#include "mm_check.h"
#include "user_progs.h"
#include <mm/uaccess.h>
#include <mm/slab.h>
#include <kernel/sched.h>
#include <kernel/fdtable.h>
#include <kernel/string.h>
#include <kernel/printk.h>

#define EXITED(code)	((code) << 8)		/* the wait status of exit(code) */
#define PA		(MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED)
#define RW		(PROT_READ | PROT_WRITE)

static unsigned long slab_before __maybe_unused;
static struct files_struct *boot_files __maybe_unused;

/*
 * Each case's programs get a copy of the boot's fd table (the console on
 * 0-2), dropped at the end as a process's would be at exit: whatever they
 * leave open is closed, and counted by the leak checks.
 */
static inline int user_case_init(struct kunit *test)
{
	slab_before = kmalloc_live_objects();
	boot_files = current->files;
	current->files = boot_files ? dup_fd(boot_files) : files_alloc();
	if (!current->files)
		return -ENOMEM;
	return vm_case_init(test);
}

static inline void user_case_exit(struct kunit *test)
{
	put_files_struct(current->files);	/* first: an open dmirror holds the mm */
	current->files = boot_files;
	if (init_fs.pwd != init_fs.root)
		set_fs_pwd(init_fs.root);	/* a program's chdir: the boot's cwd is / */
	vm_case_exit(test);			/* every page back */
	KUNIT_EXPECT_EQ(test, kmalloc_live_objects(), slab_before);
}

static inline void map_fixed(struct kunit *test, unsigned long addr, unsigned long len,
		      unsigned long prot)
{
	KUNIT_ASSERT_EQ(test, vm_mmap(NULL, addr, len, prot, PA, 0), addr);
}

/* Copies prog to USER_CODE (read + exec), maps data and stack. */
static inline void map_prog(struct kunit *test, const char *start, const char *end,
			    unsigned long data_prot)
{
	struct mm_struct *mm = vm_case_mm(test);

	KUNIT_ASSERT_LE(test, (unsigned long)(end - start), PAGE_SIZE);
	map_fixed(test, USER_CODE, PAGE_SIZE, RW);
	KUNIT_ASSERT_EQ(test, copy_to_user((void __user *)USER_CODE, start, end - start), 0);
	KUNIT_ASSERT_EQ(test, do_mprotect(mm, USER_CODE, PAGE_SIZE, PROT_READ | PROT_EXEC), 0);
	map_fixed(test, USER_DATA, USER_DATA_PAGES * PAGE_SIZE, data_prot);
	map_fixed(test, USER_STACK_TOP - USER_STACK_PAGES * PAGE_SIZE,
		  USER_STACK_PAGES * PAGE_SIZE, RW);
}

/* ... and runs it: its wait status. */
static inline int run_prog(struct kunit *test, const char *start, const char *end,
			   unsigned long data_prot)
{
	map_prog(test, start, end, data_prot);
	return run_user_thread(USER_CODE, USER_STACK_TOP);
}

#define RUN(test, prog, prot)	run_prog(test, prog, prog##_end, prot)

/* The word the program stored at USER_DATA + off. */
static inline long data_at(struct kunit *test, unsigned long off)
{
	long v = 0;

	KUNIT_EXPECT_EQ(test, get_user(v, (long __user *)(USER_DATA + off)), 0);
	return v;
}

static char logged[4096] __maybe_unused;

/* What was logged since mark (NUL-terminated, in `logged`). */
static inline const char *log_since(size_t mark)
{
	log_read(mark, logged, sizeof(logged));
	return logged;
}

static inline int count_in(const char *s, const char *needle)
{
	int n = 0;

	for (s = strstr(s, needle); s; s = strstr(s + 1, needle))
		n++;
	return n;
}

#endif
