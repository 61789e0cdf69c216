/*
 * user/progs.h - small helpers the user programs share: read a whole
 * /proc or /sys file, snapshot /proc/vmstat to diff two snapshots, a field
 * of /proc/self/smaps, and an anonymous mapping aligned to 2 MiB (vmstat,
 * migrate, thp, free, ps).  Header-only (static functions) so
 * each program stays one `musl-gcc -static user/NAME.c` away from a binary.
 */
#ifndef USER_PROGS_H
#define USER_PROGS_H

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>
#include <stdint.h>

/*
 * The whole file, NUL-terminated, in a malloc'd buffer (NULL on error,
 * errno set).  /proc files report size 0 in stat, so read until EOF.
 */
static inline char *read_file(const char *path)
{
	size_t len = 0, cap = 4096;
	char *buf = malloc(cap);
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	ssize_t n;

	if (!buf || fd < 0) {
		free(buf);
		if (fd >= 0)
			close(fd);
		return NULL;
	}
	while ((n = read(fd, buf + len, cap - len - 1)) > 0) {
		len += n;
		if (cap - len < 2048) {
			char *bigger = realloc(buf, cap *= 2);

			if (!bigger)
				break;
			buf = bigger;
		}
	}
	close(fd);
	if (n < 0) {
		free(buf);
		return NULL;
	}
	buf[len] = '\0';
	return buf;
}

/* One snapshot of /proc/vmstat: "name value" lines, in the file's order. */
#define VMSTAT_MAX 512
struct vmstat_snap {
	int n;
	char name[VMSTAT_MAX][48];
	long long val[VMSTAT_MAX];
};

static inline int vmstat_read(struct vmstat_snap *s)
{
	char *text = read_file("/proc/vmstat"), *line, *save = NULL;

	s->n = 0;
	if (!text)
		return -1;
	for (line = strtok_r(text, "\n", &save); line && s->n < VMSTAT_MAX;
	     line = strtok_r(NULL, "\n", &save))
		if (sscanf(line, "%47s %lld", s->name[s->n], &s->val[s->n]) == 2)
			s->n++;
	free(text);
	return 0;
}

/* A counter's value, or -1 when this kernel does not export it. */
static inline long long vmstat_get(const struct vmstat_snap *s, const char *name)
{
	for (int i = 0; i < s->n; i++)
		if (!strcmp(s->name[i], name))
			return s->val[i];
	return -1;
}

/* Prints "<indent>name delta" for each counter that changed; returns how many. */
static inline int vmstat_print_delta(const struct vmstat_snap *a, const struct vmstat_snap *b,
				     const char *indent)
{
	int changed = 0;

	for (int i = 0; i < b->n; i++) {
		long long before = vmstat_get(a, b->name[i]);

		if (before >= 0 && b->val[i] != before) {
			printf("%s%-28s %+lld\n", indent, b->name[i], b->val[i] - before);
			changed++;
		}
	}
	return changed;
}

/*
 * The smaps field (e.g. "AnonHugePages") of the VMA containing addr, in kB;
 * -1 if not found.  smaps: a "start-end perms ..." header line, then
 * "Field:   N kB" lines, per VMA (Linux: fs/proc/task_mmu.c show_smap).
 */
static inline long smaps_field(unsigned long addr, const char *field)
{
	char *text = read_file("/proc/self/smaps"), *line, *save = NULL;
	size_t flen = strlen(field);
	int inside = 0;
	long kb = -1;

	if (!text)
		return -1;
	for (line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		unsigned long start, end;

		/* field names have no "hex-hex" prefix, so this matches headers only */
		if (sscanf(line, "%lx-%lx ", &start, &end) == 2)
			inside = addr >= start && addr < end;
		else if (inside && !strncmp(line, field, flen) && line[flen] == ':') {
			kb = strtol(line + flen + 1, NULL, 10);
			break;
		}
	}
	free(text);
	return kb;
}

/*
 * An anonymous private read-write mapping of size bytes starting at a
 * multiple of align (2 MiB: where a PMD can map a THP), or MAP_FAILED.
 * mmap gives no alignment, so map size + align and unmap the two ends:
 * the VMA is then exactly [start, start + size).
 */
static inline void *mmap_aligned(size_t size, size_t align)
{
	char *raw = mmap(NULL, size + align, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
			 -1, 0);
	char *start = (char *)(((uintptr_t)raw + align - 1) & ~(uintptr_t)(align - 1));

	if (raw == MAP_FAILED)
		return MAP_FAILED;
	if (start > raw)
		munmap(raw, start - raw);
	munmap(start + size, raw + align - start);
	return start;
}

#endif
