/*
 * tests/host/run_bench.c - the host benchmark program runs every benchmark,
 * BENCH_RUNS (environment, default 5) samples of each figure.
 */
#include <kernel/bench.h>
#include <kernel/time.h>
#include <kernel/string.h>

/* As the kernel's `make bench` boot: -m 2G, device memory for 256 MiB. */
const char host_default_cmdline[] = "bench=1 dmirror.size=272M";
unsigned long host_ram_size = 2UL << 30;
bool host_ram_populate = true;		/* no host page faults in any figure */

char *getenv(const char *name);	/* libc; the kernel headers have no stdlib.h */

int host_run(void)
{
	const char *runs = getenv("BENCH_RUNS");
	unsigned long n;

	if (runs && !kstrtoul(runs, 10, &n) && n > 0 && n <= 1000)
		bench_runs = n;
	run_benchmarks("*");
	return 0;
}
