/*
 * kernel/sys_read_write.c - read, write, readv, writev, pread64, pwrite64
 * and lseek on current->files.
 *
 * Each call finds the file (-EBADF), then leaves the rest to the VFS
 * (kernel/fs/read_write.c), which checks in Linux's order: open for it,
 * has the operation, a user range, the position.  readv/writev first read
 * the iovec array (Linux: import_iovec): more than UIO_MAXIOV entries is
 * -EINVAL, an unreadable array -EFAULT, a negative length -EINVAL, a
 * segment outside user space -EFAULT, and the total is cut to
 * MAX_RW_COUNT.  Linux: fs/read_write.c, lib/iov_iter.c.
 */
#include <kernel/syscalls.h>
#include <kernel/sched.h>
#include <kernel/fdtable.h>
#include <kernel/errno.h>
#include <mm/uaccess.h>
#include <mm/slab.h>

#define UIO_MAXIOV	1024	/* Linux: include/uapi/linux/uio.h */

struct iovec {
	void __user *iov_base;
	size_t iov_len;
};

/* The file at fd of the current task, referenced, or NULL (-EBADF). */
static struct file *fget_cur(unsigned int fd)
{
	return fget(current->files, (int)fd);
}

long ksys_read(unsigned int fd, char __user *buf, size_t count)
{
	struct file *f = fget_cur(fd);
	long ret;

	if (!f)
		return -EBADF;
	ret = vfs_read(f, buf, count, &f->f_pos);
	fput(f);
	return ret;
}

long ksys_write(unsigned int fd, const char __user *buf, size_t count)
{
	struct file *f = fget_cur(fd);
	long ret;

	if (!f)
		return -EBADF;
	ret = vfs_write(f, buf, count, &f->f_pos);
	fput(f);
	return ret;
}

SYSCALL_DEFINE3(read, unsigned int, fd, char __user *, buf, size_t, count)
{
	return ksys_read(fd, buf, count);
}

SYSCALL_DEFINE3(write, unsigned int, fd, const char __user *, buf, size_t, count)
{
	return ksys_write(fd, buf, count);
}

/* Linux: pread/pwrite need FMODE_PREAD/FMODE_PWRITE (not a pipe or tty), not lseek. */
static long do_prw(unsigned int fd, char __user *buf, size_t count, loff_t pos, bool write)
{
	struct file *f;
	long ret;

	if (pos < 0)
		return -EINVAL;		/* Linux checks it before the fd */
	f = fget_cur(fd);
	if (!f)
		return -EBADF;
	if (!(f->f_mode & (write ? FMODE_PWRITE : FMODE_PREAD)))
		ret = -ESPIPE;
	else
		ret = write ? vfs_write(f, buf, count, &pos) : vfs_read(f, buf, count, &pos);
	fput(f);
	return ret;
}

SYSCALL_DEFINE4(pread64, unsigned int, fd, char __user *, buf, size_t, count, loff_t, pos)
{
	return do_prw(fd, buf, count, pos, false);
}

SYSCALL_DEFINE4(pwrite64, unsigned int, fd, const char __user *, buf, size_t, count,
		loff_t, pos)
{
	return do_prw(fd, (char __user *)buf, count, pos, true);
}

/* Copies and checks the array as Linux's import_iovec; kfree the result. */
static long import_iovec(const struct iovec __user *uvec, unsigned long vlen,
			 struct iovec **out)
{
	size_t total = 0;
	struct iovec *iov;

	*out = NULL;
	if (vlen > UIO_MAXIOV)
		return -EINVAL;
	if (!vlen)
		return 0;
	iov = kmalloc(vlen * sizeof(*iov), GFP_KERNEL);
	if (!iov)
		return -ENOMEM;
	if (copy_from_user(iov, uvec, vlen * sizeof(*iov))) {
		kfree(iov);
		return -EFAULT;
	}
	for (unsigned long i = 0; i < vlen; i++) {	/* copy_iovec_from_user */
		if ((ssize_t)iov[i].iov_len < 0) {
			kfree(iov);
			return -EINVAL;
		}
	}
	for (unsigned long i = 0; i < vlen; i++) {	/* __import_iovec */
		if (!access_ok(iov[i].iov_base, iov[i].iov_len)) {
			kfree(iov);
			return -EFAULT;
		}
		iov[i].iov_len = min_t(size_t, iov[i].iov_len, MAX_RW_COUNT - total);
		total += iov[i].iov_len;
	}
	*out = iov;
	return total;
}

/* One segment after another; a short or failed one ends the call. */
static long do_rw_iov(struct file *f, struct iovec *iov, unsigned long vlen, loff_t *pos,
		      bool write)
{
	long done = 0;

	for (unsigned long i = 0; i < vlen; i++) {
		long n;

		if (!iov[i].iov_len)
			continue;
		n = write ? vfs_write(f, iov[i].iov_base, iov[i].iov_len, pos) :
			    vfs_read(f, iov[i].iov_base, iov[i].iov_len, pos);
		if (n < 0)
			return done ? done : n;
		done += n;
		if ((size_t)n < iov[i].iov_len)
			break;
	}
	return done;
}

/* Linux: vfs_readv/vfs_writev - the file's mode first, then the array. */
static long do_readv_writev(unsigned int fd, const struct iovec __user *uvec,
			    unsigned long vlen, bool write)
{
	struct file *f = fget_cur(fd);
	const struct file_operations *op;
	struct iovec *iov = NULL;
	long ret;

	if (!f)
		return -EBADF;
	op = f->f_op;
	if (!(f->f_mode & (write ? FMODE_WRITE : FMODE_READ)))
		ret = -EBADF;
	else if (!op || !(write ? op->write_iter != NULL : op->read_iter != NULL))
		ret = -EINVAL;
	else
		ret = import_iovec(uvec, vlen, &iov);
	if (ret > 0)
		ret = do_rw_iov(f, iov, vlen, &f->f_pos, write);
	kfree(iov);
	fput(f);
	return ret;
}

SYSCALL_DEFINE3(readv, unsigned long, fd, const struct iovec __user *, vec,
		unsigned long, vlen)
{
	return do_readv_writev(fd, vec, vlen, false);
}

SYSCALL_DEFINE3(writev, unsigned long, fd, const struct iovec __user *, vec,
		unsigned long, vlen)
{
	return do_readv_writev(fd, vec, vlen, true);
}

SYSCALL_DEFINE3(lseek, unsigned int, fd, loff_t, offset, unsigned int, whence)
{
	struct file *f = fget_cur(fd);
	long ret;

	if (!f)
		return -EBADF;
	ret = vfs_llseek(f, offset, whence);
	fput(f);
	return ret;
}
