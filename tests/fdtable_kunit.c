/*
 * tests/fdtable_kunit.c - file descriptor tables: numbers, dup, fcntl.
 *
 * The lowest free number first; a table that grows past its first 64 and
 * stops at NR_OPEN_MAX (-EMFILE); dup/dup2/dup3/fcntl with Linux's errnos
 * (-EBADF, -EINVAL); close-on-exec; a fork-style copy sharing the files;
 * and the last reference to a file dropped only when every number and
 * copy is gone (the case's leak check).
 */
#include "fs_check.h"
#include <kernel/fdtable.h>

static int open_fd(struct kunit *test, struct files_struct *files, const char *path,
		   int flags)
{
	struct file *f = filp_open(path, flags, 0644);
	int fd;

	KUNIT_ASSERT_FALSE(test, IS_ERR(f));
	fd = get_unused_fd_flags(files, flags);
	KUNIT_ASSERT_GE(test, fd, 0);
	fd_install(files, fd, f);
	return fd;
}

static void lowest_free_number(struct kunit *test)
{
	struct files_struct *files = files_alloc();
	struct file *f;

	KUNIT_ASSERT_NOT_NULL(test, files);
	KUNIT_EXPECT_EQ(test, open_fd(test, files, "/a", O_CREAT | O_RDWR), 0);
	KUNIT_EXPECT_EQ(test, open_fd(test, files, "/a", O_RDONLY), 1);
	KUNIT_EXPECT_EQ(test, open_fd(test, files, "/a", O_RDONLY), 2);
	KUNIT_EXPECT_EQ(test, close_fd(files, 1), 0);
	KUNIT_EXPECT_EQ(test, close_fd(files, 1), -EBADF);
	KUNIT_EXPECT_EQ(test, close_fd(files, -1), -EBADF);
	KUNIT_EXPECT_EQ(test, close_fd(files, 100000), -EBADF);
	KUNIT_EXPECT_EQ(test, open_fd(test, files, "/a", O_RDONLY), 1);
	KUNIT_EXPECT_EQ(test, get_unused_fd_flags(files, 0), 3);	/* reserved ... */
	KUNIT_EXPECT_NULL(test, fget(files, 3));			/* ... not usable yet */
	KUNIT_EXPECT_EQ(test, get_unused_fd_flags(files, 0), 4);	/* and not handed out twice */
	put_unused_fd(files, 3);
	put_unused_fd(files, 4);
	KUNIT_EXPECT_EQ(test, get_unused_fd_flags(files, 0), 3);
	put_unused_fd(files, 3);
	f = fget(files, 0);
	KUNIT_ASSERT_NOT_NULL(test, f);
	KUNIT_EXPECT_EQ(test, f->f_count, 2);
	fput(f);
	put_files_struct(files);
}

static void grows_to_the_limit(struct kunit *test)
{
	struct files_struct *files = files_alloc();
	int fd;

	KUNIT_ASSERT_NOT_NULL(test, files);
	fd = open_fd(test, files, "/a", O_CREAT | O_RDWR);
	for (int i = 1; i < NR_OPEN_MAX; i++)
		KUNIT_ASSERT_EQ(test, ksys_dup(files, fd), i);
	KUNIT_EXPECT_EQ(test, files->max_fds, NR_OPEN_MAX);
	KUNIT_EXPECT_EQ(test, ksys_dup(files, fd), -EMFILE);
	KUNIT_EXPECT_EQ(test, get_unused_fd_flags(files, 0), -EMFILE);
	KUNIT_EXPECT_EQ(test, do_fcntl(files, fd, F_DUPFD, 0), -EMFILE);
	KUNIT_EXPECT_EQ(test, files->fd[0]->f_count, NR_OPEN_MAX);
	put_files_struct(files);	/* every reference: the leak check sees them go */
}

