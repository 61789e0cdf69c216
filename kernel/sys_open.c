/*
 * kernel/sys_open.c - the system calls that name files: open, openat,
 * creat, close, stat, lstat, fstat, newfstatat, access, faccessat(2),
 * getdents64, mkdir(at), unlink(at), rmdir.
 *
 * A path comes in with getname() (Linux's: -EFAULT, -ENAMETOOLONG at
 * PATH_MAX, -ENOENT for "").  A relative path of an *at() call is looked
 * up from its directory fd: mmlab's VFS looks up from init_fs.pwd, so
 * at_dir_begin() points pwd at that directory for the one lookup and
 * at_dir_end() puts it back (the file's reference keeps it alive).
 * Linux: fs/open.c, fs/namei.c (getname), fs/stat.c, fs/readdir.c.
 */
#include <kernel/syscalls.h>
#include <kernel/sched.h>
#include <kernel/fdtable.h>
#include <kernel/errno.h>
#include <mm/uaccess.h>
#include <mm/slab.h>

/* A kernel copy of a user path (kfree it), or ERR_PTR. */
static char *getname(const char __user *uname, bool empty_ok)
{
	char *name = kmalloc(PATH_MAX, GFP_KERNEL);
	long len;

	if (!name)
		return ERR_PTR(-ENOMEM);
	len = strncpy_from_user(name, uname, PATH_MAX);
	if (len < 0 || len == PATH_MAX || (!len && !empty_ok)) {
		kfree(name);
		return ERR_PTR(len < 0 ? -EFAULT : len ? -ENAMETOOLONG : -ENOENT);
	}
	return name;
}

struct at_dir {
	struct file *dir;		/* the dfd's file, referenced, or NULL */
	struct dentry *saved_pwd;
};

/* Makes a relative name resolve from dfd (AT_FDCWD: the cwd). */
static int at_dir_begin(struct at_dir *at, int dfd, const char *name)
{
	at->dir = NULL;
	if (name[0] == '/' || dfd == AT_FDCWD)
		return 0;
	at->dir = fget(current->files, dfd);
	if (!at->dir)
		return -EBADF;
	if (!S_ISDIR(at->dir->f_inode->i_mode)) {
		fput(at->dir);
		return -ENOTDIR;
	}
	at->saved_pwd = init_fs.pwd;
	init_fs.pwd = at->dir->f_dentry;
	return 0;
}

static void at_dir_end(struct at_dir *at)
{
	if (!at->dir)
		return;
	init_fs.pwd = at->saved_pwd;
	fput(at->dir);
}

/* Linux: do_sys_openat2() - the name, a free number, then the open. */
static long do_sys_open(int dfd, const char __user *filename, int flags, umode_t mode)
{
	char *name = getname(filename, false);
	struct at_dir at;
	struct file *f;
	int fd, err;

	if (IS_ERR(name))
		return PTR_ERR(name);
	fd = get_unused_fd_flags(current->files, flags);
	err = fd < 0 ? fd : at_dir_begin(&at, dfd, name);
	if (err) {
		if (fd >= 0)
			put_unused_fd(current->files, fd);
		kfree(name);
		return err;
	}
	err = flags & O_CREAT ? may_change_name(name, NAME_OPEN_CREAT) : 0;
	f = err ? ERR_PTR(err) : filp_open(name, flags, mode);
	at_dir_end(&at);
	kfree(name);
	if (IS_ERR(f)) {
		put_unused_fd(current->files, fd);
		return PTR_ERR(f);
	}
	fd_install(current->files, fd, f);
	return fd;
}

SYSCALL_DEFINE3(open, const char __user *, filename, int, flags, umode_t, mode)
{
	return do_sys_open(AT_FDCWD, filename, flags, mode);
}

SYSCALL_DEFINE4(openat, int, dfd, const char __user *, filename, int, flags, umode_t, mode)
{
	return do_sys_open(dfd, filename, flags, mode);
}

SYSCALL_DEFINE2(creat, const char __user *, pathname, umode_t, mode)
{
	return do_sys_open(AT_FDCWD, pathname, O_CREAT | O_WRONLY | O_TRUNC, mode);
}

