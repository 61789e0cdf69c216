/*
 * user/tests/fork_test.c - fork and copy-on-write from user space: exit
 * status through wait4, 4 KiB pages and a THP copied only when written
 * (thp_split_pmd counts the split of a shared THP; a THP left to one
 * process is reused whole), device-private pages shared by parent and
 * child, and every page back after the child is reaped.  TAP; also runs
 * on Linux (the device parts need test_hmm.ko, else they are skipped).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
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

#define TWOMEG		(2UL << 20)
#define NINTS		(TWOMEG / sizeof(int))

#include "hmm_uapi.h"

/* A counter from /proc/vmstat, or -1. */
static long vmstat(const char *name)
{
	char line[128];
	long v = -1;
	FILE *f = fopen("/proc/vmstat", "r");
	size_t n = strlen(name);

	while (f && fgets(line, sizeof(line), f))
		if (!strncmp(line, name, n) && line[n] == ' ')
			v = atol(line + n + 1);
	if (f)
		fclose(f);
	return v;
}


/* Runs child_fn in a forked child; its exit status (wait4's word). */
static int run_child(int (*child_fn)(void *), void *arg)
{
	int status = -1;
	pid_t pid = fork();

	if (pid == 0)
		_exit(child_fn(arg));
	if (pid < 0 || waitpid(pid, &status, 0) != pid)
		return -1;
	return status;
}

static long first_bad(const int *p, unsigned long n, int add)
{
	for (unsigned long i = 0; i < n; i++)
		if (p[i] != (int)i + add)
			return i;
	return -1;
}

static int exit_seven(void *arg)
{
	(void)arg;
	return 7;
}

/* The child sees the parent's data, writes its own, checks it: 0 if all held. */
static int child_writes(void *arg)
{
	int *p = arg;

	if (first_bad(p, 1024, 0) != -1)
		return 1;
	for (int i = 0; i < 1024; i++)
		p[i] = i + 1000;
	return first_bad(p, 1024, 1000) == -1 ? 0 : 2;
}

