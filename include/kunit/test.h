/*
 * include/kunit/test.h - mmlab's subset of Linux KUnit.
 *
 * A test file defines cases, groups them in a suite and registers it:
 *
 *   static void add_test(struct kunit *test) { KUNIT_EXPECT_EQ(test, 1 + 1, 2); }
 *   static struct kunit_case example_cases[] = { KUNIT_CASE(add_test), {} };
 *   static struct kunit_suite example_suite = {
 *           .name = "example", .test_cases = example_cases };
 *   kunit_test_suite(example_suite);
 *
 * kunit_test_suite() puts a pointer to the suite in the kunit_test_suites
 * section (bounded by __start_/__stop_kunit_test_suites); the executor (kernel/kunit/executor.c) finds every suite there, so
 * adding a file under tests/ adds its suite with no other edit.
 *
 * KUNIT_EXPECT_* records a failure and goes on; KUNIT_ASSERT_* records it and
 * ends the case at once (through kunit_try_catch, a setjmp/longjmp pair).
 * Output is KTAP version 1, as Linux KUnit prints it.
 */
#ifndef _KUNIT_TEST_H
#define _KUNIT_TEST_H

#include <kernel/types.h>
#include <kernel/compiler.h>
#include <kernel/printk.h>
#include <kernel/string.h>
#include <kunit/test-bug.h>

#define KUNIT_LOG_SIZE		2048
#define KUNIT_STATUS_COMMENT_SIZE 256
#define KUNIT_SUBTEST_INDENT	"    "

enum kunit_status {
	KUNIT_SUCCESS,
	KUNIT_FAILURE,
	KUNIT_SKIPPED,
};

enum kunit_assert_type {
	KUNIT_ASSERTION,	/* failure ends the case */
	KUNIT_EXPECTATION,	/* failure is recorded, the case goes on */
};

/* Callee-saved registers for the abort path (kernel/kunit/try-catch.S). */
struct kunit_jmp_buf {
	unsigned long rbx, rbp, r12, r13, r14, r15, rsp, rip;
};

struct kunit {
	const char *name;		/* the case's name */
	enum kunit_status status;
	char status_comment[KUNIT_STATUS_COMMENT_SIZE];	/* skip reason */
	char *log;			/* if set, output is captured here */
	struct kunit_jmp_buf *abort_to;	/* where an assertion jumps */
	void *priv;			/* for the suite's init/exit */
};

struct kunit_case {
	void (*run_case)(struct kunit *test);
	const char *name;
	enum kunit_status status;	/* filled in by the executor */
};

#define KUNIT_CASE(test_name) { .run_case = test_name, .name = #test_name }

struct kunit_suite {
	const char name[256];
	int (*suite_init)(struct kunit_suite *suite);
	void (*suite_exit)(struct kunit_suite *suite);
	int (*init)(struct kunit *test);
	void (*exit)(struct kunit *test);
	struct kunit_case *test_cases;
};

#define __KUNIT_UNIQUE(p)	__KUNIT_CAT(p, __COUNTER__)
#define __KUNIT_CAT(a, b)	__KUNIT_CAT2(a, b)
#define __KUNIT_CAT2(a, b)	a##b

#define kunit_test_suites(...)						\
	static struct kunit_suite *const __KUNIT_UNIQUE(__kunit_suites_)[] \
	__used __section("kunit_test_suites") __section_table __aligned(8) = { __VA_ARGS__ }
#define kunit_test_suite(suite)	kunit_test_suites(&suite)

/* ---- running ---------------------------------------------------------- */

void kunit_init_test(struct kunit *test, const char *name, char *log);
/*
 * Runs fn(test) so that an assertion failure or kunit_skip() ends fn but not
 * the caller.  Returns 0 if fn returned, -EINTR if it was aborted.
 */
int kunit_try_catch_run(struct kunit *test, void (*fn)(struct kunit *));
/* Runs every selected suite (kunit.filter_glob=), prints KTAP; 0 if all passed. */
int kunit_run_all_tests(void);
bool kunit_enabled(void);

/* ---- logging ---------------------------------------------------------- */