SYSCALL_DEFINE1(close, unsigned int, fd)
{
	return close_fd(current->files, (int)fd);
}

static long stat_to_user(const struct inode *inode, struct stat __user *statbuf)
{
	struct stat st;

	cp_new_stat(inode, &st);
	return copy_to_user(statbuf, &st, sizeof(st)) ? -EFAULT : 0;
}

static long do_fstat(unsigned int fd, struct stat __user *statbuf)
{
	struct file *f = fget(current->files, (int)fd);
	long ret;

	if (!f)
		return -EBADF;
	ret = stat_to_user(f->f_inode, statbuf);
	fput(f);
	return ret;
}

SYSCALL_DEFINE2(fstat, unsigned int, fd, struct stat __user *, statbuf)
{
	return do_fstat(fd, statbuf);
}

/*
 * The dentry name names from dfd, AT_SYMLINK_NOFOLLOW in flags; "" (only
 * with AT_EMPTY_PATH, getname's check) is the file dfd itself, of any
 * type, or the current directory for AT_FDCWD.
 */
static long lookup_at(int dfd, const char *name, int flags, struct dentry **d)
{
	struct at_dir at;
	struct file *f;
	long err;

	if (!name[0] && dfd != AT_FDCWD) {
		f = fget(current->files, dfd);
		if (!f)
			return -EBADF;
		*d = dget(f->f_dentry);
		fput(f);
		return 0;
	}
	err = at_dir_begin(&at, dfd, name);
	if (err)
		return err;
	err = kern_path(name[0] ? name : ".", flags & AT_SYMLINK_NOFOLLOW ? 0 : LOOKUP_FOLLOW, d);
	at_dir_end(&at);
	return err;
}

#define STATAT_FLAGS	(AT_SYMLINK_NOFOLLOW | AT_NO_AUTOMOUNT | AT_EMPTY_PATH | AT_STATX_SYNC_TYPE)

/* Linux: vfs_fstatat() - the name, then the flags, then the lookup. */
static long do_fstatat(int dfd, const char __user *filename, struct stat __user *statbuf,
		       int flags)
{
	char *name = getname(filename, flags & AT_EMPTY_PATH);
	struct dentry *d;
	long err;

	if (IS_ERR(name))
		return PTR_ERR(name);
	err = flags & ~STATAT_FLAGS ? -EINVAL : lookup_at(dfd, name, flags, &d);
	kfree(name);
	if (err)
		return err;
	err = stat_to_user(d->d_inode, statbuf);
	dput(d);
	return err;
}

SYSCALL_DEFINE4(newfstatat, int, dfd, const char __user *, filename,
		struct stat __user *, statbuf, int, flag)
{
	return do_fstatat(dfd, filename, statbuf, flag);
}

/*
 * Linux: do_faccessat() - everyone is root (CAP_DAC_OVERRIDE): a name that
 * exists may be read and written; executed only if it is a directory or
 * has an x bit (generic_permission).  Bad mode or flags first: -EINVAL.
 */
static long may_access(struct inode *inode, int mode)
{
	if ((mode & X_OK) && !S_ISDIR(inode->i_mode) && !(inode->i_mode & 0111))
		return -EACCES;
	return 0;
}

