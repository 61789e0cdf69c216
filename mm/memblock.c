/*
 * mm/memblock.c - ranges of RAM and of reserved RAM, before the buddy allocator.
 *
 * Each list is kept sorted by address with overlapping or touching ranges
 * merged, so "is this address reserved?" and "where is the next free
 * range?" are simple walks.  Lists are small (tens of ranges), so the code
 * prefers plain loops to cleverness.  Linux: mm/memblock.c.
 */
#include <mm/memblock.h>
#include <kernel/printk.h>
#include <kernel/panic.h>
#include <kernel/string.h>
#include <kernel/param.h>
#include <kernel/errno.h>
#include <asm/page.h>

struct memblock memblock = {
	.memory = { .name = "memory" },
	.reserved = { .name = "reserved" },
};
phys_addr_t memory_limit;

static void remove_region(struct memblock_type *type, unsigned long i)
{
	memmove(&type->regions[i], &type->regions[i + 1],
		(type->cnt - i - 1) * sizeof(type->regions[0]));
	type->cnt--;
}

/* Inserts [base, base+size) keeping the list sorted and merged. */
static int memblock_add_range(struct memblock_type *type, phys_addr_t base,
			      phys_addr_t size)
{
	phys_addr_t end = base + size;
	unsigned long i;

	if (!size)
		return 0;
	if (end < base)
		return -EINVAL;
	for (i = 0; i < type->cnt && type->regions[i].base < base; i++)
		;
	if (type->cnt == MEMBLOCK_MAX_REGIONS) {
		pr_err("memblock: too many %s regions\n", type->name);
		return -ENOSPC;
	}
	memmove(&type->regions[i + 1], &type->regions[i],
		(type->cnt - i) * sizeof(type->regions[0]));
	type->regions[i] = (struct memblock_region){ base, size };
	type->cnt++;
	/* Merge with neighbours that touch or overlap. */
	for (i = 0; i + 1 < type->cnt;) {
		struct memblock_region *r = &type->regions[i], *next = r + 1;

		if (next->base > r->base + r->size) {
			i++;
			continue;
		}
		if (next->base + next->size > r->base + r->size)
			r->size = next->base + next->size - r->base;
		remove_region(type, i + 1);
	}
	return 0;
}

int memblock_add(phys_addr_t base, phys_addr_t size)
{
	return memblock_add_range(&memblock.memory, base, size);
}

int memblock_reserve(phys_addr_t base, phys_addr_t size)
{
	return memblock_add_range(&memblock.reserved, base, size);
}

/* Removes everything at or above addr from the list. */
static void memblock_cut_above(struct memblock_type *type, phys_addr_t addr)
{
	while (type->cnt) {
		struct memblock_region *r = &type->regions[type->cnt - 1];

		if (r->base >= addr)
			type->cnt--;
		else {
			if (r->base + r->size > addr)
				r->size = addr - r->base;
			break;
		}
	}
}

void memblock_remove_above(phys_addr_t addr)
{
	memblock_cut_above(&memblock.memory, addr);
}

void memblock_enforce_memory_limit(phys_addr_t limit)
{
	phys_addr_t seen = 0;

	if (!limit)
		return;
	for (unsigned long i = 0; i < memblock.memory.cnt; i++) {
		struct memblock_region *r = &memblock.memory.regions[i];

		if (seen + r->size >= limit) {
			memblock_cut_above(&memblock.memory, r->base + (limit - seen));
			return;
		}
		seen += r->size;
	}
}

phys_addr_t memblock_end_of_DRAM(void)
{
	const struct memblock_type *m = &memblock.memory;

	return m->cnt ? m->regions[m->cnt - 1].base + m->regions[m->cnt - 1].size : 0;
}

phys_addr_t memblock_phys_mem_size(void)
{
	phys_addr_t total = 0;

	for (unsigned long i = 0; i < memblock.memory.cnt; i++)
		total += memblock.memory.regions[i].size;
	return total;
}

bool memblock_is_reserved(phys_addr_t addr)
{
	for (unsigned long i = 0; i < memblock.reserved.cnt; i++) {
		const struct memblock_region *r = &memblock.reserved.regions[i];

		if (addr >= r->base && addr < r->base + r->size)
			return true;
	}
	return false;
}

/*
 * Walks memory minus reserved: the i-th free piece.  For each RAM region,
 * the pieces are the gaps between the reserved ranges inside it.
 */
bool memblock_free_range(unsigned int i, phys_addr_t *start, phys_addr_t *end)
{
	for (unsigned long m = 0; m < memblock.memory.cnt; m++) {
		phys_addr_t cur = memblock.memory.regions[m].base;
		phys_addr_t mend = cur + memblock.memory.regions[m].size;

		for (unsigned long r = 0; r <= memblock.reserved.cnt && cur < mend; r++) {
			const struct memblock_region *res = &memblock.reserved.regions[r];
			phys_addr_t gap_end = r < memblock.reserved.cnt ? res->base : mend;

			if (gap_end > mend)
				gap_end = mend;
			if (gap_end > cur) {
				if (i-- == 0) {
					*start = cur;
					*end = gap_end;
					return true;
				}
			}
			if (r < memblock.reserved.cnt && res->base + res->size > cur)
				cur = res->base + res->size;
		}
	}
	return false;
}

phys_addr_t memblock_phys_alloc(phys_addr_t size, phys_addr_t align)
{
	phys_addr_t start, end;

	for (unsigned int i = 0; memblock_free_range(i, &start, &end); i++) {
		phys_addr_t base = ALIGN(start, align);

		if (base >= start && base + size <= end && base) {
			memblock_reserve(base, size);
			return base;
		}
	}
	return 0;
}

void *memblock_alloc(phys_addr_t size, phys_addr_t align)
{
	phys_addr_t phys = memblock_phys_alloc(size, align);
	void *p;

	if (!phys)
		panic("memblock: cannot allocate %#lx bytes", (unsigned long)size);
	p = __va(phys);
	memset(p, 0, size);
	return p;
}

static void dump_type(const struct memblock_type *type)
{
	pr_info(" %s: %lu range(s)\n", type->name, type->cnt);
	for (unsigned long i = 0; i < type->cnt; i++) {
		const struct memblock_region *r = &type->regions[i];

		pr_info("  [%#012lx-%#012lx] %8lu KiB\n", (unsigned long)r->base,
			(unsigned long)(r->base + r->size - 1), (unsigned long)r->size >> 10);
	}
}

void memblock_dump_all(void)
{
	pr_info("memblock: %lu MiB of RAM%s\n",
		(unsigned long)memblock_phys_mem_size() >> 20,
		memory_limit ? " (capped by mem=)" : "");
	dump_type(&memblock.memory);
	dump_type(&memblock.reserved);
}

static int __init set_mem_limit(char *val)
{
	char *end;

	if (!val)
		return -EINVAL;
	memory_limit = memparse(val, &end);
	if (*end || memory_limit < (16UL << 20))
		return memory_limit = 0, -EINVAL;
	return 0;
}
__setup("mem", set_mem_limit);
