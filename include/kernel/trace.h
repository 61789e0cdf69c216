/*
 * include/kernel/trace.h - trace events: what the mm did, in order, kept
 * in a ring buffer and read as text from /sys/kernel/tracing/trace (the
 * same line format as Linux's with options/irq-info off), or printed after the boot demos with the
 * `trace_dump` kernel parameter.  `trace_event=all` (or a comma-separated
 * list of names) turns events on at boot, as Linux's trace_event= does.
 *
 * Each event is a call like trace_mm_page_alloc(pfn, order): cheap when
 * the event is off (one bit test).  The names that are Linux tracepoints
 * (mm_page_alloc, mm_page_free, set_migration_pmd, remove_migration_pmd)
 * mean what they mean there; the others are mmlab's, at the steps Linux
 * does not trace (docs/trace.md lists which is which).
 * Linux: kernel/trace/trace.c, include/trace/events/kmem.h and thp.h.
 */
#ifndef _KERNEL_TRACE_H
#define _KERNEL_TRACE_H

#include <kernel/types.h>

enum trace_event_id {
	TRACE_mm_page_alloc,		/* page pfn order (NULL 0: failed)	(Linux) */
	TRACE_mm_page_free,		/* page pfn order		(Linux) */
	TRACE_mm_buddy_split,		/* pfn order: a free block halved */
	TRACE_mm_buddy_merge,		/* pfn order: two buddies joined into one of order */
	TRACE_thp_fault_alloc,		/* addr pfn: a huge PMD fault got a THP */
	TRACE_split_huge_pmd,		/* addr pmd: one PMD became 512 PTEs */
	TRACE_split_huge_page,		/* pfn order new_order: a folio split */
	TRACE_set_migration_pmd,	/* addr pmd			(Linux) */
	TRACE_remove_migration_pmd,	/* addr pmd			(Linux) */
	TRACE_mm_migrate_vma_setup,	/* start npages cpages */
	TRACE_mm_migrate_vma_split,	/* addr pfn: the destination had no huge page */
	TRACE_mm_migrate_vma_pages,	/* start npages migrated */
	TRACE_mm_migrate_vma_finalize,	/* start npages */
	TRACE_mm_migrate_to_ram,	/* addr pfn: a CPU fault on a device page */
	TRACE_mm_pgtable_region,	/* addr pmd_mapped ram_pages device_pages: a 2 MiB region */
	NR_TRACE_EVENTS
};

extern unsigned long trace_enabled_mask;

void trace_event(enum trace_event_id id, unsigned long a, unsigned long b, unsigned long c,
		 unsigned long d);
/* Prints the buffer to the console, oldest first (trace_dump). */
void trace_dump(void);
struct seq_file;
int trace_show(struct seq_file *m, void *v);	/* /sys/kernel/tracing/trace */
/* trace_event= and trace_dump on the command line: the dump, after the demos. */
void trace_boot_dump(void);
/*
 * The tracefs files (/sys/kernel/tracing/): trace (a write is ignored,
 * O_TRUNC empties it), set_event (the events on; names written turn them
 * on, "!name" off, O_TRUNC all off), available_events.
 */
void tracing_reset_online_cpus(void);
long tracing_write_stub(const char *buf, size_t count);
int set_event_show(struct seq_file *m, void *v);
long set_event_store(const char *buf, size_t count);
void ftrace_clear_events(void);
int available_events_show(struct seq_file *m, void *v);

#define DEFINE_TRACE4(name)							\
static inline void trace_##name(unsigned long a, unsigned long b, unsigned long c,	\
				unsigned long d)				\
{										\
	if (trace_enabled_mask & (1UL << TRACE_##name))				\
		trace_event(TRACE_##name, a, b, c, d);				\
}
DEFINE_TRACE4(mm_pgtable_region)
#define DEFINE_TRACE3(name)							\
static inline void trace_##name(unsigned long a, unsigned long b, unsigned long c)	\
{										\
	if (trace_enabled_mask & (1UL << TRACE_##name))				\
		trace_event(TRACE_##name, a, b, c, 0);				\
}
DEFINE_TRACE3(split_huge_page)
DEFINE_TRACE3(mm_page_alloc)
DEFINE_TRACE3(mm_page_free)
DEFINE_TRACE3(mm_migrate_vma_setup)
DEFINE_TRACE3(mm_migrate_vma_pages)
#define DEFINE_TRACE2(name)							\
static inline void trace_##name(unsigned long a, unsigned long b)		\
{										\
	if (trace_enabled_mask & (1UL << TRACE_##name))				\
		trace_event(TRACE_##name, a, b, 0, 0);				\
}
DEFINE_TRACE2(mm_buddy_split)
DEFINE_TRACE2(mm_buddy_merge)
DEFINE_TRACE2(thp_fault_alloc)
DEFINE_TRACE2(split_huge_pmd)
DEFINE_TRACE2(set_migration_pmd)
DEFINE_TRACE2(remove_migration_pmd)
DEFINE_TRACE2(mm_migrate_vma_split)
DEFINE_TRACE2(mm_migrate_vma_finalize)
DEFINE_TRACE2(mm_migrate_to_ram)

#endif
