/*
 * user/tests/syscalls_test.c - the file, memory and time system calls
 * from user space, with good and hostile arguments, as kselftest-style
 * TAP ("ok N - what" / "not ok N - what", a plan at the end).
 *
 * Calls go through raw_syscall() so that a bad pointer reaches the
 * kernel as it is (libc wrappers may check or convert) and the result is
 * the kernel's own -errno.  Every expected value is Linux 6.19's; the
 * same binary runs on Linux (it needs a writable /tmp).  The KUnit suite
 * user_programs (tests/user_programs_kunit.c) runs it and counts the lines.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/ioctl.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>
#include "tap.h"

#define KADDR	0xffff888000000000UL		/* a kernel address */
#define P	4096UL


static char buf[8192];

static void test_read_write(void)
{
	struct iovec iov[2] = { { buf, 3 }, { buf + 100, 4 } };
	long fd = SC(SYS_open, "/tmp/sct", O_CREAT | O_RDWR | O_TRUNC, 0644);

	TRUE("open O_CREAT gives fd 3 or above", fd >= 3);
	EXPECT("write 10 bytes", SC(SYS_write, fd, "0123456789", 10), 10);
	EXPECT("lseek SEEK_SET 0", SC(SYS_lseek, fd, 0, SEEK_SET), 0);
	EXPECT("read them back", SC(SYS_read, fd, buf, sizeof(buf)), 10);
	TRUE("the bytes match", !memcmp(buf, "0123456789", 10));
	EXPECT("read at the end: 0", SC(SYS_read, fd, buf, 5), 0);
	EXPECT("pread64 at 2", SC(SYS_pread64, fd, buf, 100, 2), 8);
	TRUE("pread64's bytes", !memcmp(buf, "23456789", 8));
	EXPECT("pread64 does not move the position", SC(SYS_lseek, fd, 0, SEEK_CUR), 10);
	EXPECT("pwrite64 at 20", SC(SYS_pwrite64, fd, "xy", 2, 20), 2);
	EXPECT("lseek SEEK_END: the size", SC(SYS_lseek, fd, 0, SEEK_END), 22);
	EXPECT("pread64 at -1: EINVAL", SC(SYS_pread64, fd, buf, 1, -1), -EINVAL);
	EXPECT("pread64 on fd 99: EBADF", SC(SYS_pread64, 99, buf, 1, 0), -EBADF);
	EXPECT("lseek whence 7: EINVAL", SC(SYS_lseek, fd, 0, 7), -EINVAL);
	EXPECT("lseek to -1: EINVAL", SC(SYS_lseek, fd, -1, SEEK_SET), -EINVAL);
	EXPECT("lseek on fd 99: EBADF", SC(SYS_lseek, 99, 0, SEEK_SET), -EBADF);
	EXPECT("read fd 99: EBADF", SC(SYS_read, 99, buf, 1), -EBADF);
	EXPECT("read fd 99, NULL buffer: EBADF first", SC(SYS_read, 99, 0, 1), -EBADF);
	EXPECT("pread64 into NULL: EFAULT", SC(SYS_pread64, fd, 0, 1, 0), -EFAULT);
	EXPECT("read into the kernel half: EFAULT", SC(SYS_read, fd, KADDR, 1), -EFAULT);
	EXPECT("read count past user space: EFAULT", SC(SYS_read, fd, buf, -1L), -EFAULT);
	/* writev/readv */
	SC(SYS_lseek, fd, 0, SEEK_SET);
	memcpy(buf, "abc", 3);
	memcpy(buf + 100, "defg", 4);
	EXPECT("writev 2 segments", SC(SYS_writev, fd, iov, 2), 7);
	SC(SYS_lseek, fd, 0, SEEK_SET);
	memset(buf, 0, 200);
	EXPECT("readv 2 segments", SC(SYS_readv, fd, iov, 2), 7);
	TRUE("readv's bytes", !memcmp(buf, "abc", 3) && !memcmp(buf + 100, "defg", 4));
	EXPECT("readv 0 segments", SC(SYS_readv, fd, iov, 0), 0);
	EXPECT("readv 1025 segments: EINVAL", SC(SYS_readv, fd, iov, 1025), -EINVAL);
	EXPECT("readv with the array at NULL: EFAULT", SC(SYS_readv, fd, 0, 2), -EFAULT);
	EXPECT("readv fd 99: EBADF", SC(SYS_readv, 99, iov, 2), -EBADF);
	iov[1].iov_len = -1UL;
	EXPECT("readv with a negative length: EINVAL", SC(SYS_readv, fd, iov, 2), -EINVAL);
	iov[1].iov_len = 4;
	iov[1].iov_base = (void *)KADDR;
	EXPECT("writev with a kernel segment: EFAULT", SC(SYS_writev, fd, iov, 2), -EFAULT);
	EXPECT("close", SC(SYS_close, fd), 0);
	EXPECT("close again: EBADF", SC(SYS_close, fd), -EBADF);
	fd = SC(SYS_open, "/tmp/sct", O_RDONLY);
	EXPECT("write on an O_RDONLY fd: EBADF", SC(SYS_write, fd, "a", 1), -EBADF);
	EXPECT("writev on an O_RDONLY fd: EBADF", SC(SYS_writev, fd, iov, 1), -EBADF);
	SC(SYS_close, fd);
}

