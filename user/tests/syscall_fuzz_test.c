/*
 * user/tests/syscall_fuzz_test.c - random system calls with random
 * arguments from a tree of processes; the kernel must stay alive, every
 * child must be reaped, and (checked by the KUnit case that runs it) every
 * page and kmalloc object must be back once the tree has exited.
 *
 *   syscall_fuzz_test [SEED]          the whole tree (default seed below)
 *   syscall_fuzz_test child SEED N D  a child: N calls; at depth D 0 it
 *                                     spawns a grandchild half-way
 *   syscall_fuzz_test segv SEED N     N calls, then a store to address 8
 *
 * Numbers are drawn from the implemented calls (kernel/syscall_64.c) but
 * exit and exit_group, plus a few unknown ones (-ENOSYS).  Arguments are
 * any 64-bit value, small integers (fds 0..70, flags), kernel addresses,
 * unmapped addresses and pointers into a scratch buffer this program owns.
 * The program must survive its own fuzzing, so each call's arguments are
 * then made harmless to it (fix_args(); docs/userspace.md section 6 says
 * why each rule exists): nothing unmaps, protects or moves memory outside
 * its own region; the kernel writes only into scratch, the region, or
 * addresses that fault; nothing waits for the console, a pipe, a child
 * (WNOHANG) or long (sleeps of microseconds); fds 0-2 (and their copies)
 * are never closed, replaced, read, or written with a good buffer; files
 * are created, removed or changed only in /tmp/fz.PID; execve never
 * starts a real program.  A clone or vfork child made by a random call
 * exits at once.  Output: TAP (tap.h) from the first process, comments
 * from the others.
 *
 * `make test` runs it from KUnit (user_programs, which checks that every
 * page and task came back) and from runtests.  -DFUZZ_TRACE prints every
 * call before it is made.  Run it with
 * `make run CMDLINE='demo=none init=/bin/syscall_fuzz_test [SEED]'`.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/time.h>
#include <spawn.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "tap.h"

#define DEFAULT_SEED	0x6d6d6c6162UL		/* "mmlab" */
#define PARENT_CALLS	40000			/* the first process's own calls */
#define CHILDREN	6			/* "child" role, each with one grandchild */
#define CHILD_CALLS	8000
#define GRAND_CALLS	2000
#ifndef SEGV_CHILDREN
#define SEGV_CHILDREN	2
#endif
#define SEGV_CALLS	2000
#define EXEC_CALLS	1000			/* a vfork + execve child */
#define VFORK_CALLS	100			/* a vfork child, before _exit */
#define WANT_CALLS	100000

/*
 * The memory the fuzzer may touch: one reservation at a fixed address (the
 * same in every process, so that a dmirror file inherited from the parent
 * sees the parent's region there too), PROT_NONE but for the scratch buffer
 * and the region, so that a kernel copy running off either end faults.
 */
#define BASE		0x300000000000UL
#define SCRATCH		(BASE + 0x1000)
#define SCRATCH_SIZE	0x10000UL
#define REGION		(BASE + 0x200000)
#define REGION_SIZE	0x400000UL
#define REGION_END	(REGION + REGION_SIZE)
#define RESERVED	(REGION_END + 0x1000 - BASE)

#define KADDR		0xffff888000000000UL
#define TASK_TOP	0x00007ffffffff000UL
#define AT_FDCWD_	(-100)
#define BAD_FD		4096			/* >= NR_OPEN: always -EBADF */
#define CLONE_VM_	0x100UL
#define CLONE_PARENT_	0x8000UL
#define FIONBIO_	0x5421
#define ARCH_SET_GS_	0x1001
#define ARCH_SET_FS_	0x1002
#define ARCH_GET_FS_	0x1003
#define ARCH_GET_GS_	0x1004
#define DMIRROR_MAJOR	240
#define CONSOLE_MAJOR	5

extern char **environ;
static const char *SELF = "/bin/syscall_fuzz_test";

/* ---- the generator: xorshift64*, one state per process ---- */

static unsigned long rng;

static unsigned long rnd(void)
{
	rng ^= rng >> 12;
	rng ^= rng << 25;
	rng ^= rng >> 27;
	return rng * 0x2545f4914f6cdd1dUL;
}

static unsigned long below(unsigned long n)
{
	return n ? rnd() % n : 0;
}

/* ---- what this process counts ---- */

static long calls, efaults, enosys, successes, skipped, cleanup_calls;
static int in_vfork_child;		/* no clone/vfork/execve from there */
static int storm_on;			/* this process counts SIGUSR1 (signal_storm) */

static char out[512];

static void say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void say(const char *fmt, ...)
{
	__builtin_va_list ap;
	int len;

	__builtin_va_start(ap, fmt);
	len = vsnprintf(out, sizeof(out), fmt, ap);
	__builtin_va_end(ap);
	if (len > (int)sizeof(out) - 1)
		len = sizeof(out) - 1;
	raw_syscall(SYS_write, 1, (long)out, len, 0, 0, 0);
}

/* A helper call (not counted as fuzzing): setup, checks, restores. */
#define H(n, ...)	(cleanup_calls++, SC(n, __VA_ARGS__))

/*
 * The fuzzed call.  clone, vfork and fork may return 0 in a child that
 * shares this stack: that child exits at once, in the same asm, touching
 * no memory.
 */
static long fuzz_syscall(long n, long a, long b, long c, long d, long e, long f)
{
	register long r10 __asm__("r10") = d, r8 __asm__("r8") = e, r9 __asm__("r9") = f;
	register long r12 __asm__("r12") = n;
	long ret;

	__asm__ volatile("syscall\n\t"
			 "cmpq $56, %%r12\n\t"
			 "jb 1f\n\t"
			 "cmpq $58, %%r12\n\t"
			 "ja 1f\n\t"
			 "testq %%rax, %%rax\n\t"
			 "jnz 1f\n\t"
			 "movl $60, %%eax\n\t"		/* the child: exit(0) */
			 "xorl %%edi, %%edi\n\t"
			 "syscall\n\t"
			 "ud2\n"
			 "1:"
			 : "=a"(ret)
			 : "a"(n), "D"(a), "S"(b), "d"(c), "r"(r10), "r"(r8), "r"(r9), "r"(r12)
			 : "rcx", "r11", "memory");
	return ret;
}

