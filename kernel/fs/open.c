/*
 * kernel/fs/open.c - opening and closing files.
 *
 * filp_open() finds (or creates) the dentry, checks what Linux's do_open()
 * and may_open() check, truncates under O_TRUNC, and makes a struct file
 * whose f_op is the inode's (a character device's open replaces it with
 * its driver's).  A file is referenced by whoever holds it (an fd table
 * later); the last fput() calls f_op->release and drops the dentry.
 * Linux: fs/open.c (do_dentry_open, build_open_flags), fs/namei.c
 * (do_open, may_open), fs/file_table.c (fput).
 */
#include <kernel/errno.h>
#include <mm/slab.h>
#include "internal.h"

/* The flags a file keeps (Linux clears O_CREAT, O_EXCL, O_NOCTTY, O_TRUNC). */
#define OPEN_FLAGS_KEPT	(~(O_CREAT | O_EXCL | O_NOCTTY | O_TRUNC))

/*
 * Linux: may_open() - a directory opened for writing (or O_TRUNC, or with
 * O_ACCMODE 3, which asks for read and write rights) is -EISDIR.
 */
static int may_open(struct dentry *d, unsigned int fmode, int flags, bool created)
{
	umode_t mode = d->d_inode->i_mode;

	if ((flags & O_ACCMODE) == O_ACCMODE)
		fmode = FMODE_READ | FMODE_WRITE;

	if (S_ISLNK(mode))
		return -ELOOP;		/* O_NOFOLLOW met a symlink */
	if ((flags & O_CREAT) && !created && S_ISDIR(mode))
		return -EISDIR;
	if ((flags & O_DIRECTORY) && !S_ISDIR(mode))
		return -ENOTDIR;
	if (S_ISDIR(mode) && ((fmode & FMODE_WRITE) || (flags & O_TRUNC)))
		return -EISDIR;
	return 0;
}

/*
 * Linux: build_open_flags() - flags that contradict each other.  O_CREAT
 * with O_DIRECTORY is -EINVAL (Linux 6.4 on); O_TMPFILE needs write access
 * and O_CREAT off.  A well-formed O_TMPFILE is not done yet (Linux's ramfs
 * and tmpfs make an unnamed file).
 */
static int build_open_flags(int flags, unsigned int fmode)
{
	if ((flags & (O_DIRECTORY | O_CREAT)) == (O_DIRECTORY | O_CREAT))
		return -EINVAL;
	if (!(flags & __O_TMPFILE))
		return 0;
	if ((flags & (O_TMPFILE | O_CREAT)) != O_TMPFILE || !(fmode & FMODE_WRITE))
		return -EINVAL;
	return -EOPNOTSUPP;
}

struct file *alloc_file(struct dentry *d, int flags, unsigned int fmode)
{
	struct file *f = kzalloc(sizeof(*f), GFP_KERNEL);

	if (!f)
		return NULL;
	f->f_dentry = dget(d);
	f->f_inode = d->d_inode;
	f->f_op = d->d_inode->i_fop;
	f->f_flags = flags;		/* filp_open drops O_CREAT & co. after ->open */
	f->f_mode = fmode;
	f->f_count = 1;
	return f;
}

struct file *filp_open(const char *name, int flags, umode_t mode)
{
	unsigned int fmode = (flags + 1) & O_ACCMODE;	/* 0 -> READ, 1 -> WRITE, 2 -> both, 3 -> none */
	struct dentry *d;
	struct file *f;
	bool created;
	int err;

	err = build_open_flags(flags, fmode);
	if (err)
		return ERR_PTR(err);
	err = open_last_lookups(name, flags, mode, &d, &created);
	if (err)
		return ERR_PTR(err);
	err = may_open(d, fmode, flags, created);
	if (!err && (flags & O_TRUNC) && S_ISREG(d->d_inode->i_mode) && !created)
		err = ramfs_truncate(d->d_inode, 0);
	/* a file, not a stream: ->open (nonseekable_open) may say otherwise */
	f = err ? NULL : alloc_file(d, flags, fmode | FMODE_LSEEK | FMODE_PREAD | FMODE_PWRITE);
	dput(d);
	if (!f)
		return ERR_PTR(err ? err : -ENOMEM);
	if (f->f_op && f->f_op->open) {
		err = f->f_op->open(f->f_inode, f);
		if (err) {
			f->f_op = NULL;		/* never opened: no release */
			fput(f);
			return ERR_PTR(err);
		}
	}
	f->f_flags &= OPEN_FLAGS_KEPT;		/* ->open saw O_TRUNC (tracefs's trace) */
	if (!f->f_op || !f->f_op->llseek)
		f->f_mode &= ~FMODE_LSEEK;	/* lseek: -ESPIPE */
	return f;
}

/* Linux: a device that is a stream (a tty) says so in its ->open. */
int nonseekable_open(struct inode *inode, struct file *file)
{
	(void)inode;
	file->f_mode &= ~(FMODE_LSEEK | FMODE_PREAD | FMODE_PWRITE);
	return 0;
}

struct file *get_file(struct file *file)
{
	file->f_count++;
	return file;
}

void fput(struct file *file)
{
	if (--file->f_count)
		return;
	if (file->f_op && file->f_op->release)
		file->f_op->release(file->f_inode, file);
	dput(file->f_dentry);
	kfree(file);
}
