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
 * them out of the boot log.  A figure is measured bench_runs times
 * (bench.runs=N, default 5), each time with its yardstick in the same run,
 * and each measurement goes out as a sample (bench_sample); run_bench.py
 * prints min/median/max of the samples in one table.  Other lines are
 * notes and warnings, printed before the table.
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

extern unsigned int bench_runs;		/* samples of each figure */

/*
 * One sample of a figure: "fig section|label|unit|num/den".  The value is
 * num / den (a ratio; den 1 for a plain count); rows keep the order of
 * their first sample, and a label may carry several units (columns).
 */
void bench_sample(const char *section, const char *label, const char *unit, s64 num, u64 den);

/* Runs the benchmarks whose name matches glob ("*" for all; "a,b" for either). */
void run_benchmarks(const char *glob);
bool bench_requested(void);
const char *bench_glob(void);

#endif
