/*
 * kernel/fs/read_write.c - read, write, lseek, ioctl on an open file.
 *
 * The checks are Linux's, in its order: the file must be open for it
 * (-EBADF), the file type must have the operation (-EINVAL; -ESPIPE for
 * lseek, -ENOTTY for ioctl), a user buffer must be a user range (-EFAULT),
 * the position must not be negative nor overflow with the count (-EINVAL,
 * rw_verify_area), and a count is cut to MAX_RW_COUNT.  The caller keeps
 * the position (file->f_pos for read/write, its own for pread/pwrite).
 * Linux: fs/read_write.c, fs/ioctl.c.
 */
#include <kernel/errno.h>
#include <kernel/uio.h>
#include <kernel/compiler.h>
#include <mm/uaccess.h>
#include <mm/slab.h>
#include "internal.h"

/* Linux: rw_verify_area() for a file without FMODE_UNSIGNED_OFFSET. */
static int rw_verify_area(loff_t pos, size_t count)
{
	loff_t end;

	if ((ssize_t)count < 0)
		return -EINVAL;
	if (pos < 0 || __builtin_add_overflow(pos, (loff_t)count, &end))
		return -EINVAL;
	return 0;
}

/* What read and write both check before the file's operation runs. */
static int rw_prepare(struct file *file, struct iov_iter *iter, loff_t pos,
		      unsigned int fmode, bool has_op)
{
	int err;

	if (!(file->f_mode & fmode))
		return -EBADF;
	if (!has_op)
		return -EINVAL;
	if (iter->user && !access_ok(iter->base, iter->count))
		return -EFAULT;
	err = rw_verify_area(pos, iov_iter_count(iter));
	if (err)
		return err;
	iter->count = min_t(size_t, iter->count, MAX_RW_COUNT);
	return 0;
}

static ssize_t do_read(struct file *file, struct iov_iter *to, loff_t *pos)
{
	int err = rw_prepare(file, to, *pos, FMODE_READ, file->f_op && file->f_op->read_iter);

	return err ? err : file->f_op->read_iter(file, to, pos);
}

static ssize_t do_write(struct file *file, struct iov_iter *from, loff_t *pos)
{
	int err = rw_prepare(file, from, *pos, FMODE_WRITE, file->f_op && file->f_op->write_iter);

	return err ? err : file->f_op->write_iter(file, from, pos);
}

ssize_t vfs_read(struct file *file, char *ubuf, size_t count, loff_t *pos)
{
	struct iov_iter to;

	iov_iter_ubuf(&to, ubuf, count);
	return do_read(file, &to, pos);
}

ssize_t vfs_write(struct file *file, const char *ubuf, size_t count, loff_t *pos)
{
	struct iov_iter from;

	iov_iter_ubuf(&from, (char *)ubuf, count);
	return do_write(file, &from, pos);
}

ssize_t kernel_read(struct file *file, void *buf, size_t count, loff_t *pos)
{
	struct iov_iter to;

	iov_iter_kbuf(&to, buf, count);
	return do_read(file, &to, pos);
}

ssize_t kernel_write(struct file *file, const void *buf, size_t count, loff_t *pos)
{
	struct iov_iter from;

	iov_iter_kbuf(&from, (void *)buf, count);
	return do_write(file, &from, pos);
}

/*
 * Linux: default_llseek() - for files with no rules of their own (a
 * character device: its size is 0); SEEK_DATA/SEEK_HOLE see one hole-less
 * file of that size.
 */
loff_t default_llseek(struct file *file, loff_t offset, int whence)
{
	loff_t size = file->f_inode->i_size;

	switch (whence) {
	case SEEK_END:
		offset += size;
		break;
	case SEEK_CUR:
		offset += file->f_pos;
		break;
	case SEEK_DATA:
		if (offset >= size)
			return -ENXIO;
		break;
	case SEEK_HOLE:
		if (offset >= size)
			return -ENXIO;
		offset = size;
		break;
	}
	if (offset < 0)
		return -EINVAL;
	return file->f_pos = offset;
}

/* Linux: ksys_lseek() checks whence first, vfs_llseek() the file type. */
loff_t vfs_llseek(struct file *file, loff_t offset, int whence)
{
	if (whence < SEEK_SET || whence > SEEK_HOLE)
		return -EINVAL;
	if (!(file->f_mode & FMODE_LSEEK))
		return -ESPIPE;
	return file->f_op->llseek(file, offset, whence);
}

long vfs_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	if (!file->f_op || !file->f_op->unlocked_ioctl)
		return -ENOTTY;
	return file->f_op->unlocked_ioctl(file, cmd, arg);
}

/* Reads the whole file at path into a new kmalloc'd buffer. */
int kernel_read_file_from_path(const char *path, void **buf, size_t *size, size_t max_size)
{
	struct file *f = filp_open(path, O_RDONLY, 0);
	loff_t pos = 0, len;
	ssize_t n;

	if (IS_ERR(f))
		return PTR_ERR(f);
	len = f->f_inode->i_size;
	n = !S_ISREG(f->f_inode->i_mode) ? -EINVAL : len > max_size ? -EFBIG : 0;
	*buf = n || !len ? NULL : kmalloc(len, GFP_KERNEL);
	if (!n && len && !*buf)
		n = -ENOMEM;
	if (!n && len)
		n = kernel_read(f, *buf, len, &pos);
	fput(f);
	if (n >= 0 && n != len)
		n = -EIO;
	if (n < 0) {
		kfree(*buf);
		*buf = NULL;
		return n;
	}
	*size = len;
	return 0;
}
