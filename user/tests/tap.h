/*
 * user/tests/tap.h - what the TAP test programs share: raw system calls
 * and kselftest-style result lines ("ok N - what", "not ok N - what: got
 * X, want Y"; the plan "1..N" comes last, from tap_finish()).
 *
 * raw_syscall() passes its arguments to the kernel as they are (a libc
 * wrapper may check or convert them) and returns the kernel's own result:
 * a value or -errno.  Lines are written with the write system call so that
 * nothing sits in stdio's buffer if a test kills the process.
 */
#ifndef USER_TESTS_TAP_H
#define USER_TESTS_TAP_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>

static int tap_nr, tap_failed;

/* The number on a "Name:  N kB" line of a /proc file (meminfo, status), or -1. */
static inline long proc_kb(const char *file, const char *name)
{
	char line[128];
	long v = -1;
	FILE *f = fopen(file, "r");
	size_t n = strlen(name);

	while (f && fgets(line, sizeof(line), f))
		if (!strncmp(line, name, n))
			v = atol(line + n);
	if (f)
		fclose(f);
	return v;
}

static inline long raw_syscall(long n, long a, long b, long c, long d, long e, long f)
{
	register long r10 __asm__("r10") = d, r8 __asm__("r8") = e, r9 __asm__("r9") = f;
	long ret;

	__asm__ volatile("syscall" : "=a"(ret)
			 : "a"(n), "D"(a), "S"(b), "d"(c), "r"(r10), "r"(r8), "r"(r9)
			 : "rcx", "r11", "memory");
	return ret;
}
/*
 * kill(pid, sig) with the stack pointer at top while the signal is taken:
 * the kernel writes the handler's frame just below top (a fresh page, or
 * one that cannot be written).
 */
static inline long kill_on_stack(void *top, long pid, int sig)
{
	long ret;

	__asm__ volatile("mov %%rsp, %%r12\n\t"
			 "mov %[top], %%rsp\n\t"
			 "syscall\n\t"
			 "mov %%r12, %%rsp"
			 : "=a"(ret)
			 : "a"((long)SYS_kill), "D"(pid), "S"((long)sig), [top] "r"(top)
			 : "rcx", "r11", "r12", "memory");
	return ret;
}

#define SC(n, ...)	sc_args(n, __VA_ARGS__, 0, 0, 0, 0, 0, 0)
#define sc_args(n, a, b, c, d, e, f, ...) \
	raw_syscall(n, (long)(a), (long)(b), (long)(c), (long)(d), (long)(e), (long)(f))

static void ok(int cond, const char *what, long got, long want)
{
	char line[256];
	int len;

	tap_nr++;
	tap_failed += !cond;
	if (cond)
		len = snprintf(line, sizeof(line), "ok %d - %s\n", tap_nr, what);
	else
		len = snprintf(line, sizeof(line), "not ok %d - %s: got %ld, want %ld\n",
			       tap_nr, what, got, want);
	raw_syscall(SYS_write, 1, (long)line, len, 0, 0, 0);
}
#define EXPECT(what, call, want) do { long _g = (call), _w = (want); ok(_g == _w, what, _g, _w); } while (0)
#define TRUE(what, cond)	ok(!!(cond), what, 0, 1)

/* The plan and a summary comment; the exit status: 0 if all passed. */
static int tap_finish(const char *name)
{
	char line[128];
	int len = snprintf(line, sizeof(line), "1..%d\n# %s: %d failed\n", tap_nr, name, tap_failed);

	raw_syscall(SYS_write, 1, (long)line, len, 0, 0, 0);
	return tap_failed ? 1 : 0;
}

#endif
