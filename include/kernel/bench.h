/*
 * include/kernel/bench.h - benchmarks, run by `make bench` (bench=1).
 *
 * A benchmark measures and prints a table; it asserts nothing (figures are
 * not pass/fail, and the test suite never times anything).  Register one
 * like a test suite:
 *
 *   static void buddy_bench(void) { ... bench_printf("...") ... }
 *   benchmark("buddy", buddy_bench);
 *
 * Lines go out with a "bench: " prefix so scripts/run_bench.py can pick
 * them out of the boot log.  Report ratios measured in one run.
 */
#ifndef _KERNEL_BENCH_H
#define _KERNEL_BENCH_H

#include <kernel/compiler.h>
#include <kernel/types.h>

struct benchmark {
	const char *name;
	void (*run)(void);
};

#define benchmark(name, fn)						\
	static const struct benchmark __benchmark_##fn			\
	__used __section("benchmarks") __section_table __aligned(8) = { name, fn }

void bench_printf(const char *fmt, ...) __printf(1, 2);
/* Runs the benchmarks whose name matches glob ("*" for all). */
void run_benchmarks(const char *glob);
bool bench_requested(void);
const char *bench_glob(void);

#endif
