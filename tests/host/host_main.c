/*
 * tests/host/host_main.c - main() of the host test program (libc side).
 *
 * Maps a block of memory to play the machine's RAM ("physical" address 0
 * is its first byte), hands it to the unchanged mm code through shim.c, and
 * runs what host_run() does: the KUnit suites (run_tests.c; KTAP on stdout,
 * exit status 0 if every case passed; built with AddressSanitizer and
 * UndefinedBehaviorSanitizer by `make test`) or the benchmarks
 * (run_bench.c, built with -O2 by `make bench`).
 */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <sys/mman.h>

/* The simulated RAM: 64 MiB for the tests; `make bench` gives it 1 GiB so the
 * per-CPU lists get the sizes of a machine of 256 MiB and more (batch 63). */
#ifndef ARENA_SIZE
#define ARENA_SIZE	(64UL << 20)
#endif
#define ARENA_ALIGN	(4UL << 20)	/* so physical 0 is MAX_PAGE_ORDER-aligned */

void host_mm_boot(unsigned long base, unsigned long size);	/* shim.c */
int host_run(void);		/* run_tests.c or run_bench.c */

void host_write(const char *s, unsigned long n)
{
	fwrite(s, 1, n, stdout);
}

void host_exit(int status)
{
	fflush(stdout);
	exit(status);
}

void host_abort(void)
{
	fflush(stdout);
	abort();
}

int main(void)
{
	unsigned long raw, base;
	void *p = mmap(NULL, ARENA_SIZE + ARENA_ALIGN, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED) {
		perror("mmap");
		return 2;
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
	raw = (unsigned long)p;
	base = (raw + ARENA_ALIGN - 1) & ~(ARENA_ALIGN - 1);
	host_mm_boot(base, ARENA_SIZE);
	return host_run() ? 1 : 0;
}
