/*
 * include/kernel/stress.h - the boot hook of `make stress`: with the
 * parameter stress=STEPS[,SEED[,FAIL_PERCENT]], kernel_main runs the
 * model-checked stress of the mm (tests/stress/) and exits QEMU with its
 * result instead of running the demos.
 */
#ifndef _KERNEL_STRESS_H
#define _KERNEL_STRESS_H

#include <kernel/types.h>

bool stress_requested(void);
/* 0: the stress passed and every page came back; 1 otherwise. */
int stress_boot_run(void);

#endif
