/*
 * tests/user_syscall_input_kunit.c - bad input to the system calls, from
 * ring 3, as a table: each row is one call made by the user program
 * user_syscall_row (its number and six registers as data) and the result
 * Linux 6.19 gives, read from the function named above each group.  Like
 * tests/bad_input_kunit.c (docs/bad-input.md), a row with .note expects
 * mmlab's documented difference (docs/userspace.md section 7) and says what
 * Linux does.  Kernel build only: ring 3 does not exist in the host build.
 */
#include "user_check.h"
#include <asm/unistd_64.h>

#define P		PAGE_SIZE
#define DATA		USER_DATA		/* 2 pages read + write */
#define HOLE_END	(USER_DATA + 2 * P - 100)	/* 100 bytes, then nothing mapped */
#define RO		USER_RO			/* read-only */
#define KHALF		PAGE_OFFSET
#define TOP		TASK_SIZE_MAX
#define NONCANON	(1UL << 47)
#define HI32		(1UL << 32)		/* a bit an int argument drops */

#define ARCH_SET_GS	0x1001
#define ARCH_SET_FS	0x1002
#define ARCH_GET_FS	0x1003
#define ARCH_GET_CPUID	0x1011

struct syscall_row {
	const char *label;
	long expect;
	const char *note;		/* set: mmlab's documented difference */
	unsigned long nr;		/* the whole of %rax */
	unsigned long args[6];
};

static const struct syscall_row rows[] = {
	/* do_syscall_64: the number is an int; past the table -ENOSYS */
	{ "nr 236 (vserver): never implemented", -ENOSYS, .nr = __NR_vserver },
	{ "nr 512 (x32 rt_sigaction) on x86-64", -ENOSYS, .nr = 512 },
	{ "nr with the x32 bit (0x40000000 | getpid)", -ENOSYS, .nr = 0x40000000 | __NR_getpid },
	{ "nr -1", -ENOSYS, .nr = -1UL },
	{ "nr getpid with bit 32 set: the low 32 bits count", 1, .nr = HI32 | __NR_getpid },
	{ "getpid ignores its registers", 1, .nr = __NR_getpid,
	  .args = { -1UL, KHALF, NONCANON, 1, 2, 3 } },
	/* ksys_write, vfs_write: the fd first, then access_ok, then the count */
	{ "write: fd 3 is not open", -EBADF, .nr = __NR_write, .args = { 3, DATA, 1 } },
	{ "write: fd -1", -EBADF, .nr = __NR_write, .args = { 0xffffffff, DATA, 1 } },
	{ "write: bad fd and NULL buffer: the fd first", -EBADF, .nr = __NR_write,
	  .args = { 9, 0, 1 } },
	{ "write: fd 1 | bit 32: the fd is an unsigned int", 0, .nr = __NR_write,
	  .args = { HI32 | 1, DATA, 0 } },
	{ "write: NULL buffer", -EFAULT, .nr = __NR_write, .args = { 1, 0, 1 } },
	{ "write: NULL buffer, count 0", 0, .nr = __NR_write, .args = { 1, 0, 0 } },
	{ "write: buffer in the kernel half", -EFAULT, .nr = __NR_write, .args = { 1, KHALF, 1 } },
	{ "write: kernel buffer, count 0: access_ok still fails", -EFAULT, .nr = __NR_write,
	  .args = { 2, KHALF, 0 } },
	{ "write: buffer at TASK_SIZE_MAX", -EFAULT, .nr = __NR_write, .args = { 1, TOP, 1 } },
	{ "write: non-canonical buffer", -EFAULT, .nr = __NR_write, .args = { 1, NONCANON, 1 } },
	{ "write: count past user space", -EFAULT, .nr = __NR_write, .args = { 1, DATA, -1UL } },
	{ "write: count 2^47 from the data page", -EFAULT, .nr = __NR_write,
	  .args = { 1, DATA, 1UL << 47 } },
	/* newuname: one copy_to_user of the whole struct */
	{ "uname: into the data page", 0, .nr = __NR_uname, .args = { DATA } },
	{ "uname: NULL", -EFAULT, .nr = __NR_uname, .args = { 0 } },
	{ "uname: a read-only page", -EFAULT, .nr = __NR_uname, .args = { RO } },
	{ "uname: 100 bytes before a hole", -EFAULT, .nr = __NR_uname, .args = { HOLE_END } },
	{ "uname: the kernel half", -EFAULT, .nr = __NR_uname, .args = { KHALF } },
	/* do_arch_prctl_64 */
	{ "arch_prctl: ARCH_SET_FS to the last user address", 0, .nr = __NR_arch_prctl,
	  .args = { ARCH_SET_FS, TOP - 1 } },
	{ "arch_prctl: ARCH_SET_FS to TASK_SIZE_MAX", -EPERM, .nr = __NR_arch_prctl,
	  .args = { ARCH_SET_FS, TOP } },
	{ "arch_prctl: ARCH_SET_GS to the kernel half", -EPERM, .nr = __NR_arch_prctl,
	  .args = { ARCH_SET_GS, KHALF } },
	{ "arch_prctl: option with bit 32 set is ARCH_SET_FS (an int)", 0,
	  .nr = __NR_arch_prctl, .args = { HI32 | ARCH_SET_FS, DATA } },
	{ "arch_prctl: ARCH_GET_FS to NULL", -EFAULT, .nr = __NR_arch_prctl,
	  .args = { ARCH_GET_FS, 0 } },
	{ "arch_prctl: ARCH_GET_FS to a read-only page", -EFAULT, .nr = __NR_arch_prctl,
	  .args = { ARCH_GET_FS, RO } },
	{ "arch_prctl: option 0", -EINVAL, .nr = __NR_arch_prctl, .args = { 0, DATA } },
	{ "arch_prctl: ARCH_GET_CPUID", -EINVAL, "Linux: 1 (CPUID does not fault)",
	  .nr = __NR_arch_prctl, .args = { ARCH_GET_CPUID } },
	/* set_tid_address: the pointer is only remembered */
	{ "set_tid_address: NULL", 1, .nr = __NR_set_tid_address, .args = { 0 } },
	{ "set_tid_address: a kernel address (ignored at exit)", 1,
	  .nr = __NR_set_tid_address, .args = { KHALF } },
};

