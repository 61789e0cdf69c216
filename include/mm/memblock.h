/*
 * include/mm/memblock.h - the boot-time memory map and allocator.
 *
 * Before the buddy allocator exists, memblock knows which physical ranges
 * are RAM (memblock.memory) and which of them are taken (memblock.reserved:
 * the first MiB, the kernel image, the boot information, early
 * allocations such as mem_map).  mm_core_init() then hands every RAM page
 * that is not reserved to the buddy allocator.  Linux: mm/memblock.c.
 */
#ifndef _MM_MEMBLOCK_H
#define _MM_MEMBLOCK_H

#include <kernel/types.h>

#define MEMBLOCK_MAX_REGIONS	128

struct memblock_region {
	phys_addr_t base;
	phys_addr_t size;
};

struct memblock_type {
	const char *name;
	unsigned long cnt;
	struct memblock_region regions[MEMBLOCK_MAX_REGIONS];
};

struct memblock {
	struct memblock_type memory;
	struct memblock_type reserved;
};

extern struct memblock memblock;

int memblock_add(phys_addr_t base, phys_addr_t size);
int memblock_reserve(phys_addr_t base, phys_addr_t size);
/* Keeps only the first `limit` bytes of RAM (the mem= parameter). */
void memblock_enforce_memory_limit(phys_addr_t limit);
/* Forgets RAM at or above addr (what the direct map cannot cover). */
void memblock_remove_above(phys_addr_t addr);
/* Finds, reserves and returns free RAM, or 0 if there is none. */
phys_addr_t memblock_phys_alloc(phys_addr_t size, phys_addr_t align);
/* The same, zeroed, through the direct map; panics if there is none. */
void *memblock_alloc(phys_addr_t size, phys_addr_t align);
phys_addr_t memblock_end_of_DRAM(void);
phys_addr_t memblock_phys_mem_size(void);
bool memblock_is_reserved(phys_addr_t addr);
/* The i-th range of RAM that is not reserved; false past the last one. */
bool memblock_free_range(unsigned int i, phys_addr_t *start, phys_addr_t *end);
void memblock_dump_all(void);
extern phys_addr_t memory_limit;	/* from mem=, 0 if none */

#endif
