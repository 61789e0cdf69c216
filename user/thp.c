/*
 * user/thp.c - thp [MiB]: where transparent huge pages land.
 *
 * Maps MiB (default 4, rounded up to 2 MiB steps) of anonymous memory at a
 * 2 MiB boundary, asks for THPs with madvise(MADV_HUGEPAGE), writes one
 * byte in every 4 KiB page, then shows the result three ways:
 *   - the policy, /sys/kernel/mm/transparent_hugepage/enabled: with
 *     "[madvise]" only MADV_HUGEPAGE ranges get a THP at fault time;
 *   - /proc/self/smaps: AnonHugePages of this VMA, the kB mapped by PMDs;
 *   - /proc/self/pagemap, per 2 MiB region: present pages and their PFNs.
 *     A THP is 512 present pages whose PFNs are consecutive and start at a
 *     multiple of 512 (one 2 MiB physical block);
 * and the /proc/vmstat counters the faults moved (thp_fault_alloc ...).
 *
 * pagemap (Linux: Documentation/admin-guide/mm/pagemap.rst) holds one
 * 64-bit entry per virtual page, at offset (vaddr / 4096) * 8: bit 63
 * present, 62 swapped, 56 mapped exclusively, 55 soft-dirty, 0-54 the PFN.
 * Since Linux 4.2 the PFN reads as 0 unless the reader has CAP_SYS_ADMIN
 * (physical addresses help Rowhammer attacks); run as root to see them.
 */
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include "progs.h"

#define PAGE		4096UL
#define HPAGE		(2UL << 20)
#define HPAGE_NR	(HPAGE / PAGE)		/* 512 */
#define PM_PRESENT	(1ULL << 63)
#define PM_PFN_MASK	((1ULL << 55) - 1)

static struct vmstat_snap before, after;

/* One line per 2 MiB region: what pagemap says about its 512 pages. */
static void show_region(int pagemap, int i, char *addr)
{
	uint64_t pm[HPAGE_NR], pfn0;
	unsigned long present = 0, contiguous = 1, hidden = 1;

	if (pread(pagemap, pm, sizeof(pm), (uintptr_t)addr / PAGE * 8) != sizeof(pm)) {
		printf("region %d %p: pagemap unreadable\n", i, (void *)addr);
		return;
	}
	pfn0 = pm[0] & PM_PFN_MASK;
	for (unsigned long k = 0; k < HPAGE_NR; k++) {
		present += !!(pm[k] & PM_PRESENT);
		hidden &= !(pm[k] & PM_PFN_MASK);
		contiguous &= (pm[k] & PM_PRESENT) && (pm[k] & PM_PFN_MASK) == pfn0 + k;
	}
	printf("region %d %p: %lu/%lu present", i, (void *)addr, present, HPAGE_NR);
	if (!present)
		printf("\n");
	else if (hidden)
		printf(", pfn hidden (reading PFNs needs CAP_SYS_ADMIN)\n");
	else if (contiguous && pfn0 % HPAGE_NR == 0)
		printf(", pfn %#llx-%#llx: one 2 MiB block: THP\n", (unsigned long long)pfn0,
		       (unsigned long long)(pfn0 + HPAGE_NR - 1));
	else
		printf(", pfn %#llx...: not one 2 MiB block: 4 KiB pages\n",
		       (unsigned long long)pfn0);
}

int main(int argc, char *argv[])
{
	unsigned long mib = argc > 1 ? strtoul(argv[1], NULL, 0) : 4;
	size_t size = (mib + 1) / 2 * HPAGE;
	char *enabled = read_file("/sys/kernel/mm/transparent_hugepage/enabled");
	char *buf;
	int pagemap, ret;

	if (!size || size > (1UL << 30)) {
		fprintf(stderr, "usage: thp [MiB]   (2..1024, default 4)\n");
		return 2;
	}
	printf("thp: enabled: %s", enabled ? enabled : "(no /sys/kernel/mm/transparent_hugepage)\n");
	vmstat_read(&before);
	buf = mmap_aligned(size, HPAGE);
	if (buf == MAP_FAILED) {
		perror("thp: mmap");
		return 1;
	}
	ret = madvise(buf, size, MADV_HUGEPAGE);
	for (size_t off = 0; off < size; off += PAGE)
		buf[off] = 1;	/* the first touch of each 2 MiB region may fault in a THP */
	vmstat_read(&after);
	printf("thp: mmap %zu KiB at %p (2 MiB aligned), madvise(MADV_HUGEPAGE) %s, "
	       "touched %zu pages\n", size >> 10, (void *)buf, ret ? "failed" : "ok", size / PAGE);
	printf("thp: smaps AnonHugePages: %ld kB of %zu kB\n", smaps_field((uintptr_t)buf,
	       "AnonHugePages"), size >> 10);
	pagemap = open("/proc/self/pagemap", O_RDONLY);
	if (pagemap < 0)
		perror("thp: /proc/self/pagemap");
	for (size_t off = 0; pagemap >= 0 && off < size; off += HPAGE)
		show_region(pagemap, off / HPAGE, buf + off);
	printf("thp: vmstat thp_fault_alloc %+lld thp_fault_fallback %+lld\n",
	       vmstat_get(&after, "thp_fault_alloc") - vmstat_get(&before, "thp_fault_alloc"),
	       vmstat_get(&after, "thp_fault_fallback") -
	       vmstat_get(&before, "thp_fault_fallback"));
	return 0;
}
