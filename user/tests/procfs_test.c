/*
 * user/tests/procfs_test.c - /proc and /sys as a program sees them on
 * Linux: their names cannot be removed or added to (procfs and sysfs have
 * no unlink/rmdir/create operations: -EPERM, or -ENOENT/-EACCES for a
 * new name), /proc/PID/fail-nth takes what Linux's kstrtouint_from_user()
 * takes and has no lseek (-ESPIPE) while pread works, and the trace file
 * (tracefs, mode 0644) accepts and ignores writes and is cleared by
 * O_TRUNC; set_event turns events on and off as in Linux.  Each was a difference the hostile review of issue 13 found.
 * TAP; runs on Linux too (as root, with CONFIG_FAULT_INJECTION and
 * tracefs at /sys/kernel/tracing).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>
#include "tap.h"

#define NTH	"/proc/self/fail-nth"
#define EVENTS	"/sys/kernel/tracing/"
#define TRACE	EVENTS "trace"
#define SET_EVENT EVENTS "set_event"

static void test_names_stay(void)
{
	EXPECT("unlink /proc/meminfo: -EPERM", SC(SYS_unlink, "/proc/meminfo"), -EPERM);
	EXPECT("unlink /proc/self/maps: -EPERM", SC(SYS_unlink, "/proc/self/maps"), -EPERM);
	EXPECT("unlink /sys/kernel/mm/transparent_hugepage/enabled: -EPERM",
	       SC(SYS_unlink, "/sys/kernel/mm/transparent_hugepage/enabled"), -EPERM);
	EXPECT("unlink " TRACE ": -EPERM", SC(SYS_unlink, TRACE), -EPERM);
	EXPECT("rmdir /proc/1: -EPERM", SC(SYS_rmdir, "/proc/1"), -EPERM);
	EXPECT("rmdir /sys/kernel/mm: -EPERM", SC(SYS_rmdir, "/sys/kernel/mm"), -EPERM);
	EXPECT("rmdir /sys/kernel/tracing (a mount point): -EBUSY",
	       SC(SYS_rmdir, "/sys/kernel/tracing"), -EBUSY);
	EXPECT("rmdir /proc (a mount point): -EBUSY", SC(SYS_rmdir, "/proc"), -EBUSY);
	EXPECT("rmdir /proc/vmstat (a file): -ENOTDIR", SC(SYS_rmdir, "/proc/vmstat"), -ENOTDIR);
	EXPECT("unlink /sys/kernel/mm (a directory): -EISDIR", SC(SYS_unlink, "/sys/kernel/mm"),
	       -EISDIR);
	EXPECT("unlink /proc/vmstat/: -ENOTDIR", SC(SYS_unlink, "/proc/vmstat/"), -ENOTDIR);
	EXPECT("unlink /proc/nothing: -ENOENT", SC(SYS_unlink, "/proc/nothing"), -ENOENT);
	EXPECT("mkdir /proc/new: -ENOENT", SC(SYS_mkdir, "/proc/new", 0755), -ENOENT);
	EXPECT("mkdir /sys/kernel/new: -EPERM", SC(SYS_mkdir, "/sys/kernel/new", 0755), -EPERM);
	EXPECT("creat /proc/new: -ENOENT",
	       SC(SYS_open, "/proc/new", O_CREAT | O_WRONLY, 0644), -ENOENT);
	EXPECT("creat /sys/kernel/new: -EACCES",
	       SC(SYS_open, "/sys/kernel/new", O_CREAT | O_WRONLY, 0644), -EACCES);
	EXPECT("O_CREAT of /proc/self/x/: -EISDIR",
	       SC(SYS_open, "/proc/self/x/", O_CREAT | O_WRONLY, 0644), -EISDIR);
	EXPECT("O_CREAT of /sys/kernel/tracing/x/: -EISDIR",
	       SC(SYS_open, "/sys/kernel/tracing/x/", O_CREAT | O_WRONLY, 0644), -EISDIR);
	TRUE("/proc/meminfo still there", access("/proc/meminfo", R_OK) == 0);
	TRUE("/proc/1 still there", access("/proc/1/status", R_OK) == 0);
	TRUE(TRACE " still there", access(TRACE, R_OK) == 0);
}

/* Writes s to fail-nth; the result, and the value read back (or -errno). */
static long nth_write(const char *s, size_t len, long *now)
{
	int fd = open(NTH, O_RDWR);
	char buf[32] = "";
	long ret;

	if (fd < 0)
		return -errno;
	ret = SC(SYS_write, fd, s, len);
	*now = SC(SYS_pread64, fd, buf, sizeof(buf) - 1, 0) > 0 ? atol(buf) : -1;
	SC(SYS_write, fd, "0", 1);
	close(fd);
	return ret;
}