static void dup_errnos(struct kunit *test)
{
	struct files_struct *files = files_alloc();
	int a, b;

	KUNIT_ASSERT_NOT_NULL(test, files);
	a = open_fd(test, files, "/a", O_CREAT | O_RDWR);
	b = open_fd(test, files, "/b", O_CREAT | O_RDWR);
	KUNIT_EXPECT_EQ(test, ksys_dup(files, 7), -EBADF);
	KUNIT_EXPECT_EQ(test, ksys_dup(files, -3), -EBADF);
	KUNIT_EXPECT_EQ(test, ksys_dup3(files, a, a, -1), a);		/* dup2 to itself */
	KUNIT_EXPECT_EQ(test, ksys_dup3(files, 9, 9, -1), -EBADF);
	KUNIT_EXPECT_EQ(test, ksys_dup3(files, a, a, 0), -EINVAL);	/* dup3 to itself */
	KUNIT_EXPECT_EQ(test, ksys_dup3(files, a, 5, O_RDWR), -EINVAL);
	KUNIT_EXPECT_EQ(test, ksys_dup3(files, a, NR_OPEN_MAX, 0), -EBADF);
	KUNIT_EXPECT_EQ(test, ksys_dup3(files, a, -1, 0), -EBADF);
	KUNIT_EXPECT_EQ(test, ksys_dup3(files, 9, 5, 0), -EBADF);
	KUNIT_EXPECT_EQ(test, ksys_dup3(files, a, b, -1), b);	/* b closed first, silently */
	KUNIT_EXPECT_PTR_EQ(test, files->fd[b], files->fd[a]);
	KUNIT_EXPECT_EQ(test, ksys_dup3(files, a, 200, O_CLOEXEC), 200);	/* grows */
	KUNIT_EXPECT_EQ(test, do_fcntl(files, 200, F_GETFD, 0), (long)FD_CLOEXEC);
	KUNIT_EXPECT_EQ(test, do_fcntl(files, b, F_GETFD, 0), 0L);
	KUNIT_EXPECT_EQ(test, do_fcntl(files, a, F_DUPFD, 150), 150L);
	KUNIT_EXPECT_EQ(test, do_fcntl(files, a, F_DUPFD, 150), 151L);
	KUNIT_EXPECT_EQ(test, do_fcntl(files, a, F_DUPFD, NR_OPEN_MAX), -EINVAL);
	KUNIT_EXPECT_EQ(test, do_fcntl(files, a, F_DUPFD_CLOEXEC, 0), 2L);
	KUNIT_EXPECT_EQ(test, do_fcntl(files, 2, F_GETFD, 0), (long)FD_CLOEXEC);
	KUNIT_EXPECT_EQ(test, do_fcntl(files, 2, F_SETFD, 0), 0L);
	KUNIT_EXPECT_EQ(test, do_fcntl(files, 2, F_GETFD, 0), 0L);
	KUNIT_EXPECT_EQ(test, do_fcntl(files, 77, F_GETFD, 0), -EBADF);
	KUNIT_EXPECT_EQ(test, do_fcntl(files, a, 9999, 0), -EINVAL);
	put_files_struct(files);
}

static void flags_and_exec(struct kunit *test)
{
	struct files_struct *files = files_alloc(), *copy;
	int a, c;

	KUNIT_ASSERT_NOT_NULL(test, files);
	a = open_fd(test, files, "/a", O_CREAT | O_WRONLY | O_LARGEFILE);
	c = open_fd(test, files, "/a", O_RDONLY | O_CLOEXEC);
	KUNIT_EXPECT_EQ(test, do_fcntl(files, a, F_GETFL, 0), (long)(O_WRONLY | O_LARGEFILE));
	KUNIT_EXPECT_EQ(test, do_fcntl(files, a, F_SETFL, O_APPEND | O_RDWR | O_DIRECTORY), 0L);
	KUNIT_EXPECT_EQ(test, do_fcntl(files, a, F_GETFL, 0),
			(long)(O_WRONLY | O_LARGEFILE | O_APPEND));	/* only O_APPEND took */
	KUNIT_EXPECT_EQ(test, do_fcntl(files, c, F_GETFD, 0), (long)FD_CLOEXEC);
	copy = dup_fd(files);				/* fork */
	KUNIT_ASSERT_NOT_NULL(test, copy);
	KUNIT_EXPECT_PTR_EQ(test, copy->fd[a], files->fd[a]);
	KUNIT_EXPECT_EQ(test, files->fd[a]->f_count, 2);
	KUNIT_EXPECT_EQ(test, do_fcntl(copy, c, F_GETFD, 0), (long)FD_CLOEXEC);
	do_close_on_exec(copy);				/* execve in the child */
	KUNIT_EXPECT_NULL(test, fget(copy, c));
	KUNIT_EXPECT_NOT_NULL(test, copy->fd[a]);
	KUNIT_EXPECT_EQ(test, files->fd[c]->f_count, 1);
	put_files_struct(copy);
	KUNIT_EXPECT_EQ(test, files->fd[a]->f_count, 1);
	put_files_struct(files);
}

static struct kunit_case fdtable_cases[] = {
	KUNIT_CASE(lowest_free_number),
	KUNIT_CASE(grows_to_the_limit),
	KUNIT_CASE(dup_errnos),
	KUNIT_CASE(flags_and_exec),
	{}
};

static struct kunit_suite fdtable_suite = {
	.name = "fdtable",
	.init = fs_case_init,
	.exit = fs_case_exit,
	.test_cases = fdtable_cases,
};
kunit_test_suite(fdtable_suite);
