/*
 * tests/host/run_tests.c - the host test program runs every KUnit suite.
 */
#include <kunit/test.h>

int host_run(void)
{
	return kunit_run_all_tests();
}
