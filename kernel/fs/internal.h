/*
 * kernel/fs/internal.h - what the VFS files share among themselves.
 * Linux: fs/internal.h.
 */
#ifndef _KERNEL_FS_INTERNAL_H
#define _KERNEL_FS_INTERNAL_H

#include <kernel/fs.h>

/* dcache.c */
struct inode *new_inode(umode_t mode);
struct dentry *d_alloc(struct dentry *parent, const char *name, size_t len,
		       struct inode *inode);
struct dentry *d_lookup(struct dentry *dir, const char *name, size_t len);
void d_delete(struct dentry *d);

/* ramfs.c */
extern const struct file_operations ramfs_file_operations;
extern const struct file_operations ramfs_dir_operations;
/* Frees the pages past new_size and zeroes the rest of the last one. */
void ramfs_truncate_pages(struct inode *inode, loff_t new_size);
int ramfs_truncate(struct inode *inode, loff_t new_size);

/* namei.c: creates name with a new inode of mode; the new dentry, referenced. */
/* A struct file on d (referenced), f_op the inode's; not opened (fs/open.c). */
struct file *alloc_file(struct dentry *d, int flags, unsigned int fmode);
struct dentry *vfs_create_node(const char *name, umode_t mode, int *err);
/*
 * open()'s lookup: with O_CREAT the last component is created if missing
 * (*created set), else looked up as O_NOFOLLOW/O_DIRECTORY say.  The
 * dentry, referenced.
 */
int open_last_lookups(const char *name, int flags, umode_t mode, struct dentry **result,
		      bool *created);

/* proc/generic.c: the task a /proc/PID/ (or self) file is about, or NULL if it has gone. */
struct task_struct *proc_file_task(struct file *file);
/* proc/base.c: /proc/PID/fail-nth, read and written at each call */
extern const struct file_operations proc_fail_nth_operations;

#endif
