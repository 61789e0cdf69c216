/*
 * include/kernel/setup.h - machine setup steps called by kernel_main().
 */
#ifndef _KERNEL_SETUP_H
#define _KERNEL_SETUP_H

#include <kernel/types.h>

void setup_memory_map(void);
/* Does [start, end) lie in the kernel's image (text, data, bss: its stack too)? */
bool kernel_image_contains(unsigned long start, unsigned long end);

#endif
