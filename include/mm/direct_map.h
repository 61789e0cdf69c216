/*
 * include/mm/direct_map.h - all of RAM mapped at PAGE_OFFSET.
 */
#ifndef _MM_DIRECT_MAP_H
#define _MM_DIRECT_MAP_H

#include <kernel/types.h>

/* RAM above this is not used (one static page directory per GiB). */
#define DIRECT_MAP_LIMIT	(64UL << 30)

extern unsigned long direct_map_bytes;	/* how much the direct map covers */
extern unsigned long init_top_pgt_phys;	/* the kernel's PML4 (physical) */

void init_direct_map(void);
/* Drop the identity mapping of low memory that boot needed. */
void zap_low_identity_map(void);

#endif
