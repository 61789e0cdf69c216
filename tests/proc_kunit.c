/*
 * tests/proc_kunit.c - the text of the /proc and /sys files that mmlab's
 * mm shows: seq_file's growing buffer, /proc/vmstat and /proc/meminfo
 * following a THP's life (fault, split, device, unmap), /proc/buddyinfo
 * against the free lists, maps and smaps lines in Linux's format,
 * pagemap entries for present, absent and device-private pages, status,
 * and the transparent_hugepage files read and written as sysfs does.
 */
#include "hmm_check.h"
#include <kernel/proc_fs.h>
#include <kernel/seq_file.h>
#include <kernel/string.h>
#include <mm/huge_mm.h>
#include <mm/slab.h>

/* show() renders into a NUL-terminated kmalloc'd string (kfree it). */
static char *render(struct kunit *test, int (*show)(struct seq_file *, void *), void *priv)
{
	size_t len;
	char *text = seq_render(show, priv, &len), *s;

	KUNIT_ASSERT_FALSE(test, IS_ERR(text));
	s = kmalloc(len + 1, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, s);
	memcpy(s, text, len);
	s[len] = 0;
	kfree(text);
	return s;
}

/* The number after "name" at the start of a line of text (the first such line). */
static long field(const char *text, const char *name)
{
	size_t n = strlen(name);

	for (const char *line = text; line && *line; line = strchr(line, '\n') ?
	     strchr(line, '\n') + 1 : NULL) {
		unsigned long v = 0;
		const char *p = line + n;

		if (strncmp(line, name, n) || (*p != ' ' && *p != '\t' && *p != ':'))
			continue;
		p = skip_spaces(*p == ':' ? p + 1 : p);
		while (*p >= '0' && *p <= '9')
			v = v * 10 + (*p++ - '0');
		return v;
	}
	return -1;
}

static long proc_field(struct kunit *test, int (*show)(struct seq_file *, void *), void *priv,
		       const char *name)
{
	char *text = render(test, show, priv);
	long v = field(text, name);

	kfree(text);
	KUNIT_EXPECT_GE(test, v, 0);		/* the line is there */
	return v;
}

/* ---- seq_file -------------------------------------------------------- */

static int show_10000(struct seq_file *m, void *v)
{
	for (int i = 0; i < 1000; i++)
		seq_printf(m, "%09d\n", i);
	return 0;
}

static int show_fails(struct seq_file *m, void *v)
{
	seq_puts(m, "half");
	return -EIO;
}

static int show_padded(struct seq_file *m, void *v)
{
	seq_puts(m, "ab\ncd");
	seq_pad(m, 8, 'x');
	return 0;
}

static void seq_render_grows_until_it_fits(struct kunit *test)
{
	unsigned long objects = kmalloc_live_objects();
	size_t len;
	char *text = seq_render(show_10000, NULL, &len);

	KUNIT_ASSERT_FALSE(test, IS_ERR(text));
	KUNIT_EXPECT_EQ(test, len, 10000UL);		/* more than two pages */
	KUNIT_EXPECT_EQ(test, memcmp(text + 9990, "000000999\n", 10), 0);
	kfree(text);
	KUNIT_EXPECT_PTR_EQ(test, seq_render(show_fails, NULL, &len), ERR_PTR(-EIO));
	text = render(test, show_padded, NULL);
	KUNIT_EXPECT_STREQ(test, text, "ab\ncd      x");
	kfree(text);
	KUNIT_EXPECT_EQ(test, kmalloc_live_objects(), objects);
}

/* ---- vmstat, meminfo, buddyinfo ----------------------------------------- */