/* ---- argument classes ---- */

static unsigned long scratch_ptr(void)
{
	return SCRATCH + below(SCRATCH_SIZE);
}

static unsigned long region_ptr(void)
{
	unsigned long off = below(REGION_SIZE);

	return REGION + (below(4) ? off & ~0xfffUL : off);
}

static unsigned long bad_ptr(void)
{
	static const unsigned long bad[] = {
		KADDR, KADDR + 0x100000, 0xffffffff81000000UL, 0xfffffffffffff000UL,
		0x0000800000000000UL,	/* non-canonical */
		0x00007ffffffff000UL,	/* the last user page: never mapped */
		8, 0x1000, BASE, REGION_END, SCRATCH + SCRATCH_SIZE,
	};
	return bad[below(sizeof(bad) / sizeof(bad[0]))];
}

/* A pointer the kernel may write through: it faults, or lands in memory we own. */
static unsigned long ptr(void)
{
	switch (below(8)) {
	case 0: case 1: case 2:
		return scratch_ptr();
	case 3:
		return region_ptr();
	case 4: case 5:
		return bad_ptr();
	case 6:
		return rnd() | (1UL << 63);	/* any value, but never a user address */
	default:
		return 0;
	}
}

/* Any value at all: for arguments the kernel never dereferences. */
static unsigned long any(void)
{
	switch (below(8)) {
	case 0: case 1:
		return rnd();
	case 2: case 3:
		return below(71);		/* fds, small counts */
	case 4:
		return 1UL << below(64);	/* a flag */
	case 5:
		return rnd() & rnd() & 0xfffff;	/* a few flags */
	case 6:
		return -(long)below(4097);	/* -errno-like, -1 */
	default:
		return ptr();
	}
}

static int recent[8];			/* fds that calls returned lately */

static void remember_fd(long fd)
{
	if (fd >= 0 && fd < 1024)
		recent[below(8)] = (int)fd;
}

static long fd_arg(void)
{
	switch (below(10)) {
	case 0: case 1: case 2: case 3:
		return below(71);
	case 4: case 5: case 6:
		return recent[below(8)];
	case 7:
		return (long)(int)(below(2) ? -1 : AT_FDCWD_);
	case 8:
		return below(2) ? (long)(1023 + below(3)) : (long)rnd();
	default:
		return (int)rnd();
	}
}

/* ---- what an fd is, from fstat (a helper call) ---- */

enum kind { K_NONE, K_PROTECTED, K_FIFO, K_DMIRROR, K_REG, K_OTHER };

static struct { unsigned long dev, ino; int open; } stdfds[3];

static enum kind fd_kind(long fd)
{
	struct stat st;

	if (fd >= 0 && fd <= 2)
		return K_PROTECTED;
	if (H(SYS_fstat, fd, &st))
		return K_NONE;
	for (int i = 0; i < 3; i++)
		if (stdfds[i].open && st.st_dev == stdfds[i].dev && st.st_ino == stdfds[i].ino)
			return K_PROTECTED;
	if (S_ISCHR(st.st_mode) && major(st.st_rdev) == CONSOLE_MAJOR)
		return K_PROTECTED;	/* a read would wait for a line */
	if (S_ISFIFO(st.st_mode))
		return K_FIFO;
	if (S_ISCHR(st.st_mode) && major(st.st_rdev) == DMIRROR_MAJOR)
		return K_DMIRROR;
	return S_ISREG(st.st_mode) ? K_REG : K_OTHER;
}

/* Pipes stay O_NONBLOCK: nobody here ever clears it (see fix_args). */
static void make_nonblocking(long fd)
{
	long fl = H(SYS_fcntl, fd, F_GETFL, 0);

	if (fl >= 0 && !(fl & O_NONBLOCK))
		H(SYS_fcntl, fd, F_SETFL, fl | O_NONBLOCK);
}

/* ---- paths ---- */

static char sandbox[64], notelf[64];
static char rw_paths[8][80];
static char long_path[5000];
static const char *const ro_paths[] = {
	"/", "/tmp", "/bin", "/dev", "/dev/null", "/dev/zero", "/dev/urandom",
	"/dev/hmm_dmirror0", "/dev/hmm_dmirror1", "/dev/hmm_dmirror2", "/proc/self/maps",
	"/proc/self/smaps", "/proc/self/pagemap", "/proc/self/status", "/proc/vmstat",
	"/proc/meminfo", "/proc/buddyinfo", "/sys/kernel/mm/transparent_hugepage/enabled",
	"/bin/syscall_fuzz_test", "/no/such", "", ".", "..", "bin", "tmp", "null",
};
static const char *const sandbox_names[] = { "", "/a", "/b", "/d", "/d/e", "/d/f", "/a/x", "/d/" };

static void make_paths(long pid)
{
	snprintf(sandbox, sizeof(sandbox), "/tmp/fz.%ld", pid);
	snprintf(notelf, sizeof(notelf), "/tmp/fz.%ld.notelf", pid);
	for (int i = 0; i < 8; i++)
		snprintf(rw_paths[i], sizeof(rw_paths[i]), "%s%s", sandbox, sandbox_names[i]);
	memset(long_path, 'a', sizeof(long_path) - 1);
	long_path[0] = '/';
}

/* A path that may create, remove or change: only in the sandbox. */
static unsigned long rw_path(void)
{
	return below(8) ? (unsigned long)rw_paths[below(8)] : bad_ptr();
}

