/*
 * kernel/bench.c - find and run the registered benchmarks (bench=GLOB),
 * and print their samples for scripts/run_bench.py (include/kernel/bench.h).
 */
#include <kernel/bench.h>
#include <kernel/printk.h>
#include <kernel/string.h>
#include <kernel/param.h>
#include <kernel/errno.h>

extern const struct benchmark __start_benchmarks[], __stop_benchmarks[];

static char bench_param[64];
unsigned int bench_runs = 5;

static int __init set_bench(char *val)
{
	strscpy(bench_param, (!val || !strcmp(val, "1")) ? "*" : val, sizeof(bench_param));
	return 0;
}
__setup("bench", set_bench);

static int __init set_bench_runs(char *val)
{
	unsigned long n;

	if (!val || kstrtoul(val, 0, &n) || !n || n > 1000)
		return -EINVAL;
	bench_runs = n;
	return 0;
}
__setup("bench.runs", set_bench_runs);

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

void bench_sample(const char *section, const char *label, const char *unit, s64 num, u64 den)
{
	bench_printf("fig %s|%s|%s|%lld/%llu\n", section, label, unit, (long long)num,
		     (unsigned long long)den);
}

/* Does name match one of the comma-separated globs? */
static bool bench_selected(const char *globs, const char *name)
{
	char one[64];

	while (*globs) {
		const char *comma = strchr(globs, ',');
		size_t n = comma ? (size_t)(comma - globs) : strlen(globs);

		strscpy(one, globs, min(n + 1, sizeof(one)));
		if (glob_match(one, name))
			return true;
		globs += n + (comma != NULL);
	}
	return false;
}

void run_benchmarks(const char *glob)
{
	for (const struct benchmark *b = __start_benchmarks; b < __stop_benchmarks; b++) {
		if (!bench_selected(glob, b->name))
			continue;
		bench_printf("== %s ==\n", b->name);
		b->run();
	}
	bench_printf("done\n");
}
