/*
 * tests/host/host_seam.h - the whole difference between the kernel and the
 * host build of the mm core, force-included (-include) into every host
 * object: physical memory is a block of the test program's own memory
 * starting at host_page_offset, so __va(phys) = phys + host_page_offset.
 */
#ifndef _HOST_SEAM_H
#define _HOST_SEAM_H

#ifndef __ASSEMBLER__
extern unsigned long host_page_offset;
#define PAGE_OFFSET	host_page_offset
#endif

#endif