/* A path only looked up or opened read-only: anything. */
static unsigned long ro_path(int *is_rw)
{
	*is_rw = 0;
	switch (below(8)) {
	case 0: case 1: case 2:
		return (unsigned long)ro_paths[below(sizeof(ro_paths) / sizeof(ro_paths[0]))];
	case 3: case 4:
		*is_rw = 1;
		return rw_path();
	case 5:
		return scratch_ptr();		/* whatever the kernel wrote there */
	case 6:
		return (unsigned long)long_path + below(2) * 1000;
	default:
		return ptr();
	}
}

/* A file execve may be given: none can start. */
static unsigned long exec_path(void)
{
	static const char *const p[] = { "/dev/null", "/tmp", "", "/no/such", "/proc/meminfo", "/bin" };

	switch (below(3)) {
	case 0:
		return (unsigned long)notelf;
	case 1:
		return (unsigned long)p[below(6)];
	default:
		return bad_ptr();
	}
}

static volatile int *volatile nowhere = (volatile int *)8;	/* an unmapped address */
static char *argv_ok[] = { "x", "y", NULL };
static char *argv_badstr[] = { "x", (char *)KADDR, NULL };

static unsigned long exec_argv(void)
{
	switch (below(4)) {
	case 0:
		return (unsigned long)argv_ok;
	case 1:
		return (unsigned long)argv_badstr;
	case 2:
		return 0;
	default:
		return bad_ptr();
	}
}

/* ---- structures the kernel reads and then follows: built here, not in scratch ---- */

static struct iovec iovs[1024];		/* UIO_MAXIOV: any count reads only these */
static struct timespec sleeps[4];
static const int one = 1;
static struct hmm_cmd { unsigned long addr, ptr, npages, cpages, faults; } dcmd;

static void fill_iovs(void)
{
	for (int i = 0; i < 1024; i++) {
		iovs[i].iov_base = (void *)ptr();
		iovs[i].iov_len = below(4) ? below(SCRATCH_SIZE) : any();
	}
}

static unsigned long timespec_arg(void)
{
	struct timespec *ts = &sleeps[below(4)];

	ts->tv_sec = below(8) ? 0 : -(long)below(3);
	ts->tv_nsec = below(8) ? (long)below(50000) : below(2) ? 1000000000L : -1;	/* < 50 us */
	return below(6) ? (unsigned long)ts : bad_ptr();
}

/* A dmirror command on this region, with a buffer in scratch. */
static unsigned long dmirror_arg(void)
{
	unsigned long pages = REGION_SIZE / 4096, first = below(pages);

	dcmd.addr = REGION + first * 4096 + (below(16) ? 0 : 8);
	dcmd.npages = 1 + below(below(4) ? 16 : pages - first);
	if (dcmd.npages > pages - first)
		dcmd.npages = pages - first;
	dcmd.ptr = dcmd.npages <= SCRATCH_SIZE / 4096 ? SCRATCH : bad_ptr();
	if (!below(16))
		dcmd.ptr = bad_ptr();
	dcmd.cpages = dcmd.faults = 0;
	return below(8) ? (unsigned long)&dcmd : bad_ptr();
}

/* ---- memory calls: whatever they unmap, protect or move is in the region ---- */

/* An address and length inside the region, or an address that fails first. */
static void region_range(long *addr, long *len, int unaligned_ok)
{
	unsigned long a = region_ptr();

	if (!unaligned_ok)
		a &= ~0xfffUL;
	if (!below(8)) {
		/* fails whatever the length: kernel, non-canonical, unaligned */
		static const unsigned long f[] = { KADDR, 0x0000800000000000UL, REGION + 1 };
		*addr = f[below(3)];
		*len = any();
		return;
	}
	*addr = a;
	*len = below(REGION_END - a + 1);
	if (below(2))
		*len &= ~0xfffUL;
	if (!below(16))
		*len = 0;
}

/* A mapping a call made outside the region: gone again at once. */
static void unmap_outside(long ret, unsigned long len)
{
	if (ret < 0 && ret > -4096)
		return;
	if ((unsigned long)ret >= REGION && (unsigned long)ret < REGION_END)
		return;
	H(SYS_munmap, ret, len);
}

static unsigned long saved_fs, saved_gs;

/* ---- one call ---- */

static const short numbers[] = {
	SYS_read, SYS_write, SYS_open, SYS_close, SYS_stat, SYS_fstat, SYS_lstat, SYS_lseek,
	SYS_ioctl, SYS_ioctl, SYS_pread64, SYS_pwrite64, SYS_readv, SYS_writev, SYS_dup,
	SYS_dup2, SYS_fcntl, SYS_mkdir, SYS_rmdir, SYS_creat, SYS_unlink, SYS_chmod,
	SYS_fchmod, SYS_fchmodat, SYS_getdents64, SYS_openat, SYS_openat, SYS_mkdirat,
	SYS_newfstatat, SYS_access, SYS_faccessat, SYS_faccessat2, SYS_unlinkat, SYS_dup3, SYS_chdir, SYS_fchdir, SYS_getcwd,
	SYS_mmap, SYS_mmap, SYS_munmap, SYS_mprotect, SYS_madvise, SYS_mremap, SYS_brk,
	SYS_clock_gettime, SYS_clock_getres, SYS_gettimeofday, SYS_time,
#ifndef NO_SLEEPS
	SYS_clock_nanosleep, SYS_sched_yield, SYS_nanosleep,
#endif
	SYS_getrandom, SYS_getpid, SYS_clone,
	SYS_vfork, SYS_execve, SYS_wait4, SYS_pipe, SYS_pipe2, SYS_rt_sigprocmask,
	SYS_uname, SYS_getuid, SYS_getgid, SYS_geteuid, SYS_getegid, SYS_getppid,
	SYS_arch_prctl, SYS_gettid, SYS_set_tid_address, SYS_fork, SYS_kill, SYS_rt_sigaction,
	/* not implemented: -ENOSYS */
	SYS_vserver, 435 /* clone3 */, 1000, -1,
};