static void test_open_stat(void)
{
	struct stat st;
	long dfd, fd;

	memset(buf, 'a', 5000);
	buf[5000] = 0;
	EXPECT("open a missing file: ENOENT", SC(SYS_open, "/tmp/none", O_RDONLY), -ENOENT);
	EXPECT("open NULL: EFAULT", SC(SYS_open, 0, O_RDONLY), -EFAULT);
	EXPECT("open \"\": ENOENT", SC(SYS_open, "", O_RDONLY), -ENOENT);
	EXPECT("open a 5000-byte path: ENAMETOOLONG", SC(SYS_open, buf, O_RDONLY), -ENAMETOOLONG);
	EXPECT("stat", SC(SYS_stat, "/tmp/sct", &st), 0);
	TRUE("stat: a regular file of 22 bytes", S_ISREG(st.st_mode) && st.st_size == 22);
	EXPECT("stat into NULL: EFAULT", SC(SYS_stat, "/tmp/sct", 0), -EFAULT);
	EXPECT("newfstatat AT_FDCWD", SC(SYS_newfstatat, AT_FDCWD, "/tmp/sct", &st, 0), 0);
	EXPECT("newfstatat flag 1: EINVAL", SC(SYS_newfstatat, AT_FDCWD, "/tmp/sct", &st, 1),
	       -EINVAL);
	EXPECT("newfstatat \"\" without AT_EMPTY_PATH: ENOENT",
	       SC(SYS_newfstatat, AT_FDCWD, "", &st, 0), -ENOENT);
	EXPECT("newfstatat NULL name: EFAULT", SC(SYS_newfstatat, AT_FDCWD, 0, &st, 0), -EFAULT);
	dfd = SC(SYS_open, "/tmp", O_RDONLY | O_DIRECTORY);
	TRUE("open /tmp O_DIRECTORY", dfd >= 0);
	EXPECT("newfstatat relative to a directory fd", SC(SYS_newfstatat, dfd, "sct", &st, 0), 0);
	EXPECT("newfstatat AT_EMPTY_PATH on the directory fd",
	       SC(SYS_newfstatat, dfd, "", &st, AT_EMPTY_PATH), 0);
	TRUE("... it is a directory", S_ISDIR(st.st_mode));
	EXPECT("newfstatat relative to fd 99: EBADF", SC(SYS_newfstatat, 99, "sct", &st, 0),
	       -EBADF);
	EXPECT("newfstatat absolute ignores a bad dirfd", SC(SYS_newfstatat, 99, "/tmp/sct", &st, 0),
	       0);
	fd = SC(SYS_openat, dfd, "sct", O_RDONLY);
	TRUE("openat relative to a directory fd", fd >= 0);
	EXPECT("openat relative to a file fd: ENOTDIR", SC(SYS_openat, fd, "x", O_RDONLY), -ENOTDIR);
	EXPECT("fstat", SC(SYS_fstat, fd, &st), 0);
	TRUE("fstat: 22 bytes", st.st_size == 22);
	EXPECT("fstat fd 99: EBADF", SC(SYS_fstat, 99, &st), -EBADF);
	EXPECT("fstat into the kernel half: EFAULT", SC(SYS_fstat, fd, KADDR), -EFAULT);
	EXPECT("fstat fd 2", SC(SYS_fstat, 2, &st), 0);
	TRUE("fd 2 is /dev/console (char 5:1)", S_ISCHR(st.st_mode) && st.st_rdev == 0x501);
	EXPECT("lseek on the console: ESPIPE", SC(SYS_lseek, 2, 0, SEEK_SET), -ESPIPE);
	EXPECT("pread on the console: ESPIPE", SC(SYS_pread64, 2, buf, 1, 0), -ESPIPE);
	/* access: everyone is root - exists, and x only with an x bit or a directory */
	EXPECT("access F_OK", SC(SYS_access, "/tmp/sct", F_OK), 0);
	EXPECT("access R_OK|W_OK", SC(SYS_access, "/tmp/sct", R_OK | W_OK), 0);
	EXPECT("access X_OK of a 0644 file: EACCES", SC(SYS_access, "/tmp/sct", X_OK), -EACCES);
	EXPECT("access X_OK of a directory", SC(SYS_access, "/tmp", X_OK), 0);
	EXPECT("access X_OK of /bin/runtests", SC(SYS_access, "/bin/runtests", X_OK), 0);
	EXPECT("access a missing name: ENOENT", SC(SYS_access, "/tmp/none", F_OK), -ENOENT);
	EXPECT("access mode 8: EINVAL", SC(SYS_access, "/tmp/sct", 8), -EINVAL);
	EXPECT("access NULL: EFAULT", SC(SYS_access, 0, F_OK), -EFAULT);
	EXPECT("faccessat relative to fd 99: EBADF", SC(SYS_faccessat, 99, "sct", F_OK), -EBADF);
	EXPECT("faccessat2 flag 1: EINVAL", SC(SYS_faccessat2, AT_FDCWD, "/tmp/sct", F_OK, 1),
	       -EINVAL);
	EXPECT("faccessat2 AT_EMPTY_PATH on fd 2", SC(SYS_faccessat2, 2, "", R_OK, AT_EMPTY_PATH), 0);
	{
		int p[2];

		TRUE("pipe", !pipe(p));
		EXPECT("newfstatat AT_EMPTY_PATH on a pipe", SC(SYS_newfstatat, p[0], "", &st,
								AT_EMPTY_PATH), 0);
		TRUE("... a FIFO", S_ISFIFO(st.st_mode));
		EXPECT("faccessat2 AT_EMPTY_PATH X_OK on a pipe: EACCES",
		       SC(SYS_faccessat2, p[1], "", X_OK, AT_EMPTY_PATH), -EACCES);
		close(p[0]);
		close(p[1]);
	}
	/* getdents64 */
	{
		long n = SC(SYS_getdents64, dfd, buf, sizeof(buf));
		int found = 0;

		for (long off = 0; off < n; off += *(unsigned short *)(buf + off + 16))
			found |= !strcmp(buf + off + 19, "sct");
		TRUE("getdents64 lists sct", n > 0 && found);
	}
	EXPECT("getdents64 at the end: 0", SC(SYS_getdents64, dfd, buf, sizeof(buf)), 0);
	EXPECT("getdents64 on a file: ENOTDIR", SC(SYS_getdents64, fd, buf, sizeof(buf)), -ENOTDIR);
	EXPECT("getdents64 fd 99: EBADF", SC(SYS_getdents64, 99, buf, sizeof(buf)), -EBADF);
	SC(SYS_lseek, dfd, 0, SEEK_SET);
	EXPECT("getdents64 with 1 byte: EINVAL", SC(SYS_getdents64, dfd, buf, 1), -EINVAL);
	EXPECT("getdents64 into NULL: EFAULT", SC(SYS_getdents64, dfd, 0, 100), -EFAULT);
	SC(SYS_close, fd);
	SC(SYS_close, dfd);
	/* mkdir, rmdir, unlink */
	EXPECT("mkdir", SC(SYS_mkdir, "/tmp/d", 0755), 0);
	EXPECT("mkdir again: EEXIST", SC(SYS_mkdir, "/tmp/d", 0755), -EEXIST);
	EXPECT("unlinkat bad flag: EINVAL", SC(SYS_unlinkat, AT_FDCWD, "/tmp/d", 1), -EINVAL);
	EXPECT("unlinkat AT_REMOVEDIR", SC(SYS_unlinkat, AT_FDCWD, "/tmp/d", AT_REMOVEDIR), 0);
}

