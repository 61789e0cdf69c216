/*
 * tests/fs_check.h - a private root file system for each test case.
 *
 * fs_case_init() points init_fs at a new, empty ramfs root (the boot's
 * root, with the initramfs, is put aside); fs_case_exit() frees the whole
 * tree, puts the boot's root back, and checks that every page and every
 * kmalloc object came back.  fs_write_file/fs_read_file are one-call
 * helpers over filp_open + kernel_write/kernel_read; fs_lookup an errno.
 * proc_case_init/exit: such a root with /proc and /sys made in it
 * (proc_root_init), and then an address space (vm_case_init, mm_check.h).
 */
#ifndef _TESTS_FS_CHECK_H
#define _TESTS_FS_CHECK_H

#include "mm_check.h"
#include <kernel/fs.h>
#include <kernel/string.h>
#include <mm/slab.h>
#include <kernel/proc_fs.h>

struct fs_case {
	struct fs_struct saved;
	unsigned long free_before, slab_before;
};

static inline struct fs_case *fs_case_ctx(void)
{
	static struct fs_case ctx;

	return &ctx;
}

static inline int fs_case_init(struct kunit *test)
{
	struct fs_case *ctx = fs_case_ctx();

	if (init_rootfs())		/* the host build has no boot to do it */
		return -ENOMEM;
	ctx->saved = init_fs;
	ctx->free_before = nr_free_pages_drained();
	ctx->slab_before = kmalloc_live_objects();
	init_fs.root = ramfs_new_root();
	if (!init_fs.root)
		return -ENOMEM;
	init_fs.pwd = init_fs.root;
	test->priv = ctx;
	return 0;
}

static inline void fs_case_exit(struct kunit *test)
{
	struct fs_case *ctx = test->priv;

	ramfs_kill_root(init_fs.root);
	init_fs = ctx->saved;
	KUNIT_EXPECT_EQ(test, kmalloc_live_objects(), ctx->slab_before);
	KUNIT_EXPECT_EQ(test, nr_free_pages_drained(), ctx->free_before);
}

/* Writes len bytes to path (created or truncated), or reads up to len; the result. */
static inline long fs_rw_file(const char *path, void *buf, size_t len, bool write)
{
	struct file *f = filp_open(path, write ? O_WRONLY | O_CREAT | O_TRUNC : O_RDONLY, 0644);
	loff_t pos = 0;
	long n;

	if (IS_ERR(f))
		return PTR_ERR(f);
	n = write ? kernel_write(f, buf, len, &pos) : kernel_read(f, buf, len, &pos);
	fput(f);
	return n;
}
#define fs_write_file(path, data, len)	fs_rw_file(path, (void *)(data), len, true)
#define fs_read_file(path, buf, len)	fs_rw_file(path, buf, len, false)

/* The errno kern_path gives for path (0: it exists). */
static inline int fs_lookup(const char *path, unsigned int flags)
{
	struct dentry *d;
	int err = kern_path(path, flags, &d);

	if (!err)
		dput(d);
	return err;
}

/*
 * /proc is made before the address space's pages are counted: its dentries
 * and inodes, freed only with the root, may take a new slab page.
 */
static inline int proc_case_init(struct kunit *test)
{
	int err = fs_case_init(test);

	if (err)
		return err;
	err = proc_root_init();
	if (err)
		return err;
	return vm_case_init(test);
}

/*
 * The address space goes first, the file system's check last: it finds
 * every page back, those the mm held and those the files held (a /proc
 * file's text may sit in a slab page a dentry still shares).
 */
static inline void proc_case_exit(struct kunit *test)
{
	vm_case_teardown(test);
	test->priv = fs_case_ctx();	/* vm_case_init replaced it */
	fs_case_exit(test);
}

#endif
