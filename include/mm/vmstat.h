/*
 * include/mm/vmstat.h - event counters, like /proc/vmstat.
 *
 * count_vm_event(PGFAULT) adds one; vm_event_count(PGFAULT) reads it.
 * Tests read a counter before and after an operation and compare.
 * Linux: include/linux/vm_event_item.h, mm/vmstat.c.
 */
#ifndef _MM_VMSTAT_H
#define _MM_VMSTAT_H

enum vm_event_item {
	PGALLOC_NORMAL,		/* pages handed out by the page allocator, per zone */
	PGALLOC_DEVICE,		/* (Linux: FOR_ALL_ZONES(PGALLOC)) */
	PGFREE,			/* pages given back */
	PGALLOC_FAIL,		/* allocations that found no block */
	PGALLOC_INJECTED_FAIL,	/* allocations failed by fault injection */
	PGFAULT,		/* page faults handled by handle_mm_fault() */
	THP_FAULT_ALLOC,	/* a fault mapped a new THP with one PMD */
	THP_FAULT_FALLBACK,	/* a THP fault could not get a THP: 4 KiB pages instead */
	THP_SPLIT_PMD,		/* a huge PMD became a table of 512 PTEs */
	THP_SPLIT_PAGE,		/* a THP was split into smaller folios */
	THP_SPLIT_PAGE_FAILED,	/* a THP split was tried and refused (a pin, nothing mapped) */
	THP_DEFERRED_SPLIT_PAGE, /* a THP was queued for a deferred split (partly unmapped) */
	THP_ZERO_PAGE_ALLOC,	/* the huge zero page was allocated */
	PGMIGRATE_SUCCESS,	/* 4 KiB pages moved by migrate_vma (Linux: migrate_pages only) */
	PGMIGRATE_FAIL,		/* 4 KiB pages selected but left where they were */
	THP_MIGRATION_SUCCESS,	/* THPs moved whole */
	THP_MIGRATION_SPLIT,	/* THPs split mid-migration (destination not 2 MiB) */
	THP_MIGRATION_FAIL,	/* THPs neither moved nor split */
	NR_VM_EVENT_ITEMS
};

extern unsigned long vm_events[NR_VM_EVENT_ITEMS];
extern const char *const vm_event_names[NR_VM_EVENT_ITEMS];

static inline void count_vm_events(enum vm_event_item item, long delta)
{
	vm_events[item] += delta;
}

static inline void count_vm_event(enum vm_event_item item)
{
	vm_events[item]++;
}

static inline unsigned long vm_event_count(enum vm_event_item item)
{
	return vm_events[item];
}

void show_vm_events(void);

/*
 * Node counters: states, not events - they go up and down.  One node, so
 * global.  Linux: enum node_stat_item, global_node_page_state().
 */
enum node_stat_item {
	NR_ANON_MAPPED,		/* anonymous pages mapped (a PMD maps all 512) */
	NR_ANON_THPS,		/* pages of anonymous THPs mapped by a PMD */
	NR_VM_NODE_STAT_ITEMS
};

extern long vm_node_stat[NR_VM_NODE_STAT_ITEMS];

static inline void mod_node_page_state(enum node_stat_item item, long delta)
{
	vm_node_stat[item] += delta;
}

static inline unsigned long global_node_page_state(enum node_stat_item item)
{
	return vm_node_stat[item] > 0 ? vm_node_stat[item] : 0;
}

struct seq_file;
/* /proc/vmstat: Linux's names, one "name value" line each. */
int vmstat_show(struct seq_file *m, void *v);
/* /proc/buddyinfo: free blocks per order. */
int frag_show(struct seq_file *m, void *v);

#endif