/* A THP's life in the node counters, as /proc/vmstat and /proc/meminfo show them. */
static void thp_counted_from_fault_to_unmap(struct kunit *test)
{
	long thps = proc_field(test, vmstat_show, NULL, "nr_anon_transparent_hugepages");
	long anon = proc_field(test, vmstat_show, NULL, "nr_anon_pages");
	long huge_kb = proc_field(test, meminfo_proc_show, NULL, "AnonHugePages");
	long faults = proc_field(test, vmstat_show, NULL, "thp_fault_alloc");
	unsigned long addr;
	struct folio *folio = vm_filled_thp(test, &addr, 7);

	KUNIT_EXPECT_EQ(test, proc_field(test, vmstat_show, NULL, "nr_anon_transparent_hugepages"),
			thps + 1);
	KUNIT_EXPECT_EQ(test, proc_field(test, vmstat_show, NULL, "nr_anon_pages"), anon + 512);
	KUNIT_EXPECT_EQ(test, proc_field(test, meminfo_proc_show, NULL, "AnonHugePages"),
			huge_kb + 2048);
	KUNIT_EXPECT_EQ(test, proc_field(test, vmstat_show, NULL, "thp_fault_alloc"), faults + 1);
	/* split the PMD: still 512 pages mapped, no longer a PMD-mapped THP */
	split_huge_pmd_address(vm_vma(test, addr), addr, false);
	KUNIT_EXPECT_EQ(test, folio_order(folio), HPAGE_PMD_ORDER);
	KUNIT_EXPECT_EQ(test, proc_field(test, vmstat_show, NULL, "nr_anon_transparent_hugepages"),
			thps);
	KUNIT_EXPECT_EQ(test, proc_field(test, vmstat_show, NULL, "nr_anon_pages"), anon + 512);
	/* unmap half of it: 256 pages left; then all */
	KUNIT_EXPECT_EQ(test, vm_munmap(addr, MB), 0);
	KUNIT_EXPECT_EQ(test, proc_field(test, vmstat_show, NULL, "nr_anon_pages"), anon + 256);
	KUNIT_EXPECT_EQ(test, vm_munmap(addr + MB, MB), 0);
	KUNIT_EXPECT_EQ(test, proc_field(test, vmstat_show, NULL, "nr_anon_pages"), anon);
	KUNIT_EXPECT_EQ(test, proc_field(test, meminfo_proc_show, NULL, "AnonHugePages"), huge_kb);
}

static void meminfo_counts_ram_and_free_pages(struct kunit *test)
{
	char *text;

	drain_all_pages(NULL);
	text = render(test, meminfo_proc_show, NULL);
	KUNIT_EXPECT_EQ(test, field(text, "MemTotal"), (long)normal_zone.managed_pages * 4);
	KUNIT_EXPECT_EQ(test, field(text, "MemFree"), (long)nr_free_pages() * 4);
	/* and the pages on the per-CPU lists (the render's own buffer took a batch there) */
	KUNIT_EXPECT_GT(test, field(text, "MemAvailable"), field(text, "MemFree"));
	KUNIT_EXPECT_LE(test, field(text, "MemAvailable") - field(text, "MemFree"),
			(long)normal_zone.per_cpu_pageset->high * 4);
	KUNIT_EXPECT_NOT_NULL(test, strstr(text, "MemTotal:       "));	/* 16 columns */
	KUNIT_EXPECT_NOT_NULL(test, strstr(text, " kB\nMemFree:"));
	kfree(text);
}

static void buddyinfo_is_the_free_lists(struct kunit *test)
{
	char *text, want[160];
	int n;

	drain_all_pages(NULL);
	text = render(test, frag_show, NULL);
	n = scnprintf(want, sizeof(want), "Node 0, zone %8s ", "Normal");
	for (int o = 0; o < NR_PAGE_ORDERS; o++)
		n += scnprintf(want + n, sizeof(want) - n, "%6lu ", normal_zone.free_area[o].nr_free);
	scnprintf(want + n, sizeof(want) - n, "\n");
	KUNIT_EXPECT_STREQ(test, text, want);
	kfree(text);
}

/* ---- maps, smaps, status ------------------------------------------------ */

static u64 pagemap_entry(struct kunit *test, struct mm_struct *mm, unsigned long addr);

static void maps_lines_in_linux_format(struct kunit *test)
{
	unsigned long rw = VM_MMAP(test, 3 * PAGE_SIZE);
	unsigned long ro = vm_mmap(NULL, 0, PAGE_SIZE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, 0);
	char *text, want[128];

	KUNIT_ASSERT_FALSE(test, IS_ERR_VALUE(ro));
	text = render(test, show_map, vm_case_mm(test));
	scnprintf(want, sizeof(want), "%08lx-%08lx rw-p 00000000 00:00 0 \n", rw, rw + 3 * PAGE_SIZE);
	KUNIT_EXPECT_NOT_NULL(test, strstr(text, want));
	scnprintf(want, sizeof(want), "%08lx-%08lx r--p 00000000 00:00 0 \n", ro, ro + PAGE_SIZE);
	KUNIT_EXPECT_NOT_NULL(test, strstr(text, want));
	kfree(text);
}