static void test_fail_nth(void)
{
	char buf[8] = "", longs[64];
	long now = -2;
	int fd = open(NTH, O_RDWR);

	if (fd < 0) {
		printf("ok %d # SKIP no %s\n", ++tap_nr, NTH);
		return;
	}
	EXPECT("fail-nth: lseek is -ESPIPE", SC(SYS_lseek, fd, 0, SEEK_SET), -ESPIPE);
	EXPECT("fail-nth: pread works", SC(SYS_pread64, fd, buf, sizeof(buf), 0), 2);
	EXPECT("fail-nth: pread at 1", SC(SYS_pread64, fd, buf, sizeof(buf), 1), 1);
	EXPECT("fail-nth: pread past the end", SC(SYS_pread64, fd, buf, sizeof(buf), 9), 0);
	close(fd);

	EXPECT("fail-nth: \"+5\" accepted", nth_write("+5", 2, &now), 2);
	EXPECT("fail-nth: \"+5\" is 5", now, 5);
	EXPECT("fail-nth: \"0x10\\n\" accepted", nth_write("0x10\n", 5, &now), 5);
	EXPECT("fail-nth: \"0x10\\n\" is 16", now, 16);
	EXPECT("fail-nth: \"5\\n\\n\" -EINVAL", nth_write("5\n\n", 3, &now), -EINVAL);
	EXPECT("fail-nth: \"-1\" -EINVAL", nth_write("-1", 2, &now), -EINVAL);
	EXPECT("fail-nth: \"\" -EINVAL", nth_write("", 0, &now), -EINVAL);
	EXPECT("fail-nth: 4294967296 -ERANGE", nth_write("4294967296", 10, &now), -ERANGE);
	memset(longs, '0', sizeof(longs));
	longs[33] = '7';	/* the 34th byte: the last one Linux reads */
	EXPECT("fail-nth: 64 bytes, first 34 read, all taken",
	       nth_write(longs, sizeof(longs), &now), (long)sizeof(longs));
	EXPECT("fail-nth: ... their value", now, 7);
	longs[33] = ' ';
	EXPECT("fail-nth: a space in the first 34 bytes -EINVAL",
	       nth_write(longs, sizeof(longs), &now), -EINVAL);
}

/* The first size-1 bytes of a file, NUL-terminated; the length or -errno. */
static long read_file(const char *path, char *buf, size_t size)
{
	long n, total = 0;
	int fd = open(path, O_RDONLY);

	if (fd < 0)
		return -errno;
	while (total < (long)size - 1 && (n = read(fd, buf + total, size - 1 - total)) > 0)
		total += n;
	buf[total] = 0;
	close(fd);
	return total;
}

/* Writes s to path, opened with flags | O_WRONLY; write's result or -errno. */
static long write_file(const char *path, int flags, const char *s)
{
	int fd = open(path, O_WRONLY | flags);
	long ret;

	if (fd < 0)
		return -errno;
	ret = SC(SYS_write, fd, s, strlen(s));
	close(fd);
	return ret;
}

/* The number of records trace holds (its "entries-in-buffer" header), or -1. */
static long trace_entries(void)
{
	static char buf[1 << 16];
	char *p;

	if (read_file(TRACE, buf, sizeof(buf)) < 0)
		return -1;
	p = strstr(buf, "entries-in-buffer/entries-written: ");
	return p ? atol(p + 35) : -1;
}

