/*
 * tests/host/run_bench.c - the host benchmark program runs every benchmark,
 * BENCH_RUNS (environment, default 5) samples of each figure.
 */
#include <kernel/bench.h>
#include <kernel/time.h>
#include <kernel/string.h>

const char host_default_cmdline[] = "bench=1";

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
