/*
 * mm/vmstat.c - the event counters and the node counters, their names, and
 * the text of /proc/vmstat and /proc/buddyinfo.
 */
#include <mm/vmstat.h>
#include <mm/gfp.h>
#include <mm/mmzone.h>
#include <mm/huge_mm.h>
#include <kernel/printk.h>
#include <kernel/seq_file.h>

long vm_node_stat[NR_VM_NODE_STAT_ITEMS];

/* Linux's vmstat_text names; THPs are printed as THPs, not pages, as there. */
static const char *const node_stat_names[NR_VM_NODE_STAT_ITEMS] = {
	[NR_ANON_MAPPED] = "nr_anon_pages",
	[NR_ANON_THPS] = "nr_anon_transparent_hugepages",
};

unsigned long vm_events[NR_VM_EVENT_ITEMS];

const char *const vm_event_names[NR_VM_EVENT_ITEMS] = {
	[PGALLOC_NORMAL] = "pgalloc_normal",
	[PGALLOC_DEVICE] = "pgalloc_device",
	[PGFREE] = "pgfree",
	[PGALLOC_FAIL] = "pgalloc_fail",
	[PGALLOC_INJECTED_FAIL] = "pgalloc_injected_fail",
	[PGFAULT] = "pgfault",
	[THP_FAULT_ALLOC] = "thp_fault_alloc",
	[THP_FAULT_FALLBACK] = "thp_fault_fallback",
	[THP_SPLIT_PMD] = "thp_split_pmd",
	[THP_SPLIT_PAGE] = "thp_split_page",
	[THP_SPLIT_PAGE_FAILED] = "thp_split_page_failed",
	[THP_DEFERRED_SPLIT_PAGE] = "thp_deferred_split_page",
	[THP_ZERO_PAGE_ALLOC] = "thp_zero_page_alloc",
	[PGMIGRATE_SUCCESS] = "pgmigrate_success",
	[PGMIGRATE_FAIL] = "pgmigrate_fail",
	[THP_MIGRATION_SUCCESS] = "thp_migration_success",
	[THP_MIGRATION_SPLIT] = "thp_migration_split",
	[THP_MIGRATION_FAIL] = "thp_migration_fail",
};

void show_vm_events(void)
{
	for (int i = 0; i < NR_VM_EVENT_ITEMS; i++)
		pr_info("vmstat: %-28s %lu\n", vm_event_names[i], vm_events[i]);
}

/*
 * /proc/vmstat: free pages (not counting the per-CPU lists, as Linux's
 * NR_FREE_PAGES), the node counters, then the events.
 */
int vmstat_show(struct seq_file *m, void *v)
{
	seq_printf(m, "nr_free_pages %lu\n", nr_free_pages());
	for (int i = 0; i < NR_VM_NODE_STAT_ITEMS; i++) {
		unsigned long n = global_node_page_state(i);

		seq_printf(m, "%s %lu\n", node_stat_names[i],
			   i == NR_ANON_THPS ? n / HPAGE_PMD_NR : n);
	}
	for (int i = 0; i < NR_VM_EVENT_ITEMS; i++)
		seq_printf(m, "%s %lu\n", vm_event_names[i], vm_events[i]);
	return 0;
}

/* /proc/buddyinfo: the RAM zone's free blocks per order (device memory is not the buddy's in Linux). */
int frag_show(struct seq_file *m, void *v)
{
	seq_printf(m, "Node 0, zone %8s ", normal_zone.name);
	for (int o = 0; o < NR_PAGE_ORDERS; o++)
		seq_printf(m, "%6lu ", normal_zone.free_area[o].nr_free);
	seq_putc(m, '\n');
	return 0;
}