/* Runs row r in ring 3: its result, and the program must exit normally. */
static long run_row(struct kunit *test, const struct syscall_row *r)
{
	unsigned long __user *row = (unsigned long __user *)(USER_DATA + ROW_NR);
	int status;

	map_prog(test, user_syscall_row, user_syscall_row_end, PROT_READ | PROT_WRITE);
	KUNIT_ASSERT_EQ(test, put_user(r->nr, row), 0);
	KUNIT_ASSERT_EQ(test, copy_to_user(row + 1, r->args, sizeof(r->args)), 0);
	status = run_user_thread(USER_CODE, USER_STACK_TOP);
	if (status != 0)
		KUNIT_FAIL(test, "%s: the program ended with wait status %d", r->label, status);
	return data_at(test, ROW_RET);
}

static void syscall_rows_get_linux_errnos(struct kunit *test)
{
	unsigned int notes = 0;

	map_fixed(test, RO, P, PROT_READ);
	for (const struct syscall_row *r = rows; r < rows + ARRAY_SIZE(rows); r++) {
		long got = run_row(test, r);

		notes += r->note != NULL;
		if (got != r->expect)
			KUNIT_FAIL(test, "%s: got %ld, expected %ld%s%s", r->label, got, r->expect,
				   r->note ? ", mmlab's documented difference: " : " (Linux 6.19)",
				   r->note ? r->note : "");
	}
	kunit_info(test, "%zu rows, %u of them documented differences\n", ARRAY_SIZE(rows),
		   notes);
}

static struct kunit_case user_syscall_input_cases[] = {
	KUNIT_CASE(syscall_rows_get_linux_errnos),
	{}
};

static struct kunit_suite user_syscall_input_suite = {
	.name = "user_syscall_input",
	.init = user_case_init,
	.exit = user_case_exit,
	.test_cases = user_syscall_input_cases,
};
kunit_test_suite(user_syscall_input_suite);