static void test_fds(void)
{
	long fd = SC(SYS_open, "/tmp/sct", O_RDWR), fd2, n = 0;

	fd2 = SC(SYS_dup, fd);
	EXPECT("dup: the lowest free number", fd2, fd + 1);
	EXPECT("dup fd 99: EBADF", SC(SYS_dup, 99), -EBADF);
	EXPECT("dup2 to itself", SC(SYS_dup2, fd, fd), fd);
	EXPECT("dup2 from fd 99: EBADF", SC(SYS_dup2, 99, 10), -EBADF);
	EXPECT("dup2 to 2^30: EBADF", SC(SYS_dup2, fd, 1 << 30), -EBADF);
	EXPECT("dup3 to itself: EINVAL", SC(SYS_dup3, fd, fd, 0), -EINVAL);
	EXPECT("dup3 flag 1: EINVAL", SC(SYS_dup3, fd, 10, 1), -EINVAL);
	EXPECT("dup3 O_CLOEXEC", SC(SYS_dup3, fd, 10, O_CLOEXEC), 10);
	EXPECT("F_GETFD: FD_CLOEXEC", SC(SYS_fcntl, 10, F_GETFD), FD_CLOEXEC);
	EXPECT("F_SETFD 0", SC(SYS_fcntl, 10, F_SETFD, 0), 0);
	EXPECT("F_GETFD: 0", SC(SYS_fcntl, 10, F_GETFD), 0);
	EXPECT("F_DUPFD from 20", SC(SYS_fcntl, fd, F_DUPFD, 20), 20);
	EXPECT("F_DUPFD_CLOEXEC from 20", SC(SYS_fcntl, fd, F_DUPFD_CLOEXEC, 20), 21);
	EXPECT("... it is close-on-exec", SC(SYS_fcntl, 21, F_GETFD), FD_CLOEXEC);
	EXPECT("F_DUPFD from 2^30: EINVAL", SC(SYS_fcntl, fd, F_DUPFD, 1 << 30), -EINVAL);
	EXPECT("F_GETFL: O_RDWR", SC(SYS_fcntl, fd, F_GETFL) & O_ACCMODE, O_RDWR);
	EXPECT("F_SETFL O_APPEND", SC(SYS_fcntl, fd, F_SETFL, O_APPEND), 0);
	TRUE("F_GETFL has O_APPEND", SC(SYS_fcntl, fd, F_GETFL) & O_APPEND);
	EXPECT("fcntl command 9999: EINVAL", SC(SYS_fcntl, fd, 9999), -EINVAL);
	EXPECT("fcntl fd 99: EBADF", SC(SYS_fcntl, 99, F_GETFD), -EBADF);
	/* ioctl */
	EXPECT("ioctl unknown command: ENOTTY", SC(SYS_ioctl, fd, 0x1234, 0), -ENOTTY);
	EXPECT("ioctl TCGETS on a file: ENOTTY", SC(SYS_ioctl, fd, TCGETS, buf), -ENOTTY);
	EXPECT("ioctl fd 99: EBADF", SC(SYS_ioctl, 99, FIONREAD, &n), -EBADF);
	SC(SYS_lseek, fd, 2, SEEK_SET);
	EXPECT("FIONREAD on a file", SC(SYS_ioctl, fd, FIONREAD, &n), 0);
	EXPECT("... the bytes left", n, 20);
	EXPECT("FIONREAD into NULL: EFAULT", SC(SYS_ioctl, fd, FIONREAD, 0), -EFAULT);
	EXPECT("FIOCLEX", SC(SYS_ioctl, fd2, FIOCLEX, 0), 0);
	EXPECT("... F_GETFD sees it", SC(SYS_fcntl, fd2, F_GETFD), FD_CLOEXEC);
	SC(SYS_close, fd), SC(SYS_close, fd2), SC(SYS_close, 10), SC(SYS_close, 20);
	SC(SYS_close, 21);
	EXPECT("unlink", SC(SYS_unlink, "/tmp/sct"), 0);
	EXPECT("unlink again: ENOENT", SC(SYS_unlink, "/tmp/sct"), -ENOENT);
}

