/*
 * kernel/fs/dcache.c - dentries and inodes: allocating, referencing, freeing.
 *
 * A dentry is referenced by the tree (while linked in its parent), by each
 * child (through d_parent) and by each open file; the last dput frees it
 * with its inode and the inode's data pages.  So an unlinked file stays
 * readable while open, as in Linux.  Linux: fs/dcache.c, fs/inode.c.
 */
#include <kernel/fs.h>
#include <kernel/string.h>
#include <kernel/panic.h>
#include <kernel/errno.h>
#include <mm/slab.h>
#include "internal.h"

static unsigned long last_ino;

struct inode *new_inode(umode_t mode)
{
	struct inode *inode = kzalloc(sizeof(*inode), GFP_KERNEL);

	if (!inode)
		return NULL;
	inode->i_mode = mode;
	inode->i_nlink = S_ISDIR(mode) ? 2 : 1;
	inode->i_ino = ++last_ino;	/* Linux: get_next_ino() */
	inode->i_sb_magic = RAMFS_MAGIC;
	return inode;
}

static void free_inode(struct inode *inode)
{
	ramfs_truncate_pages(inode, 0);
	kfree(inode->i_pages);
	kfree(inode->i_link);
	kfree(inode);
}

/* A dentry named name[0..len) holding inode, linked under parent (if any). */
struct dentry *d_alloc(struct dentry *parent, const char *name, size_t len,
		       struct inode *inode)
{
	struct dentry *d = kmalloc(sizeof(*d) + len + 1, GFP_KERNEL);

	if (!d)
		return NULL;
	memcpy(d->d_name, name, len);
	d->d_name[len] = '\0';
	INIT_LIST_HEAD(&d->d_subdirs);
	d->d_inode = inode;
	d->d_count = 1;			/* the tree's reference */
	if (parent) {
		d->d_parent = dget(parent);
		list_add_tail(&d->d_child, &parent->d_subdirs);
	} else {
		d->d_parent = d;
		INIT_LIST_HEAD(&d->d_child);
	}
	return d;
}

struct dentry *dget(struct dentry *dentry)
{
	dentry->d_count++;
	return dentry;
}

void dput(struct dentry *dentry)
{
	while (dentry && --dentry->d_count == 0) {
		struct dentry *parent = dentry->d_parent;

		BUG_ON(!list_empty(&dentry->d_subdirs));
		free_inode(dentry->d_inode);
		kfree(dentry);
		dentry = parent == dentry ? NULL : parent;
	}
}

/* Takes d out of the tree (unlink, rmdir) and drops the tree's reference. */
void d_delete(struct dentry *d)
{
	list_del_init(&d->d_child);
	d->d_inode->i_nlink = 0;
	dput(d);
}

/* The child of dir named name[0..len), or NULL. */
struct dentry *d_lookup(struct dentry *dir, const char *name, size_t len)
{
	struct dentry *d;

	list_for_each_entry(d, &dir->d_subdirs, d_child)
		if (strlen(d->d_name) == len && !memcmp(d->d_name, name, len))
			return d;
	return NULL;
}

struct dentry *ramfs_new_root(void)
{
	struct inode *inode = new_inode(S_IFDIR | 0755);
	struct dentry *root;

	if (!inode)
		return NULL;
	inode->i_fop = &ramfs_dir_operations;
	root = d_alloc(NULL, "/", 1, inode);
	if (!root)
		kfree(inode);
	return root;
}

/*
 * Unlinks everything below root, leaves first, without recursion (a tree
 * can be PATH_MAX / 2 deep).  A parent stays: the tree still holds it.
 */
void ramfs_kill_root(struct dentry *root)
{
	struct dentry *d = root;

	for (;;) {
		struct dentry *parent = d->d_parent;

		if (!list_empty(&d->d_subdirs)) {
			d = list_first_entry(&d->d_subdirs, struct dentry, d_child);
			continue;
		}
		if (d == root)
			break;
		d_delete(d);
		d = parent;
	}
	dput(root);
}

int init_rootfs(void)
{
	if (init_fs.root)
		return 0;
	init_fs.root = ramfs_new_root();
	if (!init_fs.root)
		return -ENOMEM;
	init_fs.pwd = init_fs.root;
	return chr_dev_init();
}
