/*
 * tests/host/host_main.c - main() of the host test program (libc side).
 *
 * Maps a block of memory to play the machine's RAM ("physical" address 0
 * is its first byte), hands it to the unchanged mm code through shim.c, and
 * runs the KUnit suites linked in.  Output is KTAP on stdout; the exit
 * status is 0 if every case passed.  Built with AddressSanitizer and
 * UndefinedBehaviorSanitizer by `make test`.
 */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <sys/mman.h>

#define ARENA_SIZE	(64UL << 20)	/* the simulated RAM */
#define ARENA_ALIGN	(4UL << 20)	/* so physical 0 is MAX_PAGE_ORDER-aligned */

int host_mm_boot_and_test(unsigned long base, unsigned long size);	/* shim.c */

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
	return host_mm_boot_and_test(base, ARENA_SIZE) ? 1 : 0;
}