static void test_cwd(void)
{
	char cwd[64];
	long fd;

	EXPECT("chdir /tmp", SC(SYS_chdir, "/tmp"), 0);
	EXPECT("getcwd: \"/tmp\" and its NUL", SC(SYS_getcwd, cwd, sizeof(cwd)), 5);
	TRUE("... the path", !strcmp(cwd, "/tmp"));
	EXPECT("getcwd into 4 bytes: ERANGE", SC(SYS_getcwd, cwd, 4), -ERANGE);
	EXPECT("getcwd into NULL: EFAULT", SC(SYS_getcwd, 0, 64), -EFAULT);
	fd = SC(SYS_open, "cwd_file", O_CREAT | O_RDWR, 0644);
	TRUE("open a relative name after chdir", fd >= 0);
	SC(SYS_close, fd);
	EXPECT("... it is in /tmp", SC(SYS_unlink, "/tmp/cwd_file"), 0);
	EXPECT("chdir to a file: ENOTDIR", SC(SYS_chdir, "/dev/null"), -ENOTDIR);
	EXPECT("chdir to a missing one: ENOENT", SC(SYS_chdir, "/none"), -ENOENT);
	EXPECT("chdir NULL: EFAULT", SC(SYS_chdir, 0), -EFAULT);
	EXPECT("chdir \"\": ENOENT", SC(SYS_chdir, ""), -ENOENT);
	EXPECT("fchdir fd 99: EBADF", SC(SYS_fchdir, 99), -EBADF);
	fd = SC(SYS_open, "/dev/null", O_RDONLY);
	EXPECT("fchdir to a file: ENOTDIR", SC(SYS_fchdir, fd), -ENOTDIR);
	SC(SYS_close, fd);
	EXPECT("mkdir /tmp/cwd_dir", SC(SYS_mkdir, "/tmp/cwd_dir", 0755), 0);
	EXPECT("chdir into it", SC(SYS_chdir, "/tmp/cwd_dir"), 0);
	EXPECT("rmdir the cwd", SC(SYS_rmdir, "/tmp/cwd_dir"), 0);
	EXPECT("getcwd of a removed directory: ENOENT", SC(SYS_getcwd, cwd, sizeof(cwd)), -ENOENT);
	fd = SC(SYS_open, "/", O_RDONLY | O_DIRECTORY);
	EXPECT("fchdir to /", SC(SYS_fchdir, fd), 0);
	SC(SYS_close, fd);
	EXPECT("getcwd: \"/\"", SC(SYS_getcwd, cwd, sizeof(cwd)), 2);
	TRUE("... the path", !strcmp(cwd, "/"));
}

