/*
 * tests/host/run_bench.c - the host benchmark program runs every benchmark.
 */
#include <kernel/bench.h>
#include <kernel/time.h>

unsigned long tsc_khz;		/* not calibrated on the host: figures are cycles */

int host_run(void)
{
	run_benchmarks("*");
	return 0;
}