/* The children this process started itself, and their wait status. */
#define MAX_KIDS	32
static struct kid { long pid; int status; int reaped; long calls; int segv; } kids[MAX_KIDS];
static int nkids;
static int fuzz_status, fuzz_rusage[64];

static struct kid *kid_of(long pid)
{
	for (int i = 0; i < nkids; i++)
		if (kids[i].pid == pid)
			return &kids[i];
	return NULL;
}

static void reaped(long pid, int status)
{
	struct kid *k = kid_of(pid);

	if (k && !k->reaped) {
		k->reaped = 1;
		k->status = status;
	}
}

/*
 * Makes the drawn arguments harmless to this program; returns 0 if the
 * call is to be drawn again.
 */
static int fix_args(long nr, long *a)
{
	int is_rw;
	enum kind k;

	switch (nr) {
	case SYS_read: case SYS_pread64: case SYS_readv:
		a[0] = fd_arg();
		k = fd_kind(a[0]);
		if (k == K_PROTECTED)
			a[0] = BAD_FD;		/* the console would wait for a line */
		if (k == K_FIFO)
			make_nonblocking(a[0]);
		if (nr == SYS_readv) {
			a[1] = below(4) ? (long)iovs : (long)bad_ptr();
			a[2] = below(4) ? (long)below(9) : (long)any();
		} else {
			a[1] = ptr();
			a[2] = below(4) ? (long)below(SCRATCH_SIZE + 1) : (long)any();
		}
		return 1;
	case SYS_write: case SYS_pwrite64: case SYS_writev:
		a[0] = fd_arg();
		k = fd_kind(a[0]);
		if (k == K_FIFO)
			make_nonblocking(a[0]);
		if (nr == SYS_writev) {
			a[1] = below(4) ? (long)iovs : (long)bad_ptr();
			a[2] = below(4) ? (long)below(9) : (long)any();
		} else {
			a[1] = ptr();
			a[2] = below(4) ? (long)below(SCRATCH_SIZE + 1) : (long)any();
			if (k == K_REG && a[2] > (long)SCRATCH_SIZE)
				a[2] = SCRATCH_SIZE;	/* files in RAM: keep them small */
		}
		if (k == K_PROTECTED)	/* no byte reaches the console or stdout: a kernel */
			a[1] = KADDR;	/* address faults whole (a random one may be mapped now) */
		if (nr == SYS_pwrite64 && below(2))
			a[3] = below(1 << 20);
		return 1;
	case SYS_open: case SYS_creat:
		a[0] = nr == SYS_creat ? rw_path() : ro_path(&is_rw);
		if (nr == SYS_open && !is_rw)
			a[1] &= ~(O_ACCMODE | O_CREAT | O_TRUNC | 0x400000 /* __O_TMPFILE */);
		return 1;
	case SYS_openat:
		a[0] = fd_arg();
		a[1] = ro_path(&is_rw);
		if (!is_rw)
			a[2] &= ~(O_ACCMODE | O_CREAT | O_TRUNC | 0x400000 /* __O_TMPFILE */);
		return 1;
	case SYS_stat: case SYS_lstat:
		a[0] = ro_path(&is_rw);
		a[1] = ptr();
		return 1;
	case SYS_newfstatat:
		a[0] = fd_arg();
		a[1] = below(6) ? ro_path(&is_rw) : (unsigned long)"";
		a[2] = ptr();
		a[3] = below(2) ? (long)(below(2) ? AT_EMPTY_PATH : 0) : (long)any();
		return 1;
	case SYS_access:
		a[0] = ro_path(&is_rw);
		a[1] = below(2) ? below(8) : any();
		return 1;
	case SYS_faccessat: case SYS_faccessat2:
		a[0] = fd_arg();
		a[1] = below(6) ? ro_path(&is_rw) : (unsigned long)"";
		a[2] = below(2) ? below(8) : any();
		a[3] = below(2) ? (long)(below(2) ? AT_EMPTY_PATH : 0) : (long)any();
		return 1;
	case SYS_chdir:
		a[0] = ro_path(&is_rw);
		return 1;
	case SYS_mkdir: case SYS_rmdir: case SYS_unlink: case SYS_chmod:
		a[0] = rw_path();
		return 1;
	case SYS_mkdirat: case SYS_unlinkat: case SYS_fchmodat:
		a[0] = fd_arg();
		a[1] = rw_path();
		return 1;
	case SYS_fstat:
		a[0] = fd_arg();
		a[1] = ptr();
		return 1;
	case SYS_getdents64:
		a[0] = fd_arg();
		a[1] = ptr();
		a[2] = below(2) ? (long)below(SCRATCH_SIZE) : (long)any();
		return 1;
	case SYS_getcwd:
		a[0] = ptr();
		a[1] = below(2) ? (long)below(5000) : (long)any();
		return 1;
	case SYS_close: case SYS_lseek: case SYS_fchdir: case SYS_dup:
		a[0] = fd_arg();
		if (nr != SYS_dup && nr != SYS_fchdir && fd_kind(a[0]) == K_PROTECTED)
			a[0] = BAD_FD;
		if (nr == SYS_lseek)
			a[2] = below(2) ? (long)below(6) : (long)any();
		return 1;
	case SYS_dup2: case SYS_dup3:
		a[0] = fd_arg();
		a[1] = fd_arg();
		if (fd_kind(a[1]) == K_PROTECTED)
			a[1] = BAD_FD;
		if (nr == SYS_dup3 && below(2))
			a[2] = below(2) ? O_CLOEXEC : 0;
		return 1;
	case SYS_fcntl: {
		static const int cmds[] = { F_DUPFD, F_GETFD, F_SETFD, F_GETFL, F_SETFL,
					    F_DUPFD_CLOEXEC, 1024 /* F_SETLEASE */, 9999 };
		a[0] = fd_arg();
		a[1] = below(8) ? cmds[below(8)] : (long)any();
		k = fd_kind(a[0]);
		if (k == K_PROTECTED && a[1] != F_DUPFD && a[1] != F_GETFD && a[1] != F_GETFL &&
		    a[1] != F_DUPFD_CLOEXEC)
			a[0] = BAD_FD;
		if (k == K_FIFO && a[1] == F_SETFL)
			a[2] |= O_NONBLOCK;
		if ((a[1] == F_DUPFD || a[1] == F_DUPFD_CLOEXEC) && below(2))
			a[2] = below(1100);
		return 1;
	}
	case SYS_ioctl: {
		static const unsigned long cmds[] = {
			0x5451 /* FIOCLEX */, 0x5450 /* FIONCLEX */, FIONBIO_, 0x541b /* FIONREAD */,
			0x5401 /* TCGETS */, 0xc0284800, 0xc0284801, 0xc0284802, 0xc0284803,
			0xc0284804, 0xc0284805, 0xc0284806, 0xc0284807, 0xc0284808, 0xc0284809,
		};
		a[0] = fd_arg();
		a[1] = below(8) ? cmds[below(sizeof(cmds) / sizeof(cmds[0]))] : any();
		a[2] = ptr();
		k = fd_kind(a[0]);
		if (k == K_PROTECTED)
			a[0] = BAD_FD;
		if (a[1] == FIONBIO_ && k == K_FIFO)
			a[2] = (long)&one;	/* never back to blocking */
		if (k == K_DMIRROR)
			a[2] = dmirror_arg();	/* it follows addr and ptr: ours */
		return 1;
	}
	case SYS_fchmod:
		a[0] = fd_arg();
		a[1] |= 0555;			/* a program stays executable meanwhile */
		return 1;			/* and the mode is put back afterwards */
	case SYS_mmap: {
		int fixed = below(2);

		a[3] &= ~(MAP_FIXED | MAP_FIXED_NOREPLACE);
		if (below(2))
			a[3] = (below(2) ? MAP_PRIVATE : MAP_SHARED) | MAP_ANONYMOUS |
			       (below(4) ? 0 : MAP_POPULATE) | (below(4) ? 0 : MAP_NORESERVE);
		if (fixed) {
			a[3] |= below(4) ? MAP_FIXED : MAP_FIXED_NOREPLACE;
			region_range(&a[0], &a[1], 1);
		} else if (a[3] & MAP_POPULATE) {
			a[1] = below(4 << 20);
		} else if ((unsigned long)a[1] > (1UL << 30) && (unsigned long)a[1] < TASK_TOP) {
			a[1] = below(1UL << 30);	/* see docs/userspace.md section 6 */
		}
		if (below(2))
			a[2] = below(8);
		a[4] = below(2) ? -1 : fd_arg();
		if (below(2))
			a[5] = below(4) * 4096;
		return 1;
	}
	case SYS_munmap: case SYS_mprotect:
		region_range(&a[0], &a[1], 1);
		if (nr == SYS_mprotect && below(2))
			a[2] = below(8);
		return 1;
	case SYS_madvise: {
		static const int advice[] = { MADV_NORMAL, MADV_RANDOM, MADV_SEQUENTIAL,
					      MADV_WILLNEED, MADV_DONTNEED, MADV_FREE,
					      MADV_HUGEPAGE, MADV_NOHUGEPAGE, 20 /* COLD */,
					      21 /* PAGEOUT */, 22 /* POPULATE_READ */,
					      23 /* POPULATE_WRITE */, MADV_REMOVE, MADV_DONTFORK };
		if (below(4)) {
			region_range(&a[0], &a[1], 1);
		} else {
			a[0] = SCRATCH + (below(SCRATCH_SIZE) & ~0xfffUL);
			a[1] = below(SCRATCH + SCRATCH_SIZE - a[0] + 1);
		}
		a[2] = below(4) ? advice[below(sizeof(advice) / sizeof(advice[0]))] : (long)any();
		return 1;
	}
	case SYS_mremap:
		region_range(&a[0], &a[1], 1);
		a[2] = below(4) ? (long)below(REGION_SIZE) : (long)any();
		if ((unsigned long)a[2] > (1UL << 30) && (unsigned long)a[2] < TASK_TOP)
			a[2] = below(1UL << 30);
		a[3] = below(4) ? (long)below(8) : (long)any();
		if (a[3] & MREMAP_FIXED) {
			long len;

			region_range(&a[4], &len, 1);
			a[2] = len;
		}
		return 1;
	case SYS_brk:
		return 1;			/* see fuzz_one: never below the break */
	case SYS_nanosleep:
		a[0] = timespec_arg();
		a[1] = ptr();
		return 1;
	case SYS_clock_nanosleep:
		a[0] = below(2) ? (long)below(12) : (long)any();
		a[1] = below(2) ? (long)below(2) : (long)any();	/* TIMER_ABSTIME: long past */
		a[2] = timespec_arg();
		a[3] = ptr();
		return 1;
	case SYS_clock_gettime: case SYS_clock_getres:
		a[0] = below(2) ? (long)below(12) : (long)any();
		a[1] = ptr();
		return 1;
	case SYS_gettimeofday:
		a[1] = ptr();
		/* fall through */
	case SYS_time: case SYS_uname: case SYS_set_tid_address:
		a[0] = ptr();
		return 1;
	case SYS_getrandom:
		a[0] = ptr();
		a[1] = below(2) ? (long)below(SCRATCH_SIZE) : (long)any();
		a[2] = below(2) ? (long)below(8) : (long)any();
		return 1;
	case SYS_rt_sigprocmask:
		a[0] = below(2) ? (long)below(4) : (long)any();
		a[1] = ptr();
		a[2] = ptr();
		a[3] = below(2) ? 8 : (long)any();
		return 1;
	case SYS_clone:
		if (in_vfork_child)
			return 0;
		if (below(2))
			a[0] = (a[0] & 0xffffffffUL) | (below(2) ? CLONE_VM_ | SIGCHLD : 0);
		a[0] &= ~CLONE_PARENT_;		/* its child would not be ours to reap */
		for (int i = 1; i < 5; i++)
			if (below(2))
				a[i] = ptr();
		return 1;
	case SYS_vfork: case SYS_fork:
		return !in_vfork_child;
	case SYS_kill:
		/*
		 * No signal may reach another process (its parent, KUnit's): sig 0 or a bad
		 * one; or SIGUSR1 to this process, whose handler only counts it.
		 */
		if (storm_on && !in_vfork_child && below(4) == 0) {
			a[0] = getpid();
			a[1] = SIGUSR1;
			return 1;
		}
		a[1] = below(2) ? 0 : below(2) ? 65 + (long)below(1000) : -(long)below(1000) - 1;
		return 1;
	case SYS_rt_sigaction:
		/* no handler or SIG_IGN may be installed: read the old action, or bad input */
		a[1] = below(2) ? 0 : (long)KADDR;
		return 1;
	case SYS_execve:
		if (in_vfork_child)
			return 0;
		a[0] = exec_path();
		a[1] = exec_argv();
		a[2] = exec_argv();
		return 1;
	case SYS_wait4: {
		int pid;

		a[2] = below(2) ? WNOHANG : a[2] | WNOHANG;	/* never waits */
		switch (below(8)) {
		case 0: case 1: case 2:
			a[0] = -1;
			break;
		case 3:
			a[0] = 0;
			break;
		case 4:
			a[0] = nkids ? kids[below(nkids)].pid : 1;
			break;
		case 5:
			a[0] = -(long)below(100);
			break;
		case 6:
			a[0] = 99999;
			break;
		}
		pid = (int)a[0];		/* the kernel's pid_t */
		/* a child of ours is reaped only with its status kept */
		if (pid == -1 || pid == 0 || kid_of(pid)) {
			a[1] = (long)&fuzz_status;
			a[3] = below(2) ? (long)fuzz_rusage : 0;
		} else {
			a[1] = ptr();
			a[3] = ptr();
		}
		return 1;
	}
	case SYS_pipe:
		a[0] = ptr();
		return 1;
	case SYS_pipe2:
		a[0] = ptr();
		a[1] = below(2) ? (long)(O_NONBLOCK | (below(2) ? O_CLOEXEC : 0)) : (long)any();
		if (!(a[1] & ~(O_CLOEXEC | O_NONBLOCK)))
			a[1] |= O_NONBLOCK;	/* a pipe that works never blocks */
		return 1;
	case SYS_arch_prctl: {
		static const int codes[] = { ARCH_SET_GS_, ARCH_SET_FS_, ARCH_GET_FS_, ARCH_GET_GS_, 0x1005, 0 };

		a[0] = below(8) ? codes[below(6)] : (long)any();
		a[1] = ptr();
		return 1;
	}
	default:
		return 1;
	}
}

