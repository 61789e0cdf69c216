/*
 * include/mm/slab.h - kmalloc/kfree: small kernel objects out of pages.
 *
 *   kmalloc(size, gfp)          size bytes (NULL for size 0 or on failure)
 *   kzalloc / kcalloc           the same, zeroed
 *   kmalloc_array(n, size, gfp) n * size bytes, NULL if that overflows
 *   kfree(p)                    give it back; kfree(NULL) does nothing
 *   ksize(p)                    how many bytes p really has (>= what was asked)
 *
 * Requests up to KMALLOC_MAX_CACHE_SIZE come from one of the power-of-two
 * size classes "kmalloc-8" .. "kmalloc-2048", each a struct kmem_cache
 * carving order-0 pages ("slabs") into equal objects; bigger requests get
 * whole pages (a compound page of the smallest order that fits).
 *
 * Differences from Linux a reader should know: kmalloc(0) returns NULL
 * (Linux returns ZERO_SIZE_PTR), there are no per-cpu slabs and no
 * kmem_cache_create() for callers - only the kmalloc caches exist.
 * Linux: include/linux/slab.h (the API), mm/slab.h (struct kmem_cache).
 */
#ifndef _MM_SLAB_H
#define _MM_SLAB_H

#include <kernel/types.h>
#include <kernel/list.h>
#include <mm/gfp.h>

#define KMALLOC_SHIFT_LOW	3	/* smallest class: 8 bytes, room for the free pointer */
#define KMALLOC_SHIFT_HIGH	11	/* largest class: 2048 bytes, two per page */
#define KMALLOC_MIN_SIZE	(1UL << KMALLOC_SHIFT_LOW)
#define KMALLOC_MAX_CACHE_SIZE	(1UL << KMALLOC_SHIFT_HIGH)
#define NR_KMALLOC_CACHES	(KMALLOC_SHIFT_HIGH - KMALLOC_SHIFT_LOW + 1)

/* Freed objects are filled with this after their free pointer (Linux: POISON_FREE). */
#define POISON_FREE		0x6b

/*
 * One size class.  Its slabs are order-0 pages with PG_slab set; the page's
 * slab view (struct page: slab_cache, freelist, inuse, slab_list) describes
 * each.  A slab with free objects is on `partial`; a full slab is on no
 * list (it is found again through virt_to_page() when an object is freed);
 * an empty slab goes straight back to the buddy allocator.
 */
struct kmem_cache {
	const char *name;		/* "kmalloc-64" */
	unsigned int object_size;	/* bytes per object, a power of two */
	unsigned int objects;		/* objects per slab (PAGE_SIZE / object_size) */
	struct list_head partial;	/* slabs with at least one free object */
	unsigned long nr_slabs;		/* slab pages this cache holds now */
	unsigned long nr_live;		/* objects handed out and not yet freed */
};

void *kmalloc(size_t size, gfp_t flags);
void *kzalloc(size_t size, gfp_t flags);
void *kmalloc_array(size_t n, size_t size, gfp_t flags);
void *kcalloc(size_t n, size_t size, gfp_t flags);
void kfree(const void *objp);
size_t ksize(const void *objp);

/* Objects allocated and not yet freed, small and large together. */
unsigned long kmalloc_live_objects(void);
/* Prints one line per size class (like /proc/slabinfo), then the large ones. */
void show_slab_info(void);

#endif
