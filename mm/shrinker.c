/*
 * mm/shrinker.c - the registered shrinkers, and shrink_slab() that runs them.
 *
 * Linux scales each shrinker's work by the reclaim priority (a share of
 * what it counts, more as reclaim gets desperate) and by how costly its
 * objects are to recreate (seeks).  mmlab reclaims only when an
 * allocation has already failed, so it asks for everything counted, in
 * batches.  Linux: mm/shrinker.c (do_shrink_slab, shrink_slab).
 */
#include <mm/shrinker.h>
#include <mm/gfp.h>

static LIST_HEAD(shrinker_list);

void shrinker_register(struct shrinker *shrinker)
{
	list_add_tail(&shrinker->list, &shrinker_list);
}

static unsigned long do_shrink_slab(struct shrink_control *sc, struct shrinker *shrinker)
{
	unsigned long batch = shrinker->batch ? shrinker->batch : SHRINK_BATCH;
	unsigned long total_scan, freed = 0;

	total_scan = shrinker->count_objects(shrinker, sc);
	if (total_scan == 0 || total_scan == SHRINK_EMPTY)
		return 0;
	while (total_scan) {
		unsigned long ret;

		sc->nr_to_scan = total_scan < batch ? total_scan : batch;
		sc->nr_scanned = sc->nr_to_scan;
		ret = shrinker->scan_objects(shrinker, sc);
		if (ret == SHRINK_STOP)
			break;
		freed += ret;
		total_scan -= sc->nr_scanned;
	}
	return freed;
}

unsigned long shrink_slab(gfp_t gfp_mask)
{
	struct shrinker *shrinker;
	unsigned long freed = 0;

	list_for_each_entry(shrinker, &shrinker_list, list) {
		struct shrink_control sc = { .gfp_mask = gfp_mask };

		freed += do_shrink_slab(&sc, shrinker);
	}
	return freed;
}

/*
 * Runs the shrinkers until they free next to nothing: Linux's drop_slab(),
 * what "echo 2 > /proc/sys/vm/drop_caches" does.  Tests call it to run the
 * deferred split without first running out of memory.
 */
void drop_slab(void)
{
	unsigned long freed;

	do {
		freed = shrink_slab(GFP_KERNEL);
	} while (freed > 10);
}
