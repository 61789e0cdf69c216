/*
 * include/kunit/test-bug.h - the few KUnit hooks core kernel code may call.
 * Linux has the same header for the same reason: code under test can fail
 * the current test without depending on all of KUnit.
 */
#ifndef _KUNIT_TEST_BUG_H
#define _KUNIT_TEST_BUG_H

#include <kernel/compiler.h>

struct kunit;

/* The test case running now, or NULL. */
struct kunit *kunit_get_current_test(void);

/*
 * The kernel is dying (oops, BUG, panic) while a test runs: report the test
 * as "not ok N name # ERROR reason", close the KTAP output and end the run
 * with the fail status.  Returns only if no test is running.
 */
void kunit_crash_current_test(const char *reason);

#endif
