/*
 * include/kernel/setup.h - machine setup steps called by kernel_main().
 */
#ifndef _KERNEL_SETUP_H
#define _KERNEL_SETUP_H

void setup_memory_map(void);

#endif
