/*
 * include/mm/shrinker.h - caches that give memory back when asked.
 *
 * A subsystem that holds memory it could free (Linux: the dentry and inode
 * caches, the THP deferred-split queue, ...) registers a shrinker: how
 * much it could free (count_objects) and "free up to nr_to_scan of them
 * now" (scan_objects).  When the page allocator finds no free block it
 * calls shrink_slab() before giving up, then tries once more.
 * Linux: include/linux/shrinker.h, mm/shrinker.c.
 */
#ifndef _MM_SHRINKER_H
#define _MM_SHRINKER_H

#include <kernel/types.h>
#include <kernel/list.h>

struct shrink_control {
	gfp_t gfp_mask;
	unsigned long nr_to_scan;	/* in: how many to look at; counts down */
	unsigned long nr_scanned;
};

#define SHRINK_STOP	(~0UL)		/* scan_objects: nothing more can be done now */
#define SHRINK_EMPTY	(~0UL - 1)	/* count_objects: nothing to free at all */
#define SHRINK_BATCH	128		/* objects per scan_objects call by default */

struct shrinker {
	unsigned long (*count_objects)(struct shrinker *, struct shrink_control *sc);
	unsigned long (*scan_objects)(struct shrinker *, struct shrink_control *sc);
	long batch;			/* 0: SHRINK_BATCH */
	const char *name;
	struct list_head list;
};

/* Adds a (statically allocated) shrinker; Linux allocates it with shrinker_alloc(). */
void shrinker_register(struct shrinker *shrinker);
/* Asks every shrinker to free what it counts; returns what they freed. */
unsigned long shrink_slab(gfp_t gfp_mask);
/* Shrinks until (nearly) nothing more comes back (drop_caches' "2"). */
void drop_slab(void);

#endif
