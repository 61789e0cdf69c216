/*
 * tests/host/host_seam.h - the whole difference between the kernel and the
 * host build of mm, force-included (-include) into every host object.
 *
 * The test program's address space (docs/host-build.md):
 *
 *   0x110000000000 .. TASK_SIZE_MAX   mmlab's user space: a window reserved
 *                                     PROT_NONE; the software MMU (mmu.c)
 *                                     maps pages of the arena into it
 *   PAGE_OFFSET = 0x500000000000      the simulated RAM (a memfd), so
 *                                     __va(phys) = phys + PAGE_OFFSET
 *   above                             the program itself, ASan's heap, the
 *                                     stack: "kernel" addresses, >= PAGE_OFFSET
 *
 * Below the window is ASan's shadow, so user space is smaller than the
 * kernel's 128 TiB.  The kernel's image is not in RAM here; __pa_symbol
 * knows its one page that the mm maps, the zero page (arch.c).
 */
#ifndef _HOST_SEAM_H
#define _HOST_SEAM_H

#define HOST_USER_START	0x110000000000UL	/* above ASan's shadow (0x10007fff8000) */
#define TASK_SIZE_MAX	(0x400000000000UL - PAGE_SIZE)
#define MMAP_BASE	0x3ff000000000UL
#define PAGE_OFFSET	0x500000000000UL

#ifndef __ASSEMBLER__
unsigned long host_pa_symbol(const void *addr);
#define __pa_symbol(x)	host_pa_symbol((const void *)(x))
#endif

#endif
