/*
 * kernel/fs/proc/meminfo.c - /proc/meminfo: "Label:   value kB" lines, as
 * free(1) and top(1) parse them.  Only what mmlab counts: RAM (the
 * buddy's managed pages), free pages, free pages parked on the per-CPU
 * lists (available, not "free" - Linux's NR_FREE_PAGES leaves them out
 * too), and anonymous memory from the rmap's node counters.
 * Linux: fs/proc/meminfo.c (meminfo_proc_show, show_val_kb).
 */
#include <mm/shmem_fs.h>
#include <kernel/proc_fs.h>
#include <kernel/seq_file.h>
#include <mm/vmstat.h>
#include <mm/mmzone.h>
#include <mm/gfp.h>
#include <asm/page.h>

/* The label padded to 16 columns, the value in kB in 8. */
static void show_val_kb(struct seq_file *m, const char *label, unsigned long pages)
{
	seq_printf(m, "%-16s%8lu kB\n", label, pages << (PAGE_SHIFT - 10));
}

int meminfo_proc_show(struct seq_file *m, void *v)
{
	unsigned long free = nr_free_pages();

	show_val_kb(m, "MemTotal:", normal_zone.managed_pages);
	show_val_kb(m, "MemFree:", free);
	show_val_kb(m, "MemAvailable:", free + zone_pcp_count(&normal_zone));
	show_val_kb(m, "AnonPages:", global_node_page_state(NR_ANON_MAPPED));
	show_val_kb(m, "Shmem:", shmem_pages());
	show_val_kb(m, "AnonHugePages:", global_node_page_state(NR_ANON_THPS));
	return 0;
}