/* The pipe a call made: non-blocking, if its fds can be read back. */
static void after_pipe(long ret, long *a)
{
	int fd[2];

	if (ret || (unsigned long)a[0] < SCRATCH || (unsigned long)a[0] > SCRATCH + SCRATCH_SIZE - 8)
		return;
	memcpy(fd, (void *)a[0], sizeof(fd));
	make_nonblocking(fd[0]);
	make_nonblocking(fd[1]);
	remember_fd(fd[0]);
	remember_fd(fd[1]);
}

static void fuzz_one(void)
{
	long a[6], nr, ret, old_brk = 0;
	struct stat st;
	int mode_saved = 0;

	do {
		nr = numbers[below(sizeof(numbers) / sizeof(numbers[0]))];
		for (int i = 0; i < 6; i++)
			a[i] = any();
	} while (!fix_args(nr, a) && ++skipped);
	if (nr == SYS_brk) {
		old_brk = H(SYS_brk, 0);
		/* the heap musl uses is below the break: never shrink it */
		if (a[0] > 0 && a[0] < old_brk)
			a[0] = below(2) ? old_brk + (long)below(64 << 20) : (long)below(0x400000);
	}
	if (nr == SYS_fchmod)
		mode_saved = !H(SYS_fstat, a[0], &st);
#ifdef FUZZ_TRACE
	say("T %ld %ld: %ld %lx %lx %lx %lx %lx %lx\n", (long)getpid(), calls, nr, a[0], a[1], a[2], a[3], a[4], a[5]);
#endif
	ret = fuzz_syscall(nr, a[0], a[1], a[2], a[3], a[4], a[5]);
	calls++;
	efaults += ret == -EFAULT;
	enosys += ret == -ENOSYS;
	successes += ret >= 0 || ret < -4095;
	switch (nr) {
	case SYS_brk:
		H(SYS_brk, old_brk);
		break;
	case SYS_fchmod:
		if (mode_saved)
			H(SYS_fchmod, a[0], st.st_mode & 07777);
		break;
	case SYS_arch_prctl:
		H(SYS_arch_prctl, ARCH_SET_FS_, saved_fs);	/* musl's TLS */
		H(SYS_arch_prctl, ARCH_SET_GS_, saved_gs);
		break;
	case SYS_mmap:
		unmap_outside(ret, a[1]);
		break;
	case SYS_mremap:
		unmap_outside(ret, a[2]);
		break;
	case SYS_pipe: case SYS_pipe2:
		after_pipe(ret, a);
		break;
	case SYS_wait4:
		if (ret > 0)
			reaped(ret, a[1] == (long)&fuzz_status ? fuzz_status : -1);
		break;
	case SYS_open: case SYS_openat: case SYS_creat: case SYS_dup: case SYS_dup2:
	case SYS_dup3: case SYS_fcntl:
		remember_fd(ret);
		break;
	}
}

