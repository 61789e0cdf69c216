/*
 * tests/host/run_tests.c - the host test program runs every KUnit suite,
 * booted like the test kernel (scripts/run_tests.py adds what it adds
 * there: mmlab.no_such_param=1, kunit.filter_glob=).
 */
#include <kunit/test.h>

/* page_poison=1: the tests catch writes after free, as in the test kernel. */
const char host_default_cmdline[] = "kunit.enable=1 page_poison=1 slub_debug=1";

int host_run(void)
{
	return kunit_run_all_tests();
}