static void test_devices(void)
{
	long fd = SC(SYS_open, "/dev/null", O_RDWR);

	EXPECT("/dev/null: write 5", SC(SYS_write, fd, "hello", 5), 5);
	EXPECT("/dev/null: read 0", SC(SYS_read, fd, buf, 5), 0);
	SC(SYS_close, fd);
	fd = SC(SYS_open, "/dev/zero", O_RDONLY);
	memset(buf, 1, 64);
	EXPECT("/dev/zero: read 64", SC(SYS_read, fd, buf, 64), 64);
	TRUE("... zeros", !buf[0] && !buf[63]);
	SC(SYS_close, fd);
	fd = SC(SYS_open, "/dev/urandom", O_RDONLY);
	EXPECT("/dev/urandom: read 16", SC(SYS_read, fd, buf, 16), 16);
	SC(SYS_close, fd);
	EXPECT("/dev/hmm_dmirror2 is absent: ENOENT", SC(SYS_open, "/dev/hmm_dmirror2", O_RDWR),
	       -ENOENT);
	EXPECT("/dev/hmm_dmirror3 is absent: ENOENT", SC(SYS_open, "/dev/hmm_dmirror3", O_RDWR),
	       -ENOENT);
}

static void test_memory(void)
{
	const long pa = MAP_PRIVATE | MAP_ANONYMOUS;
	long a = SC(SYS_mmap, 0, 3 * P, PROT_READ | PROT_WRITE, pa, -1, 0), b, fd;
	char *p = (char *)a;

	TRUE("mmap 3 pages anywhere", a > 0 && !(a & (P - 1)));
	p[0] = 1, p[2 * P] = 2;
	TRUE("... demand-paged, writable", p[0] == 1 && p[2 * P] == 2 && !p[P]);
	EXPECT("mmap len 0: EINVAL", SC(SYS_mmap, 0, 0, PROT_READ, pa, -1, 0), -EINVAL);
	EXPECT("mmap offset 1: EINVAL", SC(SYS_mmap, 0, P, PROT_READ, pa, -1, 1), -EINVAL);
	EXPECT("mmap len near 2^64: ENOMEM", SC(SYS_mmap, 0, -P, PROT_READ, pa, -1, 0), -ENOMEM);
	EXPECT("mmap no MAP_PRIVATE/SHARED: EINVAL",
	       SC(SYS_mmap, 0, P, PROT_READ, MAP_ANONYMOUS, -1, 0), -EINVAL);
	EXPECT("mmap MAP_FIXED unaligned: EINVAL",
	       SC(SYS_mmap, a + 1, P, PROT_READ, pa | MAP_FIXED, -1, 0), -EINVAL);
	EXPECT("mmap MAP_FIXED_NOREPLACE over a mapping: EEXIST",
	       SC(SYS_mmap, a, P, PROT_READ, pa | MAP_FIXED_NOREPLACE, -1, 0), -EEXIST);
	EXPECT("mmap a file, fd 99: EBADF", SC(SYS_mmap, 0, P, PROT_READ, MAP_PRIVATE, 99, 0),
	       -EBADF);
	fd = SC(SYS_open, "/dev/urandom", O_RDONLY);
	EXPECT("mmap a file without an mmap operation: ENODEV",
	       SC(SYS_mmap, 0, P, PROT_READ, MAP_PRIVATE, fd, 0), -ENODEV);
	SC(SYS_close, fd);
	fd = SC(SYS_open, "/dev/null", O_WRONLY);
	EXPECT("mmap a write-only file: EACCES",
	       SC(SYS_mmap, 0, P, PROT_READ, MAP_PRIVATE, fd, 0), -EACCES);
	SC(SYS_close, fd);
	b = SC(SYS_mmap, 0, 4 * P, PROT_READ | PROT_WRITE,
	       pa | MAP_POPULATE | MAP_NORESERVE | MAP_STACK, -1, 0);
	TRUE("mmap MAP_POPULATE | MAP_NORESERVE | MAP_STACK", b > 0);
	TRUE("... reads zeros", !((char *)b)[3 * P]);
	EXPECT("MAP_FIXED replaces", SC(SYS_mmap, b, P, PROT_READ, pa | MAP_FIXED, -1, 0), b);
	EXPECT("munmap unaligned: EINVAL", SC(SYS_munmap, b + 1, P), -EINVAL);
	EXPECT("munmap length 0: EINVAL", SC(SYS_munmap, b, 0), -EINVAL);
	EXPECT("munmap", SC(SYS_munmap, b, 4 * P), 0);
	EXPECT("munmap of nothing: 0", SC(SYS_munmap, b, 4 * P), 0);
	EXPECT("mprotect PROT_READ", SC(SYS_mprotect, a + 2 * P, P, PROT_READ), 0);
	TRUE("... still readable", p[2 * P] == 2);
	EXPECT("mprotect bad prot bit: EINVAL", SC(SYS_mprotect, a, P, 0x100), -EINVAL);
	EXPECT("mprotect unaligned: EINVAL", SC(SYS_mprotect, a + 1, P, PROT_READ), -EINVAL);
	EXPECT("mprotect unmapped: ENOMEM", SC(SYS_mprotect, b, P, PROT_READ), -ENOMEM);
	EXPECT("madvise MADV_DONTNEED", SC(SYS_madvise, a, P, MADV_DONTNEED), 0);
	TRUE("... the page reads zero again", p[0] == 0);
	EXPECT("madvise advice 999: EINVAL", SC(SYS_madvise, a, P, 999), -EINVAL);
	EXPECT("madvise unaligned: EINVAL", SC(SYS_madvise, a + 1, P, MADV_NORMAL), -EINVAL);
	EXPECT("madvise MADV_HUGEPAGE", SC(SYS_madvise, a, 3 * P, MADV_HUGEPAGE), 0);
	p[P] = 7;
	b = SC(SYS_mremap, a, 2 * P, 64 * P, MREMAP_MAYMOVE, 0);
	TRUE("mremap grows (MREMAP_MAYMOVE)", b > 0);
	TRUE("... the data moved with it", ((char *)b)[P] == 7);
	EXPECT("mremap flag 8: EINVAL", SC(SYS_mremap, b, P, 2 * P, 8, 0), -EINVAL);
	EXPECT("mremap unaligned: EINVAL", SC(SYS_mremap, b + 1, P, 2 * P, 0, 0), -EINVAL);
	EXPECT("munmap the moved mapping", SC(SYS_munmap, b, 64 * P), 0);
	EXPECT("munmap the read-only page left", SC(SYS_munmap, a + 2 * P, P), 0);
}