/* The smaps block of the VMA at addr: its field, or -1. */
static long smaps_field(struct kunit *test, unsigned long addr, const char *name)
{
	char *text = render(test, show_smap, vm_case_mm(test)), head[32];
	const char *block;
	long v = -1;

	scnprintf(head, sizeof(head), "%08lx-", addr);
	block = strstr(text, head);
	if (block)
		v = field(block, name);
	kfree(text);
	return v;
}

static void smaps_of_a_thp_then_4k(struct kunit *test)
{
	unsigned long addr;

	vm_filled_thp(test, &addr, 9);
	KUNIT_EXPECT_EQ(test, smaps_field(test, addr, "Size"), 2048);
	KUNIT_EXPECT_EQ(test, smaps_field(test, addr, "Rss"), 2048);
	KUNIT_EXPECT_EQ(test, smaps_field(test, addr, "Private_Dirty"), 2048);
	KUNIT_EXPECT_EQ(test, smaps_field(test, addr, "Anonymous"), 2048);
	KUNIT_EXPECT_EQ(test, smaps_field(test, addr, "AnonHugePages"), 2048);
	set_transparent_hugepage_mode(THP_MODE_ALWAYS);
	KUNIT_EXPECT_EQ(test, smaps_field(test, addr, "THPeligible"), 1);
	split_huge_pmd_address(vm_vma(test, addr), addr, false);
	KUNIT_EXPECT_EQ(test, smaps_field(test, addr, "Rss"), 2048);
	KUNIT_EXPECT_EQ(test, smaps_field(test, addr, "AnonHugePages"), 0);
	set_transparent_hugepage_mode(THP_MODE_NEVER);
	KUNIT_EXPECT_EQ(test, smaps_field(test, addr, "THPeligible"), 0);
}

static void smaps_reads_zero_pages_as_nothing(struct kunit *test)
{
	unsigned long addr = VM_MMAP(test, 2 * MB);

	set_transparent_hugepage_mode(THP_MODE_ALWAYS);
	KUNIT_EXPECT_EQ(test, *(volatile int *)addr, 0);		/* the huge zero page */
	KUNIT_EXPECT_EQ(test, smaps_field(test, addr, "Rss"), 0);
	KUNIT_EXPECT_EQ(test, smaps_field(test, addr, "AnonHugePages"), 0);
	/* pagemap: present, and - not being anonymous - a "file" page, as in Linux */
	KUNIT_EXPECT_EQ(test, pagemap_entry(test, vm_case_mm(test), addr) & ~PM_PFRAME_MASK,
			PM_PRESENT | PM_FILE);
}

static void status_shows_the_resident_set(struct kunit *test)
{
	unsigned long addr = VM_MMAP(test, 16 * PAGE_SIZE);
	long rss = proc_field(test, proc_pid_status, current, "VmRSS");

	for (int i = 0; i < 5; i++)
		*(volatile char *)(addr + i * PAGE_SIZE) = 1;
	KUNIT_EXPECT_EQ(test, proc_field(test, proc_pid_status, current, "VmRSS"), rss + 20);
	KUNIT_EXPECT_EQ(test, proc_field(test, proc_pid_status, current, "Pid"), current->pid);
	KUNIT_EXPECT_GE(test, proc_field(test, proc_pid_status, current, "VmSize"), 64);
}

/* ---- pagemap ----------------------------------------------------------- */

static u64 pagemap_entry(struct kunit *test, struct mm_struct *mm, unsigned long addr)
{
	u64 e = 0xdead;

	KUNIT_EXPECT_EQ(test, pagemap_read(mm, &e, 8, (addr >> PAGE_SHIFT) * 8), 8);
	return e;
}

