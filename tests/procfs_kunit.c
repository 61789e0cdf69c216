/*
 * tests/procfs_kunit.c - /proc and /sys as files: opened, read, seeked and
 * written through the VFS as a program would (filp_open, kernel_read,
 * kernel_write), in a private root (fs_check.h), against what the show functions say (tests/proc_kunit.c
 * checks those).  /proc/self is the task that opens it.
 */
#include "mm_check.h"
#include "fs_check.h"
#include <kernel/proc_fs.h>
#include <kernel/fs.h>
#include <kernel/string.h>
#include <kernel/errno.h>
#include <mm/huge_mm.h>
#include <mm/slab.h>

#define THP	"/sys/kernel/mm/transparent_hugepage/"

/* The file's text from its start, NUL-terminated, in buf. */
static ssize_t read_file(struct kunit *test, const char *path, char *buf, size_t size)
{
	struct file *f = filp_open(path, O_RDONLY, 0);
	loff_t pos = 0;
	ssize_t n;

	KUNIT_ASSERT_FALSE(test, IS_ERR(f));
	n = kernel_read(f, buf, size - 1, &pos);
	fput(f);
	buf[n > 0 ? n : 0] = 0;
	return n;
}

static void proc_files_read_as_files(struct kunit *test)
{
	char *buf = kmalloc(PAGE_SIZE, GFP_KERNEL);
	unsigned long addr = VM_MMAP(test, 3 * PAGE_SIZE), objects;
	char want[80];

	KUNIT_ASSERT_NOT_NULL(test, buf);
	KUNIT_ASSERT_EQ(test, proc_root_init(), 0);
	KUNIT_EXPECT_EQ(test, proc_root_init(), 0);		/* again: leaves them */
	objects = kmalloc_live_objects();
	KUNIT_EXPECT_GT(test, read_file(test, "/proc/vmstat", buf, PAGE_SIZE), 0);
	KUNIT_EXPECT_NOT_NULL(test, strstr(buf, "\nthp_fault_alloc "));
	KUNIT_EXPECT_GT(test, read_file(test, "/proc/meminfo", buf, PAGE_SIZE), 0);
	KUNIT_EXPECT_EQ(test, strncmp(buf, "MemTotal:       ", 16), 0);
	KUNIT_EXPECT_GT(test, read_file(test, "/proc/self/maps", buf, PAGE_SIZE), 0);
	scnprintf(want, sizeof(want), "%08lx-%08lx rw-p 00000000 00:00 0 \n", addr,
		  addr + 3 * PAGE_SIZE);
	KUNIT_EXPECT_NOT_NULL(test, strstr(buf, want));
	KUNIT_EXPECT_GT(test, read_file(test, "/proc/self/status", buf, PAGE_SIZE), 0);
	KUNIT_EXPECT_NOT_NULL(test, strstr(buf, "VmRSS:\t"));
	KUNIT_EXPECT_EQ(test, read_file(test, THP "hpage_pmd_size", buf, PAGE_SIZE), 8);
	KUNIT_EXPECT_STREQ(test, buf, "2097152\n");
	KUNIT_EXPECT_EQ(test, kmalloc_live_objects(), objects);	/* each text freed */
	kfree(buf);
}

static void thp_enabled_written_and_read_back(struct kunit *test)
{
	struct file *f;
	loff_t pos = 0;
	char buf[64];

	KUNIT_ASSERT_EQ(test, proc_root_init(), 0);
	f = filp_open(THP "enabled", O_WRONLY, 0);
	KUNIT_ASSERT_FALSE(test, IS_ERR(f));
	KUNIT_EXPECT_EQ(test, kernel_write(f, "never\n", 6, &pos), 6);
	pos = 0;
	KUNIT_EXPECT_EQ(test, kernel_write(f, "sometimes", 9, &pos), -EINVAL);
	pos = 0;
	KUNIT_EXPECT_EQ(test, kernel_write(f, "", 0, &pos), 0);	/* sysfs_kf_write */
	fput(f);
	KUNIT_EXPECT_EQ(test, transparent_hugepage_mode, THP_MODE_NEVER);
	read_file(test, THP "enabled", buf, sizeof(buf));
	KUNIT_EXPECT_STREQ(test, buf, "always madvise [never]\n");
}

static void pagemap_read_at_an_offset(struct kunit *test)
{
	unsigned long addr = VM_MMAP(test, 2 * PAGE_SIZE);
	struct file *f;
	u64 e[2] = { 1, 1 }, want[2];
	loff_t pos = (addr >> PAGE_SHIFT) * 8;

	KUNIT_ASSERT_EQ(test, proc_root_init(), 0);
	*(volatile char *)addr = 1;
	KUNIT_ASSERT_EQ(test, pagemap_read(vm_case_mm(test), want, 16, pos), 16);
	f = filp_open("/proc/self/pagemap", O_RDONLY, 0);
	KUNIT_ASSERT_FALSE(test, IS_ERR(f));
	KUNIT_EXPECT_EQ(test, kernel_read(f, e, 16, &pos), 16);
	KUNIT_EXPECT_EQ(test, e[0], want[0]);
	KUNIT_EXPECT_TRUE(test, e[0] & PM_PRESENT);
	KUNIT_EXPECT_EQ(test, e[1], 0ULL);			/* never touched */
	pos = 4;
	KUNIT_EXPECT_EQ(test, kernel_read(f, e, 8, &pos), -EINVAL);
	fput(f);
}

static struct kunit_case procfs_cases[] = {
	KUNIT_CASE(proc_files_read_as_files),
	KUNIT_CASE(thp_enabled_written_and_read_back),
	KUNIT_CASE(pagemap_read_at_an_offset),
	{}
};

static struct kunit_suite procfs_suite = {
	.name = "procfs",
	.init = proc_case_init,		/* fs_check.h: a root with /proc, an mm */
	.exit = proc_case_exit,
	.test_cases = procfs_cases,
};
kunit_test_suite(procfs_suite);
