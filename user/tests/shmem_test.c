/*
 * user/tests/shmem_test.c - MAP_SHARED|MAP_ANONYMOUS memory: one set of
 * pages for every mapping of it, across fork (a child's writes are the
 * parent's), kept by munmap of a part and by mremap, counted in Shmem: and
 * RssShmem:, freed with the last mapping; dmirror reads and writes it but
 * cannot migrate it (-ENOENT, as Linux's lib/test_hmm.c and hmm-tests'
 * migrate_shared expect).  TAP; also runs on Linux.
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
#include <sys/wait.h>
#include <unistd.h>
#include "tap.h"

#include "hmm_uapi.h"

#define NPAGES	16
#define SIZE	(NPAGES * 4096UL)


static void fork_shares(int *p)
{
	int status = -1;
	pid_t pid;

	p[0] = 1;
	pid = fork();
	if (pid == 0) {
		int ok = p[0] == 1;

		p[0] = 2;		/* the parent's page */
		p[1024] = 3;		/* a page the parent never touched */
		_exit(ok ? 0 : 1);
	}
	EXPECT("fork: the child ran", pid > 0 && waitpid(pid, &status, 0) == pid ? status : -1, 0);
	EXPECT("fork: the child's write is the parent's", p[0], 2);
	EXPECT("fork: a page the child faulted first is shared too", p[1024], 3);
}

static void device(int *p)
{
	int fd = open("/dev/hmm_dmirror0", O_RDWR);
	int *buf = malloc(SIZE);
	struct hmm_dmirror_cmd c = { .addr = (uintptr_t)p, .ptr = (uintptr_t)buf, .npages = NPAGES };

	if (fd < 0) {
		printf("ok %d # SKIP device: no /dev/hmm_dmirror0\n", ++tap_nr);
		free(buf);
		return;
	}
	for (unsigned long i = 0; i < SIZE / 4; i++)
		buf[i] = 7 * i;
	EXPECT("device WRITE into shared memory", ioctl(fd, HMM_DMIRROR_WRITE, &c) ? -errno : 0, 0);
	EXPECT("the CPU sees the device's write", p[5] + p[SIZE / 4 - 1], 7 * 5 + 7 * (SIZE / 4 - 1));
	memset(buf, 0, SIZE);
	EXPECT("device READ of shared memory", ioctl(fd, HMM_DMIRROR_READ, &c) ? -errno : 0, 0);
	EXPECT("what the device read", buf[9], 63);
	close(fd);
	/* a mirror that has not read it: the read-back after the migration finds a gap */
	fd = open("/dev/hmm_dmirror0", O_RDWR);
	EXPECT("MIGRATE_TO_DEV of shared memory: ENOENT (not migrated)",
	       ioctl(fd, HMM_DMIRROR_MIGRATE_TO_DEV, &c) ? -errno : 0, -ENOENT);
	EXPECT("still in RAM and intact", p[9], 63);
	close(fd);
	free(buf);
}

/*
 * Holes of shared memory whose page table exists (one page faulted in):
 * MIGRATE_TO_DEV must leave them alone, as Linux's collect does for a
 * VMA that is not anonymous - else a device page, then an anonymous page,
 * would stand where the shmem object's page belongs, unseen by a child.
 */
static void device_holes(void)
{
	int fd = open("/dev/hmm_dmirror0", O_RDWR);
	int *p = mmap(NULL, SIZE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	int *buf = malloc(SIZE);
	struct hmm_dmirror_cmd c = { .addr = (uintptr_t)(p + 1024), .ptr = (uintptr_t)buf,
				     .npages = 4 };
	int status = -1;
	pid_t pid;

	if (fd < 0) {
		printf("ok %d # SKIP device holes: no /dev/hmm_dmirror0\n", ++tap_nr);
		fflush(stdout);
		free(buf);
		return;
	}
	p[0] = 1;				/* the page table exists now */
	EXPECT("MIGRATE_TO_DEV of shared holes: ENOENT (nothing collected)",
	       ioctl(fd, HMM_DMIRROR_MIGRATE_TO_DEV, &c) ? -errno : 0, -ENOENT);
	EXPECT("and nothing was put there", c.cpages, 0);
	p[1024] = 5;
	pid = fork();
	if (pid == 0)
		_exit(p[1024] == 5 ? 0 : 1);
	EXPECT("a child sees the page written into the hole",
	       pid > 0 && waitpid(pid, &status, 0) == pid ? status : -1, 0);
	munmap(p, SIZE);
	close(fd);
	free(buf);
}

int main(void)
{
	long shmem0 = proc_kb("/proc/meminfo", "Shmem:");
	int *p = mmap(NULL, SIZE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	int *q;

	printf("TAP version 13\n");
	TRUE("mmap MAP_SHARED|MAP_ANONYMOUS", p != MAP_FAILED);
	if (p == MAP_FAILED)
		return tap_finish("shmem_test");
	fork_shares(p);
	EXPECT("Shmem: counts the two pages", proc_kb("/proc/meminfo", "Shmem:") - shmem0, 8);
	EXPECT("RssShmem: counts them for this process", proc_kb("/proc/self/status", "RssShmem:"), 8);
	device(p);
	device_holes();
	EXPECT("MADV_FREE of shared memory: EINVAL, as in Linux",
	       madvise(p, 4096, MADV_FREE) ? errno : 0, EINVAL);
	EXPECT("munmap of the first page", munmap(p, 4096), 0);
	q = mremap(p + 1024, SIZE - 4096, SIZE - 4096, MREMAP_MAYMOVE);
	TRUE("mremap of the rest", q != MAP_FAILED);
	EXPECT("mremap kept the shared page's data", q[0], 7 * 1024);
	EXPECT("mprotect read-only", mprotect(q, 4096, PROT_READ), 0);
	EXPECT("mprotect read-write again", mprotect(q, 4096, PROT_READ | PROT_WRITE), 0);
	q[1] = 11;
	EXPECT("write after mprotect", q[1], 11);
	EXPECT("munmap of the rest", munmap(q, SIZE - 4096), 0);
	EXPECT("the pages went with the last mapping (Shmem:)",
	       proc_kb("/proc/meminfo", "Shmem:") - shmem0, 0);
	EXPECT("MAP_SHARED_VALIDATE with MAP_ANONYMOUS: EINVAL, as in Linux",
	       mmap(NULL, 4096, PROT_READ, MAP_SHARED_VALIDATE | MAP_ANONYMOUS, -1, 0) == MAP_FAILED ?
	       errno : 0, EINVAL);
	return tap_finish("shmem_test");
}