static void test_brk(void)
{
	long b0 = SC(SYS_brk, 0), top = (b0 + P - 1) & ~(P - 1), m;

	TRUE("brk(0): the current break", b0 > 0);
	EXPECT("brk grows by 10000 bytes", SC(SYS_brk, b0 + 10000), b0 + 10000);
	((char *)b0)[9999] = 1;
	EXPECT("brk grows by 3 more pages", SC(SYS_brk, b0 + 10000 + 3 * P), b0 + 10000 + 3 * P);
	((char *)b0)[9999 + 3 * P] = 1;
	EXPECT("brk shrinks", SC(SYS_brk, b0 + 100), b0 + 100);
	EXPECT("brk below the start: the current break", SC(SYS_brk, b0 - 2 * P), b0 + 100);
	EXPECT("brk past user space: the current break", SC(SYS_brk, 1UL << 47), b0 + 100);
	EXPECT("brk near 2^64: the current break", SC(SYS_brk, -1L), b0 + 100);
	m = SC(SYS_mmap, top + 4 * P, P, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
	EXPECT("a mapping 4 pages above the heap", m, top + 4 * P);
	EXPECT("brk into it: the current break", SC(SYS_brk, top + 4 * P + 1), b0 + 100);
	EXPECT("brk to the page before it: also refused", SC(SYS_brk, top + 4 * P), b0 + 100);
	EXPECT("brk up to one page short of it", SC(SYS_brk, top + 3 * P), top + 3 * P);
	SC(SYS_munmap, m, P);
	EXPECT("brk back to the start", SC(SYS_brk, b0), b0);
}

static void test_time(void)
{
	struct timespec t0, t1, ts = { 0, 1000000 };
	struct timeval tv;

	EXPECT("clock_gettime MONOTONIC", SC(SYS_clock_gettime, CLOCK_MONOTONIC, &t0), 0);
	EXPECT("clock_gettime REALTIME", SC(SYS_clock_gettime, CLOCK_REALTIME, &t1), 0);
	TRUE("REALTIME is after 2020", t1.tv_sec > 1577836800);
	EXPECT("clock_gettime BOOTTIME", SC(SYS_clock_gettime, CLOCK_BOOTTIME, &t1), 0);
	EXPECT("clock_gettime PROCESS_CPUTIME_ID",
	       SC(SYS_clock_gettime, CLOCK_PROCESS_CPUTIME_ID, &t1), 0);
	EXPECT("clock_gettime clock 42: EINVAL", SC(SYS_clock_gettime, 42, &t1), -EINVAL);
	EXPECT("clock_gettime clock -1: EINVAL", SC(SYS_clock_gettime, -1, &t1), -EINVAL);
	EXPECT("clock_gettime into NULL: EFAULT", SC(SYS_clock_gettime, CLOCK_MONOTONIC, 0),
	       -EFAULT);
	EXPECT("clock_getres MONOTONIC", SC(SYS_clock_getres, CLOCK_MONOTONIC, &t1), 0);
	TRUE("... 1 ns", t1.tv_sec == 0 && t1.tv_nsec == 1);
	EXPECT("clock_getres NULL is fine", SC(SYS_clock_getres, CLOCK_MONOTONIC, 0), 0);
	EXPECT("gettimeofday", SC(SYS_gettimeofday, &tv, 0), 0);
	TRUE("... after 2020, usec < 10^6", tv.tv_sec > 1577836800 && tv.tv_usec < 1000000);
	EXPECT("gettimeofday into the kernel half: EFAULT", SC(SYS_gettimeofday, KADDR, 0),
	       -EFAULT);
	TRUE("time(NULL) after 2020", SC(SYS_time, 0) > 1577836800);
	EXPECT("time into NULL+1: EFAULT", SC(SYS_time, 1), -EFAULT);
	EXPECT("nanosleep 1 ms", SC(SYS_nanosleep, &ts, 0), 0);
	SC(SYS_clock_gettime, CLOCK_MONOTONIC, &t1);
	TRUE("... at least 1 ms went by",
	     (t1.tv_sec - t0.tv_sec) * 1000000000L + t1.tv_nsec - t0.tv_nsec >= 1000000);
	ts.tv_nsec = 1000000000;
	EXPECT("nanosleep tv_nsec 10^9: EINVAL", SC(SYS_nanosleep, &ts, 0), -EINVAL);
	ts = (struct timespec){ -1, 0 };
	EXPECT("nanosleep tv_sec -1: EINVAL", SC(SYS_nanosleep, &ts, 0), -EINVAL);
	EXPECT("nanosleep NULL: EFAULT", SC(SYS_nanosleep, 0, 0), -EFAULT);
	ts = (struct timespec){ 0, 1000 };
	EXPECT("clock_nanosleep MONOTONIC 1 us", SC(SYS_clock_nanosleep, CLOCK_MONOTONIC, 0, &ts, 0),
	       0);
	EXPECT("clock_nanosleep TIMER_ABSTIME in the past",
	       SC(SYS_clock_nanosleep, CLOCK_MONOTONIC, TIMER_ABSTIME, &t0, 0), 0);
	EXPECT("clock_nanosleep THREAD_CPUTIME_ID: EOPNOTSUPP",
	       SC(SYS_clock_nanosleep, CLOCK_THREAD_CPUTIME_ID, 0, &ts, 0), -EOPNOTSUPP);
	EXPECT("clock_nanosleep clock 42: EINVAL", SC(SYS_clock_nanosleep, 42, 0, &ts, 0), -EINVAL);
	EXPECT("clock_nanosleep NULL: EFAULT", SC(SYS_clock_nanosleep, CLOCK_MONOTONIC, 0, 0, 0),
	       -EFAULT);
}

static void test_getrandom(void)
{
	EXPECT("getrandom 16", SC(SYS_getrandom, buf, 16, 0), 16);
	EXPECT("getrandom 0", SC(SYS_getrandom, buf, 0, 0), 0);
	EXPECT("getrandom flag 8: EINVAL", SC(SYS_getrandom, buf, 16, 8), -EINVAL);
	EXPECT("getrandom GRND_RANDOM | GRND_INSECURE: EINVAL", SC(SYS_getrandom, buf, 16, 6),
	       -EINVAL);
	EXPECT("getrandom GRND_NONBLOCK", SC(SYS_getrandom, buf, 16, 1), 16);
	EXPECT("getrandom into NULL: EFAULT", SC(SYS_getrandom, 0, 16, 0), -EFAULT);
}

int main(void)
{
	raw_syscall(SYS_write, 1, (long)"TAP version 13\n", 15, 0, 0, 0);
	test_read_write();
	test_open_stat();
	test_fds();
	test_cwd();
	test_devices();
	test_memory();
	test_brk();
	test_time();
	test_getrandom();
	return tap_finish("syscalls_test");
}