static long do_faccessat(int dfd, const char __user *filename, int mode, int flags)
{
	char *name;
	struct dentry *d;
	long err;

	if (mode & ~(R_OK | W_OK | X_OK))
		return -EINVAL;
	if (flags & ~(AT_EACCESS | AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	name = getname(filename, flags & AT_EMPTY_PATH);
	if (IS_ERR(name))
		return PTR_ERR(name);
	err = lookup_at(dfd, name, flags, &d);
	kfree(name);
	if (err)
		return err;
	err = may_access(d->d_inode, mode);
	dput(d);
	return err;
}

SYSCALL_DEFINE3(faccessat, int, dfd, const char __user *, filename, int, mode)
{
	return do_faccessat(dfd, filename, mode, 0);
}

SYSCALL_DEFINE4(faccessat2, int, dfd, const char __user *, filename, int, mode, int, flags)
{
	return do_faccessat(dfd, filename, mode, flags);
}

SYSCALL_DEFINE2(access, const char __user *, filename, int, mode)
{
	return do_faccessat(AT_FDCWD, filename, mode, 0);
}

SYSCALL_DEFINE2(stat, const char __user *, filename, struct stat __user *, statbuf)
{
	return do_fstatat(AT_FDCWD, filename, statbuf, 0);
}

SYSCALL_DEFINE2(lstat, const char __user *, filename, struct stat __user *, statbuf)
{
	return do_fstatat(AT_FDCWD, filename, statbuf, AT_SYMLINK_NOFOLLOW);
}

/* Linux: iterate_dir() says -ENOTDIR before the buffer is touched. */
SYSCALL_DEFINE3(getdents64, unsigned int, fd, void __user *, dirent, unsigned int, count)
{
	struct file *f = fget(current->files, (int)fd);
	long ret;

	if (!f)
		return -EBADF;
	if (!f->f_op || !f->f_op->iterate_shared)
		ret = -ENOTDIR;
	else
		ret = vfs_getdents64(f, dirent, count, true);
	fput(f);
	return ret;
}

/* Linux: chmod_common - the permission bits change, the type stays. */
static long chmod_common(struct inode *inode, umode_t mode)
{
	inode->i_mode = (inode->i_mode & S_IFMT) | (mode & 07777);
	return 0;
}

static long chmod_path(const char *name, umode_t mode)
{
	struct dentry *d;
	long err = kern_path(name, LOOKUP_FOLLOW, &d);

	if (err)
		return err;
	err = chmod_common(d->d_inode, mode);
	dput(d);
	return err;
}

/* mkdirat, unlinkat, rmdir, fchmodat: a name relative to dfd, then op on it. */
static long do_at_op(int dfd, const char __user *pathname, umode_t mode, int op)
{
	char *name = getname(pathname, false);
	struct at_dir at;
	long err;

	if (IS_ERR(name))
		return PTR_ERR(name);
	err = at_dir_begin(&at, dfd, name);
	if (err)
		goto out;
	err = op < 3 ? may_change_name(name, op == 0 ? NAME_CREATE : op == 1 ? NAME_UNLINK :
							 NAME_RMDIR) : 0;
	if (!err)
		err = op == 0 ? vfs_mkdir(name, mode) : op == 1 ? vfs_unlink(name) :
			op == 2 ? vfs_rmdir(name) : chmod_path(name, mode);
	at_dir_end(&at);
out:
	kfree(name);
	return err;
}

SYSCALL_DEFINE3(mkdirat, int, dfd, const char __user *, pathname, umode_t, mode)
{
	return do_at_op(dfd, pathname, mode, 0);
}

SYSCALL_DEFINE2(mkdir, const char __user *, pathname, umode_t, mode)
{
	return do_at_op(AT_FDCWD, pathname, mode, 0);
}

SYSCALL_DEFINE1(unlink, const char __user *, pathname)
{
	return do_at_op(AT_FDCWD, pathname, 0, 1);
}

SYSCALL_DEFINE1(rmdir, const char __user *, pathname)
{
	return do_at_op(AT_FDCWD, pathname, 0, 2);
}

SYSCALL_DEFINE3(unlinkat, int, dfd, const char __user *, pathname, int, flag)
{
	if (flag & ~AT_REMOVEDIR)
		return -EINVAL;
	return do_at_op(dfd, pathname, 0, flag & AT_REMOVEDIR ? 2 : 1);
}

SYSCALL_DEFINE3(fchmodat, int, dfd, const char __user *, filename, umode_t, mode)
{
	return do_at_op(dfd, filename, mode, 3);
}

SYSCALL_DEFINE2(chmod, const char __user *, filename, umode_t, mode)
{
	return do_at_op(AT_FDCWD, filename, mode, 3);
}

SYSCALL_DEFINE2(fchmod, unsigned int, fd, umode_t, mode)
{
	struct file *f = fget(current->files, fd);
	long err;

	if (!f)
		return -EBADF;
	err = chmod_common(f->f_inode, mode);
	fput(f);
	return err;
}
