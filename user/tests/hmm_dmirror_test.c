/*
 * user/tests/hmm_dmirror_test.c - /dev/hmm_dmirror0 from user space, with
 * Linux's lib/test_hmm_uapi.h ABI, as tools/testing/selftests/mm/hmm-tests.c
 * drives it: a THP migrated to the device and faulted back by touching,
 * the FAIL_ALLOC split path, device READ/WRITE and SNAPSHOT, a partial
 * munmap while on the device, and hostile commands.  kselftest-style TAP
 * (ok N - what); the KUnit suite user_programs runs it and checks that
 * every device page is free afterwards.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "hmm_uapi.h"

#define TWOMEG	(2UL << 20)
#define NPAGES	(TWOMEG >> 12)
#define NINTS	(TWOMEG / sizeof(int))
#define KADDR	0xffff888000000000UL

static int nr, failed;

static void ok(int cond, const char *what, long got, long want)
{
	char line[256];
	int len = cond ? snprintf(line, sizeof(line), "ok %d - %s\n", nr + 1, what) :
		  snprintf(line, sizeof(line), "not ok %d - %s: got %ld, want %ld\n", nr + 1,
			   what, got, want);

	nr++;
	failed += !cond;
	write(1, line, len);
}
#define EXPECT(what, call, want) do { long _g = (call), _w = (want); ok(_g == _w, what, _g, _w); } while (0)
#define TRUE(what, cond)	ok(!!(cond), what, 0, 1)

/* The raw result of ioctl: -errno, not -1. */
static long cmd(int fd, unsigned long req, void *addr, void *ptr, unsigned long npages,
		struct hmm_dmirror_cmd *out)
{
	struct hmm_dmirror_cmd c = { (uintptr_t)addr, (uintptr_t)ptr, npages, 0, 0 };
	long r = syscall(SYS_ioctl, fd, req, &c) ? -errno : 0;

	if (out)
		*out = c;
	return r;
}

static long index_mismatch(const int *p, unsigned long n, int add)
{
	for (unsigned long i = 0; i < n; i++)
		if (p[i] != (int)i + add)
			return i;
	return -1;
}

static unsigned char snapshot(int fd, void *addr)
{
	unsigned char s = 0xee;

	cmd(fd, HMM_DMIRROR_SNAPSHOT, addr, &s, 1, NULL);
	return s;
}