void kunit_log(struct kunit *test, const char *fmt, ...) __printf(2, 3);
#define kunit_printk(test, fmt, ...) \
	kunit_log(test, KUNIT_SUBTEST_INDENT "# %s: " fmt, (test)->name, ##__VA_ARGS__)
#define kunit_info(test, fmt, ...)	kunit_printk(test, fmt, ##__VA_ARGS__)
#define kunit_warn(test, fmt, ...)	kunit_printk(test, fmt, ##__VA_ARGS__)
#define kunit_err(test, fmt, ...)	kunit_printk(test, fmt, ##__VA_ARGS__)

/* ---- skipping and failing --------------------------------------------- */

void __noreturn kunit_abort(struct kunit *test);
void kunit_mark_skipped(struct kunit *test, const char *fmt, ...) __printf(2, 3);
#define kunit_skip(test, fmt, ...) do {					\
	kunit_mark_skipped(test, fmt, ##__VA_ARGS__);			\
	kunit_abort(test);						\
} while (0)

/* Records a failure; for an assertion it also ends the case. */
void kunit_do_failed_assertion(struct kunit *test, enum kunit_assert_type type,
			       const char *file, int line, const char *fmt, ...)
			       __printf(5, 6);

void __kunit_fail_binary(struct kunit *test, enum kunit_assert_type type,
			 const char *file, int line, const char *left_text,
			 const char *op, const char *right_text,
			 long long left, long long right);
void __kunit_fail_ptr(struct kunit *test, enum kunit_assert_type type,
		      const char *file, int line, const char *left_text,
		      const char *op, const char *right_text,
		      const void *left, const void *right);
void __kunit_fail_str(struct kunit *test, enum kunit_assert_type type,
		      const char *file, int line, const char *left_text,
		      const char *op, const char *right_text,
		      const char *left, const char *right);
void __kunit_fail_mem(struct kunit *test, enum kunit_assert_type type,
		      const char *file, int line, const char *left_text,
		      const char *right_text, const void *left, const void *right,
		      size_t size);

#define KUNIT_FAIL(test, fmt, ...) \
	kunit_do_failed_assertion(test, KUNIT_EXPECTATION, __FILE__, __LINE__, \
				  fmt, ##__VA_ARGS__)

#define __KUNIT_BINARY(test, type, left, op, right) do {		\
	const __typeof__(left) __left = (left);				\
	const __typeof__(right) __right = (right);			\
	if (!(__left op __right))					\
		__kunit_fail_binary(test, type, __FILE__, __LINE__,	\
				    #left, #op, #right,			\
				    (long long)__left, (long long)__right); \
} while (0)

#define __KUNIT_PTR(test, type, left, op, right) do {			\
	const void *__left = (left), *__right = (right);		\
	if (!(__left op __right))					\
		__kunit_fail_ptr(test, type, __FILE__, __LINE__,	\
				 #left, #op, #right, __left, __right);	\
} while (0)

#define __KUNIT_STR(test, type, left, op, right) do {			\
	const char *__left = (left), *__right = (right);		\
	if (!(strcmp(__left, __right) op 0))				\
		__kunit_fail_str(test, type, __FILE__, __LINE__,	\
				 #left, #op, #right, __left, __right);	\
} while (0)

#define __KUNIT_MEMEQ(test, type, left, right, size) do {		\
	const void *__left = (left), *__right = (right);		\
	size_t __size = (size);						\
	if (memcmp(__left, __right, __size))				\
		__kunit_fail_mem(test, type, __FILE__, __LINE__,	\
				 #left, #right, __left, __right, __size); \
} while (0)

#define __KUNIT_TRUE(test, type, cond, expect) do {			\
	if ((!!(cond)) != (expect))					\
		kunit_do_failed_assertion(test, type, __FILE__, __LINE__, \
			"Expected %s to be %s, but is %s",		\
			#cond, (expect) ? "true" : "false",		\
			(expect) ? "false" : "true");			\
} while (0)