static void fuzz(long n)
{
	for (long i = 0; i < n; i++) {
		if (!(i & 255))
			fill_iovs();
		fuzz_one();
	}
}

/* ---- setup and cleanup of one process ---- */

static int setup(unsigned long seed)
{
	struct stat st;
	long fd;

	rng = seed ? seed : 1;
	for (int i = 0; i < 3; i++) {
		stdfds[i].open = !SC(SYS_fstat, i, &st);
		stdfds[i].dev = st.st_dev;
		stdfds[i].ino = st.st_ino;
	}
	if (SC(SYS_mmap, BASE, RESERVED, PROT_NONE,
	       MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0) != (long)BASE)
		return -1;
	if (SC(SYS_mprotect, SCRATCH, SCRATCH_SIZE, PROT_READ | PROT_WRITE) ||
	    SC(SYS_mprotect, REGION, REGION_SIZE, PROT_READ | PROT_WRITE))
		return -1;
	SC(SYS_arch_prctl, ARCH_GET_FS_, &saved_fs);
	SC(SYS_arch_prctl, ARCH_GET_GS_, &saved_gs);
	make_paths(SC(SYS_getpid, 0));
	if (SC(SYS_mkdir, sandbox, 0755))
		return -1;
	fd = SC(SYS_open, notelf, O_CREAT | O_WRONLY | O_TRUNC, 0755);
	if (fd < 0)
		return -1;
	SC(SYS_write, fd, "not an elf\n", 11);
	SC(SYS_close, fd);
	for (int i = 0; i < 8; i++)
		recent[i] = 3 + i;
	fill_iovs();
	return 0;
}

