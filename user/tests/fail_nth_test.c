/*
 * user/tests/fail_nth_test.c - the fault-injection sweep, from user space:
 * fork with copy-on-write of 4 KiB pages and of a THP, MAP_SHARED memory
 * across fork, a signal frame pushed onto a fresh stack page, and fork of
 * device-private memory.  Each scenario runs again and again in a new
 * process whose Nth page allocation fails (N = 1, 2, ..., set through
 * /proc/thread-self/fail-nth as syzkaller does), until a run no longer
 * reaches an Nth allocation.  Every run must end cleanly: the scenario's
 * data intact; a fork or ioctl that failed saying ENOMEM (or EAGAIN); a
 * signal frame that could not be written a SIGSEGV (Linux's
 * force_sigsegv); a user fault that met the failure retried - never a
 * crash, a process killed for it, or a page lost.  TAP; on Linux it needs
 * CONFIG_FAULT_INJECTION (and test_hmm.ko for the device), else it skips.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>
#include "tap.h"
#include "hmm_uapi.h"

#define TWOMEG		(2UL << 20)
#define NINTS		(TWOMEG / sizeof(int))
#define MAX_N		4000	/* more points than this: report, do not loop on */

/* A scenario's exit codes besides 0 (done, data intact) and its own failures (1..9). */
#define EXIT_CLEAN_ERROR	100	/* a call failed with ENOMEM/EAGAIN, data intact */
#define EXIT_NOT_REACHED	101	/* finished before its Nth allocation */

/* The run's own /proc/thread-self/fail-nth: opened in it, before it is armed. */
static int nth_write_fd, nth_read_fd;

static int clean_errno(void)
{
	return errno == ENOMEM || errno == EAGAIN;
}

static int first_bad(const int *p, unsigned long n, int add)
{
	for (unsigned long i = 0; i < n; i++)
		if (p[i] != (int)(i + add))
			return 1;
	return 0;
}

static void fill(int *p, unsigned long n, int add)
{
	for (unsigned long i = 0; i < n; i++)
		p[i] = i + add;
}

/* Forks; the child runs fn(p) and exits with what it returns.  Its wait status, or -1. */
static int fork_run(int (*fn)(int *), int *p)
{
	int status;
	pid_t pid = fork();

	if (pid == 0)
		_exit(fn(p));
	if (pid < 0)
		return -1;
	return waitpid(pid, &status, 0) == pid ? status : -2;
}

/* The child writes its copy and checks it; the parent's stays. */
static int child_copies(int *p)
{
	if (first_bad(p, 4096, 0))
		return 2;
	fill(p, 4096, 7);
	return first_bad(p, 4096, 7) ? 3 : 0;
}

/* A forked process writes what the parent wrote; the parent keeps its own. */
static int cow_scenario(int *p, unsigned long n)
{
	int status;

	fill(p, n, 0);
	status = fork_run(child_copies, p);
	if (status == -1)
		return first_bad(p, n, 0) ? 4 : clean_errno() ? EXIT_CLEAN_ERROR : 5;
	if (status != 0 || first_bad(p, n, 0))
		return status ? 6 : 7;
	fill(p, n, 1);				/* the only mapping again: reused */
	return first_bad(p, n, 1) ? 8 : 0;
}