static void cow_small_pages(void)
{
	int *p = mmap(NULL, 4096 * 4, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	for (int i = 0; i < 1024; i++)
		p[i] = i;
	EXPECT("fork: child sees parent's pages, its writes stay its own", run_child(child_writes, p), 0);
	EXPECT("fork: parent's 4 KiB pages unchanged after the child wrote", first_bad(p, 1024, 0), -1);
	p[0] = 5;			/* the child is gone: the page is ours again, reused */
	EXPECT("fork: parent writes after the child exited", p[0], 5);
	munmap(p, 4096 * 4);
}

/* One int in the middle of the THP, then the rest still the parent's. */
static int child_writes_one(void *arg)
{
	int *p = arg;

	p[NINTS / 2] = -1;
	if (p[NINTS / 2] != -1)
		return 1;
	p[NINTS / 2] = NINTS / 2;
	return first_bad(p, NINTS, 0) == -1 ? 0 : 2;
}

static void cow_thp(void)
{
	void *base = mmap(NULL, 2 * TWOMEG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
			  -1, 0);
	int *p = (int *)(((uintptr_t)base + TWOMEG - 1) & ~(TWOMEG - 1));
	long split0, split1, thp0 = vmstat("thp_fault_alloc");

	madvise(p, TWOMEG, MADV_HUGEPAGE);
	for (unsigned long i = 0; i < NINTS; i++)
		p[i] = i;
	TRUE("thp: the window faulted as one THP", vmstat("thp_fault_alloc") == thp0 + 1);
	split0 = vmstat("thp_split_pmd");
	EXPECT("fork thp: child writes one page, sees the rest", run_child(child_writes_one, p), 0);
	split1 = vmstat("thp_split_pmd");
	EXPECT("fork thp: the child's write split its PMD once", split1 - split0, 1);
	EXPECT("fork thp: parent's 2 MiB unchanged", first_bad(p, NINTS, 0), -1);
	p[7] = 7;			/* sole owner again: reused whole, no split */
	EXPECT("fork thp: parent's write after the child exited does not split",
	       vmstat("thp_split_pmd") - split1, 0);
	munmap(base, 2 * TWOMEG);
}

static int device_child(void *arg)
{
	int *p = arg;

	if (first_bad(p, NINTS, 0) != -1)	/* faults the device pages back */
		return 1;
	for (unsigned long i = 0; i < NINTS; i++)
		p[i] = i + 3;
	return first_bad(p, NINTS, 3) == -1 ? 0 : 2;
}

static void fork_device_pages(void)
{
	int fd = open("/dev/hmm_dmirror0", O_RDWR);
	void *base;
	int *p, *mirror = malloc(TWOMEG);
	struct hmm_dmirror_cmd c = { .ptr = (uintptr_t)mirror };

	if (fd < 0) {
		printf("ok %d # SKIP fork device: no /dev/hmm_dmirror0\n", ++tap_nr);
		return;
	}
	base = mmap(NULL, 2 * TWOMEG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	p = (int *)(((uintptr_t)base + TWOMEG - 1) & ~(TWOMEG - 1));
	madvise(p, TWOMEG, MADV_HUGEPAGE);
	for (unsigned long i = 0; i < NINTS; i++)
		p[i] = i;
	c.addr = (uintptr_t)p;
	c.npages = TWOMEG / 4096;
	EXPECT("fork device: THP to the device", ioctl(fd, HMM_DMIRROR_MIGRATE_TO_DEV, &c) ? -errno : 0, 0);
	EXPECT("fork device: child reads device pages and writes its copy",
	       run_child(device_child, p), 0);
	EXPECT("fork device: parent's data unchanged", first_bad(p, NINTS, 0), -1);
	p[1] = 1;
	EXPECT("fork device: parent writes", first_bad(p, NINTS, 0), -1);
	/* the same with 4 KiB device pages: migrate an unaligned piece */
	c.addr = (uintptr_t)(p + 1024);
	c.npages = 8;
	EXPECT("fork device: 8 small pages to the device", ioctl(fd, HMM_DMIRROR_MIGRATE_TO_DEV, &c) ? -errno : 0, 0);
	EXPECT("fork device: child after small device pages", run_child(device_child, p), 0);
	EXPECT("fork device: parent's data unchanged (small)", first_bad(p, NINTS, 0), -1);
	munmap(base, 2 * TWOMEG);
	free(mirror);
	close(fd);
}

/* 4 MiB fork-and-write rounds: a THP split and copied in the child. */
static void cow_rounds(int n)
{
	void *base = mmap(NULL, 2 * TWOMEG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
			  -1, 0);
	int *p = (int *)(((uintptr_t)base + TWOMEG - 1) & ~(TWOMEG - 1));

	madvise(p, TWOMEG, MADV_HUGEPAGE);
	for (unsigned long i = 0; i < NINTS; i++)
		p[i] = i;
	while (n--)
		run_child(child_writes_one, p);
	munmap(base, 2 * TWOMEG);
}

/*
 * MemFree does not count the pages on the per-CPU free lists (as in
 * Linux), up to a few MiB, so a leak is looked for over many rounds: one
 * lost THP a round would be 32 MiB.
 */
#define ROUNDS		16
#define PCP_SLACK_KB	(6 * 1024)

int main(void)
{
	long free0;
	int status;

	printf("TAP version 13\n");
	EXPECT("fork: the child's exit status", run_child(exit_seven, NULL), 7 << 8);
	status = 0;
	EXPECT("wait4 with no children: ECHILD", wait(&status) == -1 ? errno : 0, ECHILD);
	cow_small_pages();
	cow_thp();
	fork_device_pages();
	free0 = proc_kb("/proc/meminfo", "MemFree:");
	cow_rounds(ROUNDS);
	TRUE("fork: 16 rounds of fork + THP copy-on-write leak nothing (MemFree)",
	     labs(proc_kb("/proc/meminfo", "MemFree:") - free0) < PCP_SLACK_KB);
	return tap_finish("fork_test");
}