/* Removes what the process with this pid may have left in /tmp. */
static void remove_sandbox(long pid)
{
	static const char *const order[] = { "/d/e", "/d/f", "/a/x", "/a", "/b", "/d", "" };
	char path[96];

	for (unsigned i = 0; i < sizeof(order) / sizeof(order[0]); i++) {
		snprintf(path, sizeof(path), "/tmp/fz.%ld%s", pid, order[i]);
		if (SC(SYS_unlink, path) && SC(SYS_rmdir, path) == -ENOTEMPTY)
			say("# %s is not empty\n", path);
	}
	snprintf(path, sizeof(path), "/tmp/fz.%ld.notelf", pid);
	SC(SYS_unlink, path);
}

/* Closes every fd but the protected ones: a fresh table for what follows. */
static void close_fuzzed_fds(void)
{
	for (int fd = 3; fd < 1024; fd++)
		if (fd_kind(fd) != K_PROTECTED)
			SC(SYS_close, fd);
}

/* Waits for every child: 0 if wait4(-1) ends with ECHILD. */
static long reap_all(long *fuzz_children)
{
	int status;
	long pid;

	while ((pid = SC(SYS_wait4, -1, &status, 0, 0)) > 0) {
		if (kid_of(pid))
			reaped(pid, status);
		else
			++*fuzz_children;
	}
	return pid;
}

static void finish_process(void)
{
	close_fuzzed_fds();
	SC(SYS_chdir, "/");		/* the cwd is shared by every process */
	remove_sandbox(SC(SYS_getpid, 0));
	SC(SYS_munmap, BASE, RESERVED);
}

/* ---- children ---- */

static long spawn_role(const char *role, unsigned long seed, long n, int depth)
{
	char s[24], c[24], d[24];
	char *argv[] = { "syscall_fuzz_test", (char *)role, s, c, d, NULL };
	pid_t pid;
	int err;

	snprintf(s, sizeof(s), "%lu", seed);
	snprintf(c, sizeof(c), "%ld", n);
	snprintf(d, sizeof(d), "%d", depth);
	err = posix_spawn(&pid, SELF, NULL, NULL, argv, environ);
	if (err == EMFILE || err == ENFILE) {
		close_fuzzed_fds();
		err = posix_spawn(&pid, SELF, NULL, NULL, argv, environ);
	}
	if (err)
		return -err;
	if (nkids < MAX_KIDS)
		kids[nkids++] = (struct kid){ .pid = pid, .calls = n, .segv = !strcmp(role, "segv") };
	return pid;
}

/* vfork; the child makes a few calls on the parent's memory and _exits. */
static long vfork_exit(void)
{
	long pid = vfork();

	if (pid == 0) {
		in_vfork_child = 1;
		fuzz(VFORK_CALLS);
		in_vfork_child = 0;
		_exit(0);
	}
	if (pid > 0 && nkids < MAX_KIDS)
		kids[nkids++] = (struct kid){ .pid = pid };
	return pid;
}

/* vfork + execve of this program as a child: the path musl's posix_spawn does not take. */
static long vfork_exec(unsigned long seed)
{
	char s[24], c[24];
	char *argv[] = { "syscall_fuzz_test", "child", s, c, "1", NULL };
	long pid;

	snprintf(s, sizeof(s), "%lu", seed);
	snprintf(c, sizeof(c), "%d", EXEC_CALLS);
	pid = vfork();
	if (pid == 0) {
		execve(SELF, argv, environ);
		_exit(127);
	}
	if (pid > 0 && nkids < MAX_KIDS)
		kids[nkids++] = (struct kid){ .pid = pid, .calls = EXEC_CALLS };
	return pid;
}