static int *aligned_thp(void)
{
	char *base = mmap(NULL, 2 * TWOMEG, PROT_READ | PROT_WRITE,
			  MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	int *p;

	if (base == MAP_FAILED)
		return NULL;
	p = (int *)(((uintptr_t)base + TWOMEG - 1) & ~(TWOMEG - 1));
	madvise(p, TWOMEG, MADV_HUGEPAGE);
	return p;
}

static int scenario_cow_small(void)
{
	int *p = mmap(NULL, 16 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED)
		return clean_errno() ? EXIT_CLEAN_ERROR : 1;
	return cow_scenario(p, 16 * 1024);
}

static int scenario_cow_thp(void)
{
	int *p = aligned_thp();

	if (!p)
		return clean_errno() ? EXIT_CLEAN_ERROR : 1;
	return cow_scenario(p, NINTS);
}

static int child_writes_shared(int *p)
{
	if (first_bad(p, 8 * 1024, 0))
		return 2;
	fill(p, 8 * 1024, 5);
	return 0;
}

/* MAP_SHARED|MAP_ANONYMOUS: what the child writes, the parent reads. */
static int scenario_shared(void)
{
	int *p = mmap(NULL, 8 * 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	int status;

	if (p == MAP_FAILED)
		return clean_errno() ? EXIT_CLEAN_ERROR : 1;
	fill(p, 8 * 1024, 0);
	status = fork_run(child_writes_shared, p);
	if (status == -1)
		return first_bad(p, 8 * 1024, 0) ? 4 : clean_errno() ? EXIT_CLEAN_ERROR : 5;
	return status ? 6 : first_bad(p, 8 * 1024, 5) ? 7 : 0;
}

static volatile int handled;

static void on_usr1(int sig)
{
	volatile char scratch[8192];	/* the handler's own stack pages, faulted in */

	for (unsigned int i = 0; i < sizeof(scratch); i += 512)
		scratch[i] = sig;
	handled += scratch[4096] == sig;
}

/*
 * A signal delivered on a stack nothing has touched: rt_sigframe and the
 * FPU state go to fresh pages, allocated while the kernel writes them.
 */
static int scenario_signal(void)
{
	struct sigaction sa = { .sa_handler = on_usr1 };
	char *stack = mmap(NULL, 64 * 1024, PROT_READ | PROT_WRITE,
			   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (stack == MAP_FAILED)
		return clean_errno() ? EXIT_CLEAN_ERROR : 1;
	if (sigaction(SIGUSR1, &sa, NULL))
		return clean_errno() ? EXIT_CLEAN_ERROR : 2;
	if (kill_on_stack(stack + 64 * 1024, getpid(), SIGUSR1))
		return 3;
	return handled == 1 ? 0 : 4;
}

static int child_reads_device(int *p)
{
	if (first_bad(p, NINTS, 0))	/* device pages come back to RAM */
		return 2;
	fill(p, NINTS, 3);
	return first_bad(p, NINTS, 3) ? 3 : 0;
}

/* A THP migrated to the device, then fork: both map the device pages. */
static int scenario_device(void)
{
	int fd = open("/dev/hmm_dmirror0", O_RDWR);
	int *p = aligned_thp(), *mirror = malloc(TWOMEG);
	struct hmm_dmirror_cmd c = { .npages = TWOMEG / 4096 };
	int status;

	if (fd < 0 || !p || !mirror)
		return clean_errno() ? EXIT_CLEAN_ERROR : 1;
	fill(p, NINTS, 0);
	c.addr = (uintptr_t)p;
	c.ptr = (uintptr_t)mirror;
	/* pages left in RAM: dmirror's read-back of the range says ENOENT (Linux's too) */
	if (ioctl(fd, HMM_DMIRROR_MIGRATE_TO_DEV, &c) && errno != ENOENT && !clean_errno())
		return 2;
	if (first_bad(p, NINTS, 0))
		return 4;
	status = fork_run(child_reads_device, p);
	if (status == -1)
		return first_bad(p, NINTS, 0) ? 5 : clean_errno() ? EXIT_CLEAN_ERROR : 6;
	return status ? 7 : first_bad(p, NINTS, 0) ? 8 : 0;
}

/* Arms fail-nth, runs the scenario, tells whether its Nth allocation came. */
static int run_armed(int (*scenario)(void), unsigned int n)
{
	char buf[16];
	int len = snprintf(buf, sizeof(buf), "%u", n), ret;

	nth_write_fd = open("/proc/thread-self/fail-nth", O_WRONLY);
	nth_read_fd = open("/proc/thread-self/fail-nth", O_RDONLY);
	if (nth_write_fd < 0 || nth_read_fd < 0 || write(nth_write_fd, buf, len) != len)
		return 10;
	ret = scenario();
	len = pread(nth_read_fd, buf, sizeof(buf) - 1, 0);
	if (len <= 0)
		return 11;
	buf[len] = 0;
	if (atoi(buf)) {			/* never reached: disarm, and say so */
		if (write(nth_write_fd, "0", 1) != 1)
			return 12;
		return ret ? ret : EXIT_NOT_REACHED;
	}
	return ret;
}

struct sweep {
	const char *name;
	int (*scenario)(void);
	int may_sigsegv;	/* a signal frame may fail to be written */
};

/* Runs one scenario for N = 1, 2, ... and reports the outcomes. */
static void sweep(const struct sweep *s)
{
	unsigned int n, completed = 0, clean = 0, segv = 0;
	char what[200];

	for (n = 1; n <= MAX_N; n++) {
		int status;
		pid_t pid = fork();

		if (pid == 0)
			_exit(run_armed(s->scenario, n));
		if (pid < 0 || waitpid(pid, &status, 0) != pid) {
			snprintf(what, sizeof(what), "%s: fork of the run with N=%u", s->name, n);
			ok(0, what, pid, 0);
			return;
		}
		if (WIFEXITED(status) && WEXITSTATUS(status) == EXIT_NOT_REACHED)
			break;
		if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
			completed++;
		else if (WIFEXITED(status) && WEXITSTATUS(status) == EXIT_CLEAN_ERROR)
			clean++;
		else if (s->may_sigsegv && WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV)
			segv++;
		else {
			snprintf(what, sizeof(what), "%s: the run whose allocation %u failed "
				 "(wait status)", s->name, n);
			ok(0, what, status, 0);
			return;
		}
	}
	snprintf(what, sizeof(what), "%s: %u allocations, each failed once: %u runs done "
		 "(faults retried), %u clean ENOMEM/EAGAIN, %u SIGSEGV at the frame",
		 s->name, n - 1, completed, clean, segv);
	/* a sweep that never injected, or never reached its end, proves nothing */
	ok(n > 1 && n <= MAX_N, what, n - 1, 1);
}

static const struct sweep sweeps[] = {
	{ "fork + cow 4 KiB", scenario_cow_small, 0 },
	{ "fork + cow THP", scenario_cow_thp, 0 },
	{ "MAP_SHARED across fork", scenario_shared, 0 },
	{ "signal frame on a fresh stack", scenario_signal, 1 },
	{ "fork of device-private THP", scenario_device, 0 },
};

static int readable(const char *path)
{
	int fd = open(path, O_RDONLY);

	if (fd >= 0)
		close(fd);
	return fd >= 0;
}

int main(void)
{
	long free0, free1;

	printf("TAP version 13\n");
	fflush(stdout);
	if (!readable("/proc/thread-self/fail-nth")) {
		printf("ok 1 # SKIP no /proc/thread-self/fail-nth (CONFIG_FAULT_INJECTION)\n");
		return 0;
	}
	free0 = proc_kb("/proc/meminfo", "MemFree:");
	for (unsigned int i = 0; i < sizeof(sweeps) / sizeof(sweeps[0]); i++) {
		if (sweeps[i].scenario == scenario_device && !readable("/dev/hmm_dmirror0")) {
			printf("ok %d # SKIP %s: no /dev/hmm_dmirror0\n", ++tap_nr, sweeps[i].name);
			fflush(stdout);
			continue;
		}
		sweep(&sweeps[i]);
	}
	free1 = proc_kb("/proc/meminfo", "MemFree:");
	ok(labs(free1 - free0) < 6 * 1024, "every page back after the sweeps (MemFree, kB)",
	   free1 - free0, 0);
	return tap_finish("fail_nth_test");
}