static void test_trace_files(void)
{
	char buf[4096];
	struct stat st;

	if (stat(TRACE, &st)) {
		printf("ok %d # SKIP no %s\n", ++tap_nr, TRACE);
		return;
	}
	EXPECT("trace: mode 0640 (TRACE_MODE_WRITE)", st.st_mode & 07777, 0640);
	stat(EVENTS "available_events", &st);
	EXPECT("available_events: mode 0440 (TRACE_MODE_READ)", st.st_mode & 07777, 0440);
	stat(EVENTS, &st);
	EXPECT("/sys/kernel/tracing: mode 0700", st.st_mode & 07777, 0700);
	TRUE("available_events names thp:set_migration_pmd",
	     read_file(EVENTS "available_events", buf, sizeof(buf)) > 0 &&
	     strstr(buf, "thp:set_migration_pmd\n"));
	EXPECT("set_event: > kmem:mm_page_alloc", write_file(SET_EVENT, O_TRUNC, "kmem:mm_page_alloc\n"), 19);
	EXPECT("set_event: >> mm_page_free", write_file(SET_EVENT, O_APPEND, "mm_page_free"), 12);
	read_file(SET_EVENT, buf, sizeof(buf));
	EXPECT("set_event: both listed", strcmp(buf, "kmem:mm_page_alloc\nkmem:mm_page_free\n"), 0);
	EXPECT("set_event: an unknown name -EINVAL", write_file(SET_EVENT, 0, "no_such_event"), -EINVAL);
	{
		int fd = open(SET_EVENT, O_WRONLY | O_TRUNC);

		EXPECT("set_event: a NUL ends the input", SC(SYS_write, fd, "thp\0junk", 8), 8);
		close(fd);
		read_file(SET_EVENT, buf, sizeof(buf));
		EXPECT("set_event: ... thp's two on",
		       strcmp(buf, "thp:set_migration_pmd\nthp:remove_migration_pmd\n"), 0);
		EXPECT("set_event: \\r and \\v separate words",
		       write_file(SET_EVENT, O_TRUNC, "kmem:mm_page_alloc\r\vkmem:mm_page_free\r\n"), 39);
	}
	EXPECT("set_event: a bare * -EINVAL (Linux: a name)", write_file(SET_EVENT, 0, "*"), -EINVAL);
	free(malloc(1 << 22));		/* page allocations to trace */
	TRUE("trace: the allocations are traced", trace_entries() > 0);
	EXPECT("trace: a write is taken and ignored", write_file(TRACE, 0, "x\n"), 2);
	TRUE("trace: ... the records stay", trace_entries() > 0);
	EXPECT("set_event: !mm_page_alloc", write_file(SET_EVENT, 0, "!mm_page_alloc !mm_page_free"), 28);
	read_file(SET_EVENT, buf, sizeof(buf));
	EXPECT("set_event: none listed", strlen(buf), 0);
	EXPECT("trace: O_TRUNC opens", write_file(TRACE, O_TRUNC, ""), 0);
	EXPECT("trace: ... and empties it", trace_entries(), 0);
	EXPECT("set_event: kmem (a whole system)", write_file(SET_EVENT, O_TRUNC, "kmem"), 4);
	read_file(SET_EVENT, buf, sizeof(buf));
	EXPECT("set_event: ... is its two events",
	       strcmp(buf, "kmem:mm_page_alloc\nkmem:mm_page_free\n"), 0);
	EXPECT("set_event: kmem: (any event of a system)", write_file(SET_EVENT, O_TRUNC, "kmem:"), 5);
	read_file(SET_EVENT, buf, sizeof(buf));
	EXPECT("set_event: ... its two", strcmp(buf, "kmem:mm_page_alloc\nkmem:mm_page_free\n"), 0);
	EXPECT("set_event: *:remove_migration_pmd",
	       write_file(SET_EVENT, O_TRUNC, "*:remove_migration_pmd"), 22);
	read_file(SET_EVENT, buf, sizeof(buf));
	EXPECT("set_event: ... that one", strcmp(buf, "thp:remove_migration_pmd\n"), 0);
	EXPECT("set_event: *:* (every event)", write_file(SET_EVENT, O_TRUNC, "*:*"), 3);
	read_file(SET_EVENT, buf, sizeof(buf));
	TRUE("set_event: ... all listed", strstr(buf, "kmem:mm_page_free\nmmlab:") != NULL);
	EXPECT("set_event: O_TRUNC turns all off", write_file(SET_EVENT, O_TRUNC, ""), 0);
	read_file(SET_EVENT, buf, sizeof(buf));
	EXPECT("set_event: ... none listed", strlen(buf), 0);
}

static volatile long dead_tid;

static void *note_tid(void *arg)
{
	(void)arg;
	dead_tid = SC(SYS_gettid, 0);
	return NULL;
}

/* An exited thread's id names nothing (Linux releases the thread at once). */
static void test_exited_thread(void)
{
	pthread_t t;
	long ret = 0;

	TRUE("a thread starts", !pthread_create(&t, NULL, note_tid, NULL));
	pthread_join(t, NULL);
	for (int i = 0; i < 1000 && (ret = SC(SYS_kill, dead_tid, 0)) == 0; i++)
		sched_yield();		/* it may still be on its way out */
	EXPECT("kill(exited thread, 0): -ESRCH", ret, -ESRCH);
}

int main(void)
{
	test_names_stay();
	test_fail_nth();
	test_trace_files();
	test_exited_thread();
	return tap_finish("procfs_test");
}