static void pagemap_present_absent_and_bad_offsets(struct kunit *test)
{
	struct mm_struct *mm = vm_case_mm(test);
	unsigned long addr = VM_MMAP(test, 4 * PAGE_SIZE);
	struct mm_mapping m;
	u64 e[4];

	*(volatile char *)addr = 1;
	mm_find_mapping(mm, addr, &m);
	KUNIT_EXPECT_EQ(test, pagemap_entry(test, mm, addr),
			PM_PRESENT | PM_MMAP_EXCLUSIVE | m.pfn);
	KUNIT_EXPECT_EQ(test, pagemap_entry(test, mm, addr + PAGE_SIZE), 0ULL);
	KUNIT_EXPECT_EQ(test, pagemap_read(mm, e, 32, (addr >> PAGE_SHIFT) * 8), 32);
	KUNIT_EXPECT_EQ(test, pagemap_read(mm, e, 7, 0), -EINVAL);	/* not whole entries */
	KUNIT_EXPECT_EQ(test, pagemap_read(mm, e, 8, 4), -EINVAL);
	KUNIT_EXPECT_EQ(test, pagemap_read(mm, e, 8, (mm->task_size >> PAGE_SHIFT) * 8), 0);
}

/* ---- transparent_hugepage ---------------------------------------------- */

static void thp_sysfs_files_read_and_write(struct kunit *test)
{
	char buf[PAGE_SIZE];
	enum transparent_hugepage_defrag defrag = transparent_hugepage_defrag;

	set_transparent_hugepage_mode(THP_MODE_MADVISE);
	KUNIT_EXPECT_EQ(test, enabled_show(buf), 23L);
	KUNIT_EXPECT_STREQ(test, buf, "always [madvise] never\n");
	KUNIT_EXPECT_EQ(test, enabled_store("never\n", 6), 6L);	/* what echo writes */
	KUNIT_EXPECT_EQ(test, transparent_hugepage_mode, THP_MODE_NEVER);
	KUNIT_EXPECT_EQ(test, enabled_store("nev", 3), -EINVAL);
	KUNIT_EXPECT_EQ(test, enabled_store("never\n\n", 7), -EINVAL);
	KUNIT_EXPECT_EQ(test, transparent_hugepage_mode, THP_MODE_NEVER);
	transparent_hugepage_defrag = THP_DEFRAG_MADVISE;
	defrag_show(buf);
	KUNIT_EXPECT_STREQ(test, buf, "always defer defer+madvise [madvise] never\n");
	KUNIT_EXPECT_EQ(test, defrag_store("defer+madvise", 13), 13L);
	KUNIT_EXPECT_EQ(test, transparent_hugepage_defrag, THP_DEFRAG_DEFER_MADVISE);
	KUNIT_EXPECT_EQ(test, defrag_store("", 0), -EINVAL);
	hpage_pmd_size_show(buf);
	KUNIT_EXPECT_STREQ(test, buf, "2097152\n");
	transparent_hugepage_defrag = defrag;
}

static void defrag_decides_whether_a_thp_fault_reclaims(struct kunit *test)
{
	unsigned long addr = VM_MMAP(test, 2 * MB);
	struct vm_area_struct *vma = vm_vma(test, addr);
	enum transparent_hugepage_defrag defrag = transparent_hugepage_defrag;

	transparent_hugepage_defrag = THP_DEFRAG_MADVISE;
	KUNIT_EXPECT_EQ(test, vma_thp_gfp_mask(vma), GFP_TRANSHUGE_LIGHT);
	KUNIT_ASSERT_EQ(test, do_madvise(vm_case_mm(test), addr, 2 * MB, MADV_HUGEPAGE), 0);
	vma = vm_vma(test, addr);
	KUNIT_EXPECT_EQ(test, vma_thp_gfp_mask(vma), GFP_TRANSHUGE);
	transparent_hugepage_defrag = THP_DEFRAG_NEVER;
	KUNIT_EXPECT_EQ(test, vma_thp_gfp_mask(vma), GFP_TRANSHUGE_LIGHT);
	transparent_hugepage_defrag = THP_DEFRAG_ALWAYS;
	KUNIT_EXPECT_EQ(test, vma_thp_gfp_mask(vma), GFP_TRANSHUGE);
	transparent_hugepage_defrag = defrag;
}