/* "child SEED N DEPTH" and "segv SEED N": the exit status says what went wrong. */
static int child_main(int argc, char **argv)
{
	unsigned long seed = argc > 2 ? strtoul(argv[2], NULL, 0) : 1;
	long n = argc > 3 ? atol(argv[3]) : 100, fuzz_children = 0, pid;
	int depth = argc > 4 ? atoi(argv[4]) : 1, bad = 0;

	if (setup(seed))
		return 2;
	pid = SC(SYS_getpid, 0);
	if (!strcmp(argv[1], "segv")) {
		fuzz(n);
		reap_all(&fuzz_children);	/* no orphans: process 1 would inherit them */
		finish_process();
		say("# pid %ld (segv): %ld calls, now a store to address 8\n", pid, calls);
		*nowhere = 1;
		return 3;
	}
	fuzz(n / 2);
	if (depth == 0)
		spawn_role("child", seed * 31 + 7, GRAND_CALLS, depth + 1);
	fuzz(n - n / 2);
	if (reap_all(&fuzz_children) != -ECHILD)
		bad = 4;
	for (int i = 0; i < nkids; i++) {
		if (!kids[i].reaped || kids[i].status != 0)
			bad = 5;
		remove_sandbox(kids[i].pid);
	}
	finish_process();
	say("# pid %ld (child, depth %d): %ld calls (%ld -EFAULT, %ld -ENOSYS, %ld ok), "
	    "%d children, %ld from random clones\n", pid, depth, calls, efaults, enosys,
	    successes, nkids, fuzz_children);
	return bad;
}

/*
 * Signals during the fuzzing: SIGALRM every 2 ms (ITIMER_REAL) and
 * SIGUSR1 from fuzzed kills interrupt the calls - handlers entered on the
 * user stack between any two of them, blocking calls cut short or
 * restarted (SA_RESTART) - and the handlers only count.
 */
static volatile long alarms, usr1s;

static void count_alarm(int sig) { (void)sig; alarms++; }
static void count_usr1(int sig) { (void)sig; usr1s++; }

static void signal_storm(int on)
{
	struct sigaction sa = { .sa_handler = count_alarm, .sa_flags = SA_RESTART };
	struct itimerval it = { .it_interval = { 0, on ? 2000 : 0 }, .it_value = { 0, on ? 2000 : 0 } };

	if (on) {
		sigaction(SIGALRM, &sa, NULL);
		sa.sa_handler = count_usr1;
		sa.sa_flags = 0;
		sigaction(SIGUSR1, &sa, NULL);
	}
	storm_on = on;
	setitimer(ITIMER_REAL, &it, NULL);
}

int main(int argc, char **argv)
{
	unsigned long seed = DEFAULT_SEED;
	long total = 0, fuzz_children = 0, t0, t1, pid, lost = 0, segv = 0, ok_kids = 0;
	struct timespec ts;

	if (strchr(argv[0], '/'))
		SELF = argv[0];
	if (argc > 1 && (!strcmp(argv[1], "child") || !strcmp(argv[1], "segv")))
		return child_main(argc, argv);
	if (argc > 1)
		seed = strtoul(argv[1], NULL, 0);
	clock_gettime(CLOCK_MONOTONIC, &ts);
	t0 = ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
	say("TAP version 13\n# seed %#lx (rerun: %s %#lx)\n", seed, SELF, seed);
	TRUE("set up the scratch buffer, the region and /tmp/fz.PID", !setup(seed));
	pid = SC(SYS_getpid, 0);
	signal_storm(1);

	for (int round = 0; round < CHILDREN; round++) {
		unsigned long s = seed * 1000003 + round;

		if (spawn_role("child", s, CHILD_CALLS, 0) < 0)
			say("# spawning child %d failed\n", round);
		if (round < SEGV_CHILDREN)
			spawn_role("segv", s ^ 0x5e67, SEGV_CALLS, 0);
		fuzz(PARENT_CALLS / CHILDREN / 2);
		vfork_exit();
		vfork_exec(s ^ 0xe8ec);
		fuzz(PARENT_CALLS / CHILDREN - PARENT_CALLS / CHILDREN / 2);
	}
	signal_storm(0);
	say("# signals taken while fuzzing: %ld SIGALRM, %ld SIGUSR1\n", alarms, usr1s);
	TRUE("SIGALRM handlers ran between the fuzzed calls", alarms > 0);
	TRUE("SIGUSR1 from fuzzed kills was handled", usr1s > 0);
	EXPECT("wait4(-1) once every child is gone: ECHILD", reap_all(&fuzz_children), -ECHILD);
	total = calls;
	for (int i = 0; i < nkids; i++) {
		struct kid *k = &kids[i];
		int want_segv = k->segv;

		remove_sandbox(k->pid);
		if (!k->reaped) {
			lost++;
			continue;
		}
		if (want_segv && WIFSIGNALED(k->status) && WTERMSIG(k->status) == SIGSEGV) {
			segv++;
			total += k->calls;
		} else if (!want_segv && WIFEXITED(k->status) && WEXITSTATUS(k->status) == 0) {
			ok_kids++;
			/* a depth-0 child's grandchild ran GRAND_CALLS more */
			total += k->calls + (k->calls == CHILD_CALLS ? GRAND_CALLS : 0);
		} else {
			say("# child %ld: wait status %#x\n", k->pid, k->status);
		}
	}
	EXPECT("every child this process started was reaped", lost, 0);
	EXPECT("the \"segv\" children died of SIGSEGV", segv, SEGV_CHILDREN);
	EXPECT("the others exited 0 (their own checks passed)", ok_kids, nkids - SEGV_CHILDREN);
	finish_process();
	clock_gettime(CLOCK_MONOTONIC, &ts);
	t1 = ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
	say("# pid %ld (parent): %ld calls (%ld -EFAULT, %ld -ENOSYS, %ld ok, %ld redrawn), "
	    "%ld helper calls, %d children, %ld from random clones\n", pid, calls, efaults,
	    enosys, successes, skipped, cleanup_calls, nkids, fuzz_children);
	say("# %ld random system calls in the tree, %ld ms\n", total, t1 - t0);
	TRUE("at least 100000 random system calls in the tree", total >= WANT_CALLS);
	EXPECT("the kernel still answers: getpid", SC(SYS_getpid, 0), pid);
	EXPECT("... and write", SC(SYS_write, 1, "# still here\n", 13), 13);
	return tap_finish("syscall_fuzz_test");
}
