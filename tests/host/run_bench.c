/*
 * tests/host/run_bench.c - the host benchmark program runs the benchmarks
 * (bench=GLOB picks them, as on the kernel command line).  The TSC is not
 * calibrated on the host: figures are cycles.
 */
#include <kernel/bench.h>

const char host_default_cmdline[] = "bench=1";

int host_run(void)
{
	run_benchmarks(bench_glob());
	return 0;
}
