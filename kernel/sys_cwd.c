/*
 * kernel/sys_cwd.c - the current directory: chdir, fchdir, getcwd.
 *
 * Relative paths start at init_fs.pwd (kernel/fs/namei.c).  There is one
 * fs_struct for everyone until processes have their own (Linux's
 * current->fs), so a chdir is seen by every later lookup; the test
 * fixture puts the boot's cwd back after each case.  chdir holds a
 * reference on the directory, so it stays valid even when it is removed:
 * getcwd then says -ENOENT, as Linux does for an unlinked cwd.
 * Linux: fs/open.c (chdir, fchdir), fs/fs_struct.c (set_fs_pwd),
 * fs/d_path.c (getcwd).
 */
#include <kernel/syscalls.h>
#include <kernel/sched.h>
#include <kernel/fdtable.h>
#include <kernel/string.h>
#include <kernel/errno.h>
#include <mm/uaccess.h>
#include <mm/slab.h>

static struct dentry *pwd_held;		/* chdir's reference on init_fs.pwd */

void set_fs_pwd(struct dentry *dentry)
{
	struct dentry *old = pwd_held;

	pwd_held = dentry == init_fs.root ? NULL : dget(dentry);
	init_fs.pwd = dentry;
	dput(old);
}

SYSCALL_DEFINE1(chdir, const char __user *, filename)
{
	char *name = kmalloc(PATH_MAX, GFP_KERNEL);
	struct dentry *d;
	long len, err;

	if (!name)
		return -ENOMEM;
	len = strncpy_from_user(name, filename, PATH_MAX);
	err = len < 0 ? -EFAULT : len == PATH_MAX ? -ENAMETOOLONG : !len ? -ENOENT :
		kern_path(name, LOOKUP_FOLLOW | LOOKUP_DIRECTORY, &d);
	kfree(name);
	if (err)
		return err;
	set_fs_pwd(d);
	dput(d);
	return 0;
}

SYSCALL_DEFINE1(fchdir, unsigned int, fd)
{
	struct file *f = fget(current->files, (int)fd);
	long err = 0;

	if (!f)
		return -EBADF;
	if (!S_ISDIR(f->f_inode->i_mode))
		err = -ENOTDIR;
	else
		set_fs_pwd(f->f_dentry);
	fput(f);
	return err;
}

/* Writes the path of d into the end of buf[size]: its start, or NULL if too long. */
static char *prepend_path(struct dentry *d, char *buf, size_t size)
{
	char *p = buf + size;

	*--p = 0;
	for (; d != init_fs.root && d->d_parent != d; d = d->d_parent) {
		size_t n = strlen(d->d_name);

		if ((size_t)(p - buf) < n + 2)
			return NULL;
		p -= n;
		memcpy(p, d->d_name, n);
		*--p = '/';
	}
	if (!*p)
		*--p = '/';
	return p;
}

SYSCALL_DEFINE2(getcwd, char __user *, buf, unsigned long, size)
{
	struct dentry *pwd = init_fs.pwd;
	char *page, *path;
	long len;

	if (pwd != init_fs.root && list_empty(&pwd->d_child))
		return -ENOENT;		/* Linux: d_unlinked() */
	page = kmalloc(PATH_MAX, GFP_KERNEL);
	if (!page)
		return -ENOMEM;
	path = prepend_path(pwd, page, PATH_MAX);
	len = path ? (long)strlen(path) + 1 : -ENAMETOOLONG;
	if (len > 0 && (unsigned long)len > size)
		len = -ERANGE;
	else if (len > 0 && copy_to_user(buf, path, len))
		len = -EFAULT;
	kfree(page);
	return len;
}
