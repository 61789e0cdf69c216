/*
 * drivers/dmirror_pt.c - the simulated device's own page table.
 *
 * A real GPU has page tables of its own that map the same virtual
 * addresses as the CPU's.  dmirror's is a four-level radix tree indexed
 * exactly like an x86-64 page table (9 bits per level), built from whole
 * pages; a leaf holds the physical address of the page - device memory or,
 * when mirroring, system memory - and a write bit.  The leaf table last
 * found is remembered, so a run of pages costs one walk.  (Linux's
 * dmirror uses an xarray.)
 */
#include "dmirror_internal.h"
#include <kernel/string.h>
#include <kernel/errno.h>

#define DPT_LEVELS	4

static unsigned int dpt_index(unsigned long vpn, int level)
{
	return (vpn >> (9 * level)) & 511;
}

static u64 *dpt_alloc_table(void)
{
	struct page *page = alloc_page(__GFP_ZERO | __GFP_NOWARN);

	return page ? page_address(page) : NULL;
}

/* The walk down to the leaf slot for vpn; with create, allocates missing tables. */
static __noinline u64 *dpt_walk(struct dmirror_pt *pt, unsigned long vpn, bool create)
{
	u64 *table;

	if (!pt->root && (!create || !(pt->root = dpt_alloc_table())))
		return NULL;
	table = pt->root;
	for (int level = DPT_LEVELS - 1; level > 0; level--) {
		u64 *slot = &table[dpt_index(vpn, level)];

		if (!*slot) {
			u64 *next = create ? dpt_alloc_table() : NULL;

			if (!next)
				return NULL;
			*slot = (u64)next;
		}
		table = (u64 *)*slot;
	}
	pt->leaf = table;
	pt->leaf_vpn = vpn >> 9;
	return &table[dpt_index(vpn, 0)];
}

/* The leaf slot for vpn: in the remembered leaf table if that maps it. */
static inline u64 *dpt_slot(struct dmirror_pt *pt, unsigned long vpn, bool create)
{
	if (pt->leaf && pt->leaf_vpn == vpn >> 9)
		return &pt->leaf[dpt_index(vpn, 0)];
	return dpt_walk(pt, vpn, create);
}

u64 dpt_lookup(struct dmirror_pt *pt, unsigned long vpn)
{
	u64 *slot = dpt_slot(pt, vpn, false);

	return slot ? *slot : 0;
}

int dpt_store(struct dmirror_pt *pt, unsigned long vpn, u64 entry)
{
	u64 *slot = dpt_slot(pt, vpn, true);

	if (!slot)
		return -ENOMEM;
	*slot = entry | DPT_VALID;
	return 0;
}

void dpt_erase(struct dmirror_pt *pt, unsigned long vpn)
{
	u64 *slot = dpt_slot(pt, vpn, false);

	if (slot)
		*slot = 0;
}

/*
 * Clears the leaves for [start, end) below table (a level-`level` table
 * whose first vpn is base), visiting only tables that exist: an
 * invalidation of a huge, mostly empty range costs what is mapped, not its
 * size (Linux's dmirror erases with xa_for_each_range).
 */
static void dpt_erase_level(u64 *table, int level, unsigned long base,
			    unsigned long start, unsigned long end)
{
	unsigned long span = 1UL << (9 * level);	/* vpns under one slot */
	unsigned long i = start > base ? (start - base) / span : 0;

	for (; i < 512 && base + i * span < end; i++) {
		if (!table[i])
			continue;
		if (level == 0)
			table[i] = 0;
		else
			dpt_erase_level((u64 *)table[i], level - 1, base + i * span, start, end);
	}
}

void dpt_erase_range(struct dmirror_pt *pt, unsigned long start_vpn, unsigned long end_vpn)
{
	if (pt->root)
		dpt_erase_level(pt->root, DPT_LEVELS - 1, 0, start_vpn, end_vpn);
}

static void dpt_free_level(u64 *table, int level)
{
	for (int i = 0; level > 0 && i < 512; i++)
		if (table[i])
			dpt_free_level((u64 *)table[i], level - 1);
	__free_pages(virt_to_page(table), 0);
}

void dpt_destroy(struct dmirror_pt *pt)
{
	if (pt->root)
		dpt_free_level(pt->root, DPT_LEVELS - 1);
	pt->root = NULL;
	pt->leaf = NULL;
}