#define KUNIT_EXPECT_EQ(t, l, r)	__KUNIT_BINARY(t, KUNIT_EXPECTATION, l, ==, r)
#define KUNIT_EXPECT_NE(t, l, r)	__KUNIT_BINARY(t, KUNIT_EXPECTATION, l, !=, r)
#define KUNIT_EXPECT_LT(t, l, r)	__KUNIT_BINARY(t, KUNIT_EXPECTATION, l, <, r)
#define KUNIT_EXPECT_LE(t, l, r)	__KUNIT_BINARY(t, KUNIT_EXPECTATION, l, <=, r)
#define KUNIT_EXPECT_GT(t, l, r)	__KUNIT_BINARY(t, KUNIT_EXPECTATION, l, >, r)
#define KUNIT_EXPECT_GE(t, l, r)	__KUNIT_BINARY(t, KUNIT_EXPECTATION, l, >=, r)
#define KUNIT_EXPECT_TRUE(t, c)		__KUNIT_TRUE(t, KUNIT_EXPECTATION, c, true)
#define KUNIT_EXPECT_FALSE(t, c)	__KUNIT_TRUE(t, KUNIT_EXPECTATION, c, false)
#define KUNIT_EXPECT_PTR_EQ(t, l, r)	__KUNIT_PTR(t, KUNIT_EXPECTATION, l, ==, r)
#define KUNIT_EXPECT_PTR_NE(t, l, r)	__KUNIT_PTR(t, KUNIT_EXPECTATION, l, !=, r)
#define KUNIT_EXPECT_NULL(t, p)		__KUNIT_PTR(t, KUNIT_EXPECTATION, p, ==, NULL)
#define KUNIT_EXPECT_NOT_NULL(t, p)	__KUNIT_PTR(t, KUNIT_EXPECTATION, p, !=, NULL)
#define KUNIT_EXPECT_STREQ(t, l, r)	__KUNIT_STR(t, KUNIT_EXPECTATION, l, ==, r)
#define KUNIT_EXPECT_STRNEQ(t, l, r)	__KUNIT_STR(t, KUNIT_EXPECTATION, l, !=, r)
#define KUNIT_EXPECT_MEMEQ(t, l, r, n)	__KUNIT_MEMEQ(t, KUNIT_EXPECTATION, l, r, n)

#define KUNIT_ASSERT_EQ(t, l, r)	__KUNIT_BINARY(t, KUNIT_ASSERTION, l, ==, r)
#define KUNIT_ASSERT_NE(t, l, r)	__KUNIT_BINARY(t, KUNIT_ASSERTION, l, !=, r)
#define KUNIT_ASSERT_LT(t, l, r)	__KUNIT_BINARY(t, KUNIT_ASSERTION, l, <, r)
#define KUNIT_ASSERT_LE(t, l, r)	__KUNIT_BINARY(t, KUNIT_ASSERTION, l, <=, r)
#define KUNIT_ASSERT_GT(t, l, r)	__KUNIT_BINARY(t, KUNIT_ASSERTION, l, >, r)
#define KUNIT_ASSERT_GE(t, l, r)	__KUNIT_BINARY(t, KUNIT_ASSERTION, l, >=, r)
#define KUNIT_ASSERT_TRUE(t, c)		__KUNIT_TRUE(t, KUNIT_ASSERTION, c, true)
#define KUNIT_ASSERT_FALSE(t, c)	__KUNIT_TRUE(t, KUNIT_ASSERTION, c, false)
#define KUNIT_ASSERT_PTR_EQ(t, l, r)	__KUNIT_PTR(t, KUNIT_ASSERTION, l, ==, r)
#define KUNIT_ASSERT_PTR_NE(t, l, r)	__KUNIT_PTR(t, KUNIT_ASSERTION, l, !=, r)
#define KUNIT_ASSERT_NULL(t, p)		__KUNIT_PTR(t, KUNIT_ASSERTION, p, ==, NULL)
#define KUNIT_ASSERT_NOT_NULL(t, p)	__KUNIT_PTR(t, KUNIT_ASSERTION, p, !=, NULL)
#define KUNIT_ASSERT_STREQ(t, l, r)	__KUNIT_STR(t, KUNIT_ASSERTION, l, ==, r)
#define KUNIT_ASSERT_STRNEQ(t, l, r)	__KUNIT_STR(t, KUNIT_ASSERTION, l, !=, r)
#define KUNIT_ASSERT_MEMEQ(t, l, r, n)	__KUNIT_MEMEQ(t, KUNIT_ASSERTION, l, r, n)

#endif
