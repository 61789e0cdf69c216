/*
 * kernel/kunit/test.c - KUnit expectations, assertions, skips and logging.
 *
 * A failed expectation prints where it failed and both values, like KUnit:
 *
 *     # add_test: EXPECTATION FAILED at tests/example.c:3
 *     Expected 1 + 1 == 3, but
 *         1 + 1 == 2 (0x2)
 *         3 == 3 (0x3)
 *
 * Linux: lib/kunit/test.c and lib/kunit/assert.c.
 */
#include <kunit/test.h>
#include <kernel/errno.h>
#include <kernel/panic.h>

int kunit_setjmp(struct kunit_jmp_buf *buf) __attribute__((returns_twice));
void __noreturn kunit_longjmp(struct kunit_jmp_buf *buf, int val);

void kunit_init_test(struct kunit *test, const char *name, char *log)
{
	memset(test, 0, sizeof(*test));
	test->name = name;
	test->log = log;
	if (log)
		log[0] = '\0';
	test->status = KUNIT_SUCCESS;
}

int kunit_try_catch_run(struct kunit *test, void (*fn)(struct kunit *))
{
	struct kunit_jmp_buf buf, *saved = test->abort_to;

	test->abort_to = &buf;
	if (kunit_setjmp(&buf)) {
		test->abort_to = saved;
		return -EINTR;
	}
	fn(test);
	test->abort_to = saved;
	return 0;
}

void __noreturn kunit_abort(struct kunit *test)
{
	if (!test->abort_to)
		panic("kunit: %s: assertion failed outside kunit_try_catch_run()",
		      test->name);
	kunit_longjmp(test->abort_to, 1);
}

void kunit_log(struct kunit *test, const char *fmt, ...)
{
	char line[512];
	va_list ap;
	size_t used;

	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	if (!test->log) {
		printk(KERN_INFO "%s\n", line);
		return;
	}
	used = strlen(test->log);
	if (used < KUNIT_LOG_SIZE - 1)
		snprintf(test->log + used, KUNIT_LOG_SIZE - used, "%s\n", line);
}

void kunit_mark_skipped(struct kunit *test, const char *fmt, ...)
{
	va_list ap;

	if (test->status != KUNIT_FAILURE)
		test->status = KUNIT_SKIPPED;
	va_start(ap, fmt);
	vsnprintf(test->status_comment, sizeof(test->status_comment), fmt, ap);
	va_end(ap);
}

static void fail_prologue(struct kunit *test, enum kunit_assert_type type,
			  const char *file, int line)
{
	test->status = KUNIT_FAILURE;
	kunit_err(test, "%s FAILED at %s:%d",
		  type == KUNIT_ASSERTION ? "ASSERTION" : "EXPECTATION", file, line);
}

static void fail_epilogue(struct kunit *test, enum kunit_assert_type type)
{
	if (type == KUNIT_ASSERTION)
		kunit_abort(test);
}

void kunit_do_failed_assertion(struct kunit *test, enum kunit_assert_type type,
			       const char *file, int line, const char *fmt, ...)
{
	char msg[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	fail_prologue(test, type, file, line);
	kunit_log(test, KUNIT_SUBTEST_INDENT "%s", msg);
	fail_epilogue(test, type);
}

void __kunit_fail_binary(struct kunit *test, enum kunit_assert_type type,
			 const char *file, int line, const char *left_text,
			 const char *op, const char *right_text,
			 long long left, long long right)
{
	fail_prologue(test, type, file, line);
	kunit_log(test, KUNIT_SUBTEST_INDENT "Expected %s %s %s, but",
		  left_text, op, right_text);
	kunit_log(test, KUNIT_SUBTEST_INDENT "    %s == %lld (0x%llx)",
		  left_text, left, left);
	kunit_log(test, KUNIT_SUBTEST_INDENT "    %s == %lld (0x%llx)",
		  right_text, right, right);
	fail_epilogue(test, type);
}

void __kunit_fail_ptr(struct kunit *test, enum kunit_assert_type type,
		      const char *file, int line, const char *left_text,
		      const char *op, const char *right_text,
		      const void *left, const void *right)
{
	fail_prologue(test, type, file, line);
	kunit_log(test, KUNIT_SUBTEST_INDENT "Expected %s %s %s, but",
		  left_text, op, right_text);
	kunit_log(test, KUNIT_SUBTEST_INDENT "    %s == %px", left_text, left);
	kunit_log(test, KUNIT_SUBTEST_INDENT "    %s == %px", right_text, right);
	fail_epilogue(test, type);
}

void __kunit_fail_str(struct kunit *test, enum kunit_assert_type type,
		      const char *file, int line, const char *left_text,
		      const char *op, const char *right_text,
		      const char *left, const char *right)
{
	fail_prologue(test, type, file, line);
	kunit_log(test, KUNIT_SUBTEST_INDENT "Expected %s %s %s, but",
		  left_text, op, right_text);
	kunit_log(test, KUNIT_SUBTEST_INDENT "    %s == \"%s\"", left_text, left);
	kunit_log(test, KUNIT_SUBTEST_INDENT "    %s == \"%s\"", right_text, right);
	fail_epilogue(test, type);
}

/* Prints up to 16 bytes around the first difference, marking it with <>. */
static void log_bytes(struct kunit *test, const char *text, const u8 *p,
		      size_t size, size_t diff)
{
	char line[128];
	size_t from = diff & ~(size_t)7, to = min(from + 16, size);
	int n = scnprintf(line, sizeof(line), "    %s[%zu..%zu] ==", text, from, to - 1);

	for (size_t i = from; i < to; i++)
		n += scnprintf(line + n, sizeof(line) - n, i == diff ? " <%02x>" : " %02x",
			       p[i]);
	kunit_log(test, KUNIT_SUBTEST_INDENT "%s", line);
}

void __kunit_fail_mem(struct kunit *test, enum kunit_assert_type type,
		      const char *file, int line, const char *left_text,
		      const char *right_text, const void *left, const void *right,
		      size_t size)
{
	const u8 *l = left, *r = right;
	size_t diff = 0;

	while (diff < size && l[diff] == r[diff])
		diff++;
	fail_prologue(test, type, file, line);
	kunit_log(test, KUNIT_SUBTEST_INDENT
		  "Expected %s == %s (%zu bytes), but they differ at byte %zu",
		  left_text, right_text, size, diff);
	log_bytes(test, left_text, l, size, diff);
	log_bytes(test, right_text, r, size, diff);
	fail_epilogue(test, type);
}
