/*
 * tests/host/run_tests.c - the host test program runs every KUnit suite.
 */
#include <kunit/test.h>
#include <mm/gfp.h>

int host_run(void)
{
	page_poisoning = true;		/* as `make test` boots the kernel: page_poison=1 */
	return kunit_run_all_tests();
}