/* A 2 MiB-aligned window in a 4 MiB mapping, MADV_HUGEPAGE. */
static int *huge_window(void **base)
{
	*base = mmap(NULL, 2 * TWOMEG, PROT_READ | PROT_WRITE,
		     MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	int *map = (int *)(((uintptr_t)*base + TWOMEG - 1) & ~(TWOMEG - 1));

	madvise(map, TWOMEG, MADV_HUGEPAGE);
	return map;
}

static void hostile(int fd, int *map)
{
	struct hmm_dmirror_cmd c;

	EXPECT("unknown command _IOWR('H', 0x20): EINVAL",
	       cmd(fd, _IOWR('H', 0x20, struct hmm_dmirror_cmd), map, NULL, 1, NULL), -EINVAL);
	EXPECT("a TTY ioctl: EINVAL", syscall(SYS_ioctl, fd, TCGETS, &c) ? -errno : 0, -EINVAL);
	EXPECT("cmd struct at NULL: EFAULT", syscall(SYS_ioctl, fd, HMM_DMIRROR_READ, 0) ? -errno : 0,
	       -EFAULT);
	EXPECT("cmd struct in the kernel half: EFAULT",
	       syscall(SYS_ioctl, fd, HMM_DMIRROR_READ, KADDR) ? -errno : 0, -EFAULT);
	EXPECT("addr not page aligned: EINVAL",
	       cmd(fd, HMM_DMIRROR_READ, (char *)map + 1, map, 1, NULL), -EINVAL);
	EXPECT("npages 0: EINVAL", cmd(fd, HMM_DMIRROR_READ, map, map, 0, NULL), -EINVAL);
	EXPECT("lseek to 5 (default_llseek, as Linux's dmirror_fops)", lseek(fd, 5, SEEK_SET), 5);
	EXPECT("lseek to the end: 0 (the device's size)", lseek(fd, 0, SEEK_END), 0);
	EXPECT("READ into a kernel buffer: EFAULT",
	       cmd(fd, HMM_DMIRROR_READ, map, (void *)KADDR, 1, NULL), -EFAULT);
}

static void migrate_thp(int fd, int *mirror)
{
	struct hmm_dmirror_cmd c;
	void *base;
	int *map = huge_window(&base);

	for (unsigned long i = 0; i < NINTS; i++)
		map[i] = i;
	EXPECT("MIGRATE_TO_DEV a THP", cmd(fd, HMM_DMIRROR_MIGRATE_TO_DEV, map, mirror, NPAGES, &c),
	       0);
	EXPECT("... cpages 512", c.cpages, NPAGES);
	EXPECT("... the device's copy matches", index_mismatch(mirror, NINTS, 0), -1);
	EXPECT("SNAPSHOT: a device-private PMD",
	       snapshot(fd, map), HMM_DMIRROR_PROT_PMD | HMM_DMIRROR_PROT_DEV_PRIVATE_LOCAL |
	       HMM_DMIRROR_PROT_WRITE);
	EXPECT("touching faults it back: data intact", index_mismatch(map, NINTS, 0), -1);
	TRUE("SNAPSHOT: back in system memory",
	     !(snapshot(fd, map) & HMM_DMIRROR_PROT_DEV_PRIVATE_LOCAL));
	/* FAIL_ALLOC: the device gets no 2 MiB page and splits */
	EXPECT("FLAGS FAIL_ALLOC", cmd(fd, HMM_DMIRROR_FLAGS, map, NULL, HMM_DMIRROR_FLAG_FAIL_ALLOC,
				      NULL), 0);
	EXPECT("MIGRATE_TO_DEV with FAIL_ALLOC", cmd(fd, HMM_DMIRROR_MIGRATE_TO_DEV, map, mirror,
						     NPAGES, &c), 0);
	EXPECT("... cpages 512", c.cpages, NPAGES);
	EXPECT("... split: 4 KiB device pages",
	       snapshot(fd, map + 4096), HMM_DMIRROR_PROT_DEV_PRIVATE_LOCAL | HMM_DMIRROR_PROT_WRITE);
	EXPECT("... one page faulted back by a touch", map[2048], 2048);
	EXPECT("MIGRATE_TO_SYS the rest", cmd(fd, HMM_DMIRROR_MIGRATE_TO_SYS, map, NULL, NPAGES, &c),
	       0);
	TRUE("... nothing left on the device",
	     !(snapshot(fd, map + 4096) & HMM_DMIRROR_PROT_DEV_PRIVATE_LOCAL));
	EXPECT("... data intact", index_mismatch(map, NINTS, 0), -1);
	/* device READ and WRITE through the mirror's page table */
	memset(mirror, 0, TWOMEG);
	EXPECT("READ", cmd(fd, HMM_DMIRROR_READ, map, mirror, NPAGES, &c), 0);
	EXPECT("... cpages 512", c.cpages, NPAGES);
	EXPECT("... the bytes", index_mismatch(mirror, NINTS, 0), -1);
	for (unsigned long i = 0; i < NINTS; i++)
		mirror[i] = i + 1;
	EXPECT("WRITE", cmd(fd, HMM_DMIRROR_WRITE, map, mirror, NPAGES, &c), 0);
	EXPECT("... the CPU sees the device's writes", index_mismatch(map, NINTS, 1), -1);
	/* partial munmap while on the device */
	EXPECT("MIGRATE_TO_DEV again", cmd(fd, HMM_DMIRROR_MIGRATE_TO_DEV, map, mirror, NPAGES, &c),
	       0);
	EXPECT("munmap half of it while on the device", munmap(map, TWOMEG / 2), 0);
	EXPECT("... the other half faults back", index_mismatch(map + NINTS / 2, NINTS / 2,
								1 + NINTS / 2), -1);
	EXPECT("munmap the rest", munmap(base, 2 * TWOMEG), 0);
}

/* MAP_POPULATE seen by the device: SNAPSHOT finds the pages present. */
static void populate(int fd)
{
	unsigned char snap[4] = { 0xee, 0xee, 0xee, 0xee };
	char *p = mmap(NULL, 4 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
		       -1, 0);

	EXPECT("SNAPSHOT of an untouched mapping", cmd(fd, HMM_DMIRROR_SNAPSHOT, p, snap, 4, NULL),
	       0);
	TRUE("... no page present", !snap[0] && !snap[3]);
	munmap(p, 4 * 4096);
	p = mmap(NULL, 4 * 4096, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
	EXPECT("SNAPSHOT after MAP_POPULATE", cmd(fd, HMM_DMIRROR_SNAPSHOT, p, snap, 4, NULL), 0);
	TRUE("... every page present and writable",
	     snap[0] == HMM_DMIRROR_PROT_WRITE && snap[3] == HMM_DMIRROR_PROT_WRITE);
	munmap(p, 4 * 4096);
}

int main(void)
{
	static int mirror[NINTS];
	void *base;
	int fd0 = open("/dev/hmm_dmirror0", O_RDWR), fd1 = open("/dev/hmm_dmirror1", O_RDWR);

	write(1, "TAP version 13\n", 15);
	TRUE("open /dev/hmm_dmirror0", fd0 >= 0);
	TRUE("open /dev/hmm_dmirror1", fd1 >= 0);
	EXPECT("/dev/hmm_dmirror2 is absent: ENOENT", open("/dev/hmm_dmirror2", O_RDWR) < 0 ? -errno : 0,
	       -ENOENT);
	hostile(fd0, huge_window(&base));
	munmap(base, 2 * TWOMEG);
	migrate_thp(fd0, mirror);
	populate(fd0);
	/* a migration left on the device at close: the device gets it back */
	{
		int *map = huge_window(&base);
		struct hmm_dmirror_cmd c;

		map[0] = 1;
		EXPECT("MIGRATE_TO_DEV on device 1, then close",
		       cmd(fd1, HMM_DMIRROR_MIGRATE_TO_DEV, map, mirror, NPAGES, &c), 0);
		EXPECT("close device 1", close(fd1), 0);
		EXPECT("... the page is still readable", map[0], 1);
		munmap(base, 2 * TWOMEG);
	}
	EXPECT("close device 0", close(fd0), 0);
	printf("1..%d\n# hmm_dmirror_test: %d failed\n", nr, failed);
	return failed ? 1 : 0;
}
