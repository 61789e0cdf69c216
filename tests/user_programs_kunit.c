/*
 * tests/user_programs_kunit.c - runs the C test programs of user/tests/
 * (static musl binaries in the initramfs's /bin) and checks their TAP.
 *
 * Each program runs as a real process, a child of the test's task
 * started with call_usermodehelper (fork, execve, exit and wait4 as for
 * any program), with a copy of the case's fd table whose fd 1 is a file
 * in /tmp: its "ok N" lines stay out of the KTAP stream on the console.  The case fails for every "not ok" line
 * (printed), a missing plan, a count that differs from the plan or a
 * wait status other than exit(0); the fixture (tests/user_check.h) then
 * finds every page and kmalloc object back.  Kernel build only.
 */
#include "user_check.h"
#include <kernel/umh.h>
#include <kernel/fs.h>
#include <drivers/dmirror.h>

#define OUT	"/tmp/user_programs.out"

/* Points fd 1 at a new file OUT (the program's stdout). */
static void stdout_to_file(struct kunit *test)
{
	struct file *f = filp_open(OUT, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	int fd;

	KUNIT_ASSERT_FALSE(test, IS_ERR(f));
	fd = get_unused_fd_flags(current->files, 0);
	KUNIT_ASSERT_GE(test, fd, 0);
	fd_install(current->files, fd, f);
	KUNIT_ASSERT_EQ(test, ksys_dup3(current->files, fd, 1, -1), 1);
	KUNIT_ASSERT_EQ(test, close_fd(current->files, fd), 0);
}

/* Runs path as a process: its wait status (skips without an initramfs). */
static int run_program(struct kunit *test, const char *path)
{
	const char *argv[] = { path, NULL };
	const char *envp[] = { "HOME=/", "PATH=/bin", NULL };
	int status = call_usermodehelper(path, argv, envp, UMH_WAIT_PROC);

	if (status == -ENOENT)
		kunit_skip(test, "no %s: no initramfs", path);
	KUNIT_ASSERT_GE(test, status, 0);
	return status;
}

/* Checks the TAP in out: every line "ok", as many as the plan says. */
static void check_tap(struct kunit *test, char *out, const char *name)
{
	int oks = 0, not_oks = 0, plan = -1;

	for (char *line = out, *nl; line && *line; line = nl ? nl + 1 : NULL) {
		nl = strchr(line, '\n');
		if (nl)
			*nl = 0;
		if (!strncmp(line, "ok ", 3))
			oks++;
		else if (!strncmp(line, "not ok ", 7)) {
			not_oks++;
			KUNIT_FAIL(test, "%s: %s", name, line);
		} else if (!strncmp(line, "1..", 3)) {
			long n;

			plan = kstrtol(line + 3, 10, &n) ? -1 : (int)n;
		}
	}
	KUNIT_EXPECT_EQ(test, not_oks, 0);
	KUNIT_EXPECT_EQ(test, oks + not_oks, plan);
	kunit_info(test, "%s: %d ok, %d not ok, plan 1..%d\n", name, oks, not_oks, plan);
}

static void run_tap_program(struct kunit *test, const char *path)
{
	size_t size;
	char *out, *text;
	int status;

	stdout_to_file(test);
	status = run_program(test, path);
	KUNIT_EXPECT_EQ(test, status, EXITED(0));
	KUNIT_ASSERT_EQ(test, close_fd(current->files, 1), 0);
	KUNIT_ASSERT_EQ(test, kernel_read_file_from_path(OUT, (void **)&out, &size, 1 << 20), 0);
	KUNIT_ASSERT_EQ(test, vfs_unlink(OUT), 0);
	text = kmalloc(size + 1, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, text);
	memcpy(text, out, size);
	text[size] = 0;
	kfree(out);
	check_tap(test, text, path);
	kfree(text);
}

/* File, memory, time and getrandom calls: user/tests/syscalls_test.c. */
static void syscalls_test(struct kunit *test)
{
	run_tap_program(test, "/bin/syscalls_test");
}

/*
 * /dev/hmm_dmirror0 and 1 from user space: user/tests/hmm_dmirror_test.c.
 * Every device page must be free again once the program has exited: its
 * exit released its mm and its files.
 */
static void hmm_dmirror_test(struct kunit *test)
{
	unsigned long free0 = dmirror_device_free_pages(0), free1 = dmirror_device_free_pages(1);

	if (!free0 || !free1)
		kunit_skip(test, "no dmirror device memory");
	run_tap_program(test, "/bin/hmm_dmirror_test");
	KUNIT_EXPECT_EQ(test, dmirror_device_free_pages(0), free0);
	KUNIT_EXPECT_EQ(test, dmirror_device_free_pages(1), free1);
}

/* vfork, clone, posix_spawn, execve, wait4 and pipes: user/tests/process_test.c. */
static void process_test(struct kunit *test)
{
	unsigned long tasks = nr_tasks();

	run_tap_program(test, "/bin/process_test");
	KUNIT_EXPECT_EQ(test, nr_tasks(), tasks);	/* every child reaped */
}

/*
 * A tree of processes making 100,000 random system calls:
 * user/tests/syscall_fuzz_test.c.  Once it has exited, every page, every
 * kmalloc object, every task and every dmirror device page is back.
 */
static void syscall_fuzz_test(struct kunit *test)
{
	unsigned long tasks = nr_tasks(), objects = kmalloc_live_objects();
	unsigned long free = nr_free_pages_drained();
	unsigned long free0 = dmirror_device_free_pages(0), free1 = dmirror_device_free_pages(1);

	run_tap_program(test, "/bin/syscall_fuzz_test");
	KUNIT_EXPECT_EQ(test, nr_tasks(), tasks);
	KUNIT_EXPECT_EQ(test, kmalloc_live_objects(), objects);
	KUNIT_EXPECT_EQ(test, nr_free_pages_drained(), free);
	KUNIT_EXPECT_EQ(test, dmirror_device_free_pages(0), free0);
	KUNIT_EXPECT_EQ(test, dmirror_device_free_pages(1), free1);
}

static struct kunit_case user_programs_cases[] = {
	KUNIT_CASE(syscalls_test),
	KUNIT_CASE(process_test),
	KUNIT_CASE(hmm_dmirror_test),
	KUNIT_CASE(syscall_fuzz_test),
	{}
};

static struct kunit_suite user_programs_suite = {
	.name = "user_programs",
	.init = user_case_init,
	.exit = user_case_exit,
	.test_cases = user_programs_cases,
};
kunit_test_suite(user_programs_suite);
