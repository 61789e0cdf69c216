/*
 * kernel/fs/readdir.c - listing a directory: iterate_dir and getdents64.
 *
 * The directory's iterate_shared calls an actor once per entry from the
 * file's position on; getdents64's actor (filldir64) writes one struct
 * linux_dirent64 per entry: d_ino, d_off (the position after the entry),
 * d_reclen (19 bytes of header, the name and its NUL, rounded up to 8),
 * d_type (DT_*), the name.  It stops at the first record that does not
 * fit; if even the first does not, the call is -EINVAL.  At the end of
 * the directory it returns 0.  Linux: fs/readdir.c.
 */
#include <kernel/errno.h>
#include <kernel/uio.h>
#include <kernel/string.h>
#include <mm/uaccess.h>
#include "internal.h"

int iterate_dir(struct file *file, struct dir_context *ctx)
{
	int err;

	if (!file->f_op || !file->f_op->iterate_shared)
		return -ENOTDIR;
	ctx->pos = file->f_pos;
	err = file->f_op->iterate_shared(file, ctx);
	file->f_pos = ctx->pos;
	return err;
}

struct getdents_callback64 {
	struct dir_context ctx;
	struct iov_iter to;
	int error;
};

static bool filldir64(struct dir_context *ctx, const char *name, int namlen,
		      loff_t offset, u64 ino, unsigned int d_type)
{
	struct getdents_callback64 *buf = container_of(ctx, struct getdents_callback64, ctx);
	size_t reclen = ALIGN(offsetof(struct linux_dirent64, d_name) + namlen + 1, 8);
	union {
		struct linux_dirent64 d;
		char bytes[ALIGN(offsetof(struct linux_dirent64, d_name) + NAME_MAX + 1, 8)];
	} rec;

	if (reclen > iov_iter_count(&buf->to)) {
		buf->error = -EINVAL;	/* not even room for one more */
		return false;
	}
	memset(&rec, 0, reclen);
	rec.d.d_ino = ino;
	rec.d.d_off = offset;
	rec.d.d_reclen = reclen;
	rec.d.d_type = d_type;
	memcpy(rec.d.d_name, name, namlen);
	if (copy_to_iter(&rec, reclen, &buf->to) != reclen) {
		buf->error = -EFAULT;
		return false;
	}
	return true;
}

ssize_t vfs_getdents64(struct file *file, void *buf, size_t count, bool buf_is_user)
{
	struct getdents_callback64 cb = { .ctx.actor = filldir64 };
	int err;

	if (buf_is_user && !access_ok(buf, count))
		return -EFAULT;
	if (buf_is_user)
		iov_iter_ubuf(&cb.to, buf, min_t(size_t, count, INT_MAX));
	else
		iov_iter_kbuf(&cb.to, buf, min_t(size_t, count, INT_MAX));
	err = iterate_dir(file, &cb.ctx);
	if (err)
		return err;
	if (iov_iter_count(&cb.to) != min_t(size_t, count, INT_MAX))
		return min_t(size_t, count, INT_MAX) - iov_iter_count(&cb.to);
	return cb.error;
}
