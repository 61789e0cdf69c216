/*
 * user/free.c - free: memory in KiB, in the layout of procps's free(1),
 * from /proc/meminfo ("Label:   N kB" lines, Linux's fs/proc/meminfo.c).
 * A label the kernel does not export counts as 0 (mmlab has no swap and no
 * page cache).  "used" is total - available, as procps-ng 4 computes it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "progs.h"

static char *meminfo;

static long long kb(const char *label)
{
	size_t len = strlen(label);

	for (const char *p = meminfo; p && *p; p = strchr(p, '\n') ? strchr(p, '\n') + 1 : NULL)
		if (!strncmp(p, label, len) && p[len] == ':')
			return strtoll(p + len + 1, NULL, 10);
	return 0;
}

int main(void)
{
	long long total, freekb, avail, shared, buffcache;

	meminfo = read_file("/proc/meminfo");
	if (!meminfo) {
		perror("free: /proc/meminfo");
		return 1;
	}
	total = kb("MemTotal");
	freekb = kb("MemFree");
	/* MemAvailable appeared in Linux 3.14; without it, free is all we know */
	avail = strstr(meminfo, "MemAvailable:") ? kb("MemAvailable") : freekb;
	shared = kb("Shmem");
	buffcache = kb("Buffers") + kb("Cached") + kb("SReclaimable");
	printf("%20s%12s%12s%12s%12s%12s\n", "total", "used", "free", "shared", "buff/cache",
	       "available");
	printf("%-8s%12lld%12lld%12lld%12lld%12lld%12lld\n", "Mem:", total, total - avail, freekb,
	       shared, buffcache, avail);
	printf("%-8s%12lld%12lld%12lld\n", "Swap:", kb("SwapTotal"), kb("SwapTotal") - kb("SwapFree"),
	       kb("SwapFree"));
	free(meminfo);
	return 0;
}
