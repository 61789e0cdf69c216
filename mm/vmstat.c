/*
 * mm/vmstat.c - the event counters and their names (like /proc/vmstat).
 */
#include <mm/vmstat.h>
#include <kernel/printk.h>

unsigned long vm_events[NR_VM_EVENT_ITEMS];

const char *const vm_event_names[NR_VM_EVENT_ITEMS] = {
	[PGALLOC] = "pgalloc",
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
