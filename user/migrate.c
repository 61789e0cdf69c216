/*
 * user/migrate.c - migrate [MiB]: move a buffer to the device memory of
 * /dev/hmm_dmirror0 and back, the way Linux's hmm-tests
 * (tools/testing/selftests/mm/hmm-tests.c) drives lib/test_hmm.c.
 *
 * Two rounds on a fresh 2 MiB-aligned MADV_HUGEPAGE buffer (default 4 MiB)
 * filled with a pattern: first as it is (each THP moves whole), then with
 * HMM_DMIRROR_FLAG_FAIL_ALLOC set, which makes the device's next 2 MiB
 * allocation fail, so the core must split that THP and move 512 4 KiB
 * pages instead (the flag is one-shot: the other 2 MiB regions move whole).
 * Each round prints cpages of both ioctls, the /proc/vmstat counters that
 * changed, and the data check (every byte; "data ok" or the first
 * mismatch), once on the device's copy and once back in RAM.
 *
 * Linux's semantics (lib/test_hmm.c), which mmlab's drivers/dmirror*.c
 * keep:
 *   MIGRATE_TO_DEV  migrates [addr, addr + npages pages) with
 *                   migrate_vma_setup/pages/finalize, then reads the range
 *                   back as the device sees it into ptr (npages pages):
 *                   cpages = pages the device holds, so npages when all
 *                   moved; a page it does not hold is -ENOENT.
 *   MIGRATE_TO_SYS  cpages = migrate_vma entries moved back (VALID and
 *                   MIGRATE still set in src[] after migrate_vma_pages,
 *                   dmirror_successful_migrated_pages): a THP moved whole
 *                   is ONE entry (MIGRATE_PFN_COMPOUND), a split one 512.
 *                   So 4 MiB of whole THPs gives 2; with FAIL_ALLOC 513.
 *   FLAGS           cmd.npages is the new flags word.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>
#include "progs.h"

/* Linux: lib/test_hmm_uapi.h (the part this program uses) */
struct hmm_dmirror_cmd {
	uint64_t addr, ptr, npages, cpages, faults;
};
#define HMM_DMIRROR_MIGRATE_TO_DEV	_IOWR('H', 0x02, struct hmm_dmirror_cmd)
#define HMM_DMIRROR_MIGRATE_TO_SYS	_IOWR('H', 0x03, struct hmm_dmirror_cmd)
#define HMM_DMIRROR_FLAGS		_IOWR('H', 0x08, struct hmm_dmirror_cmd)
#define HMM_DMIRROR_FLAG_FAIL_ALLOC	(1ULL << 0)

#define DEVICE	"/dev/hmm_dmirror0"
#define PAGE	4096UL
#define HPAGE	(2UL << 20)

static struct vmstat_snap snap[2];

/* A byte that differs from page to page and within each page. */
static unsigned char pattern(size_t i)
{
	return (unsigned char)(i ^ (i >> 12) ^ 0x5a);
}

static void check(const char *what, const unsigned char *p, size_t size)
{
	for (size_t i = 0; i < size; i++)
		if (p[i] != pattern(i)) {
			printf("  %s: data mismatch at offset %#zx: %#x, want %#x\n", what, i, p[i],
			       pattern(i));
			return;
		}
	printf("  %s: data ok (%zu bytes)\n", what, size);
}

/* The ioctl with cmd filled in as hmm-tests does; prints cpages or the errno. */
static int dmirror(int fd, const char *name, unsigned long req, void *addr, void *ptr,
		   uint64_t npages)
{
	struct hmm_dmirror_cmd cmd = { (uintptr_t)addr, (uintptr_t)ptr, npages, 0, 0 };

	if (ioctl(fd, req, &cmd)) {
		printf("  %s: %s\n", name, strerror(errno));
		return -1;
	}
	if (req != HMM_DMIRROR_FLAGS)
		printf("  %s: npages %llu cpages %llu\n", name, (unsigned long long)npages,
		       (unsigned long long)cmd.cpages);
	return 0;
}

static int round_trip(int fd, size_t size, int fail_alloc)
{
	unsigned char *buf = mmap_aligned(size, HPAGE), *mirror = malloc(size);
	uint64_t npages = size / PAGE;
	int ret = -1;

	printf("%s:\n", fail_alloc ? "with FAIL_ALLOC (the first THP is split on the way)" :
	       "whole THPs");
	if (buf == MAP_FAILED || !mirror) {
		printf("  out of memory\n");
		return -1;
	}
	madvise(buf, size, MADV_HUGEPAGE);
	for (size_t i = 0; i < size; i++)
		buf[i] = pattern(i);
	memset(mirror, 0, size);	/* its faults now, not in the deltas below */
	printf("  AnonHugePages before: %ld kB\n", smaps_field((uintptr_t)buf, "AnonHugePages"));
	if (fail_alloc && dmirror(fd, "FLAGS FAIL_ALLOC", HMM_DMIRROR_FLAGS, buf, NULL,
				  HMM_DMIRROR_FLAG_FAIL_ALLOC))
		goto out;
	vmstat_read(&snap[0]);
	if (dmirror(fd, "MIGRATE_TO_DEV", HMM_DMIRROR_MIGRATE_TO_DEV, buf, mirror, npages))
		goto out;
	vmstat_read(&snap[1]);
	printf("  vmstat deltas (to device):\n");
	vmstat_print_delta(&snap[0], &snap[1], "    ");
	check("device copy", mirror, size);
	if (dmirror(fd, "MIGRATE_TO_SYS", HMM_DMIRROR_MIGRATE_TO_SYS, buf, NULL, npages))
		goto out;
	vmstat_read(&snap[0]);
	printf("  vmstat deltas (back to RAM):\n");
	vmstat_print_delta(&snap[1], &snap[0], "    ");
	printf("  AnonHugePages after: %ld kB\n", smaps_field((uintptr_t)buf, "AnonHugePages"));
	check("back in RAM", buf, size);
	ret = 0;
out:
	munmap(buf, size);
	free(mirror);
	return ret;
}

int main(int argc, char *argv[])
{
	unsigned long mib = argc > 1 ? strtoul(argv[1], NULL, 0) : 4;
	size_t size = (mib + 1) / 2 * HPAGE;
	int fd, ret;

	if (!size || size > (256UL << 20)) {
		fprintf(stderr, "usage: migrate [MiB]   (2..256, default 4)\n");
		return 2;
	}
	fd = open(DEVICE, O_RDWR | O_CLOEXEC);
	if (fd < 0) {
		fprintf(stderr, "migrate: %s: %s\n"
			"migrate: on Linux it comes from lib/test_hmm.c (CONFIG_TEST_HMM=m, "
			"modprobe test_hmm); on mmlab the kernel creates it\n",
			DEVICE, strerror(errno));
		return 1;
	}
	printf("migrate: %zu KiB through %s\n", size >> 10, DEVICE);
	ret = round_trip(fd, size, 0);
	ret |= round_trip(fd, size, 1);
	close(fd);
	return ret ? 1 : 0;
}
