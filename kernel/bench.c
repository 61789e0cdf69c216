/*
 * kernel/bench.c - find and run the registered benchmarks (bench=GLOB).
 */
#include <kernel/bench.h>
#include <kernel/printk.h>
#include <kernel/string.h>
#include <kernel/param.h>
#include <kernel/errno.h>

extern const struct benchmark __start_benchmarks[], __stop_benchmarks[];

static char bench_param[64];

static int __init set_bench(char *val)
{
	strscpy(bench_param, (!val || !strcmp(val, "1")) ? "*" : val, sizeof(bench_param));
	return 0;
}
__setup("bench", set_bench);

bool bench_requested(void)
{
	return bench_param[0] != '\0';
}

const char *bench_glob(void)
{
	return bench_param[0] ? bench_param : "*";
}

void bench_printf(const char *fmt, ...)
{
	char line[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	printk(KERN_INFO "bench: %s", line);
}

void run_benchmarks(const char *glob)
{
	for (const struct benchmark *b = __start_benchmarks; b < __stop_benchmarks; b++) {
		if (!glob_match(glob, b->name))
			continue;
		bench_printf("== %s ==\n", b->name);
		b->run();
	}
	bench_printf("done\n");
}