static struct kunit_case proc_cases[] = {
	KUNIT_CASE(seq_render_grows_until_it_fits),
	KUNIT_CASE(thp_counted_from_fault_to_unmap),
	KUNIT_CASE(meminfo_counts_ram_and_free_pages),
	KUNIT_CASE(buddyinfo_is_the_free_lists),
	KUNIT_CASE(maps_lines_in_linux_format),
	KUNIT_CASE(smaps_of_a_thp_then_4k),
	KUNIT_CASE(smaps_reads_zero_pages_as_nothing),
	KUNIT_CASE(status_shows_the_resident_set),
	KUNIT_CASE(pagemap_present_absent_and_bad_offsets),
	KUNIT_CASE(thp_sysfs_files_read_and_write),
	KUNIT_CASE(defrag_decides_whether_a_thp_fault_reclaims),
	{}
};

static struct kunit_suite proc_suite = {
	.name = "proc",
	.init = vm_case_init,
	.exit = vm_case_exit,
	.test_cases = proc_cases,
};
kunit_test_suite(proc_suite);

/* Device memory in smaps and pagemap: a THP moved whole to dmirror0. */
static void device_thp_in_smaps_and_pagemap(struct kunit *test)
{
	struct hmm_buffer b;
	struct mm_mapping m;
	u64 e;

	KUNIT_ASSERT_TRUE(test, hmm_buffer_alloc(&b, TWOMEG, PROT_READ | PROT_WRITE, TWOMEG));
	KUNIT_ASSERT_EQ(test, do_madvise(hmm_mm(test), (unsigned long)b.ptr, TWOMEG,
					 MADV_HUGEPAGE), 0);
	fill_index(b.ptr, TWOMEG / sizeof(int));
	KUNIT_ASSERT_EQ(test, hmm_dmirror_cmd(hmm_ctx(test)->dmirror, HMM_DMIRROR_MIGRATE_TO_DEV,
					      &b, TWOMEG >> PAGE_SHIFT), 0);
	mm_find_mapping(hmm_mm(test), (unsigned long)b.ptr + PAGE_SIZE, &m);
	KUNIT_ASSERT_TRUE(test, m.device_private);
	KUNIT_EXPECT_EQ(test, smaps_field(test, (unsigned long)b.ptr, "Rss"), 2048);
	KUNIT_EXPECT_EQ(test, smaps_field(test, (unsigned long)b.ptr, "AnonHugePages"),
			m.level == MAPPING_PMD ? 2048 : 0);
	/* Linux: a device-private PMD is not present - "maybe shared"; a PTE one is */
	KUNIT_EXPECT_EQ(test, smaps_field(test, (unsigned long)b.ptr,
					  m.level == MAPPING_PMD ? "Shared_Dirty" : "Private_Dirty") +
			smaps_field(test, (unsigned long)b.ptr,
				    m.level == MAPPING_PMD ? "Shared_Clean" : "Private_Clean"), 2048);
	e = pagemap_entry(test, hmm_mm(test), (unsigned long)b.ptr + PAGE_SIZE);
	KUNIT_EXPECT_TRUE(test, e & PM_SWAP);
	KUNIT_EXPECT_FALSE(test, e & PM_PRESENT);
	KUNIT_EXPECT_FALSE(test, e & PM_MMAP_EXCLUSIVE);	/* Linux: present pages only */
	KUNIT_EXPECT_EQ(test, (e & PM_PFRAME_MASK) >> MAX_SWAPFILES_SHIFT, (u64)m.pfn);
	KUNIT_EXPECT_EQ(test, e & ((1 << MAX_SWAPFILES_SHIFT) - 1), (u64)SWP_DEVICE_WRITE);
	KUNIT_EXPECT_EQ(test, first_not_index(b.ptr, TWOMEG / sizeof(int)),
			TWOMEG / sizeof(int));		/* faulted back, intact */
	hmm_buffer_free(&b);
}

static struct kunit_case proc_device_cases[] = {
	KUNIT_CASE(device_thp_in_smaps_and_pagemap),
	{}
};

static struct kunit_suite proc_device_suite = {
	.name = "proc_device",
	.init = hmm_init,
	.exit = hmm_exit,
	.test_cases = proc_device_cases,
};
kunit_test_suite(proc_device_suite);
