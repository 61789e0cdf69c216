/*
 * tests/host/run_stress.c - the host stress program: the model-checked
 * stress of the mm (tests/stress/) under ASan+UBSan, as `make stress`
 * runs it.  Arguments are the kernel command line: stress=STEPS,SEED,FAIL.
 */
#include <kernel/stress.h>

const char host_default_cmdline[] = "stress=100000,1,2";

int host_run(void)
{
	return stress_requested() ? stress_boot_run() : 1;
}
