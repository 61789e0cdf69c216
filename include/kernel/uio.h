/*
 * include/kernel/uio.h - struct iov_iter: where a read puts its bytes.
 *
 * A file's read_iter/write_iter copies to or from an iov_iter, so the
 * same code serves read(2) (a user buffer: copy_to_user, a fault is a
 * short copy) and the kernel's own reads (a kernel buffer: memcpy).
 * mmlab's has one segment (Linux: ITER_UBUF or a one-entry ITER_KVEC);
 * readv/writev loop over segments above it.  Linux: include/linux/uio.h,
 * lib/iov_iter.c.
 */
#ifndef _KERNEL_UIO_H
#define _KERNEL_UIO_H

#include <kernel/types.h>

struct iov_iter {
	bool user;		/* base is a user address */
	char *base;		/* the next byte to copy */
	size_t count;		/* bytes left */
};

static inline void iov_iter_ubuf(struct iov_iter *i, void *ubuf, size_t count)
{
	*i = (struct iov_iter){ .user = true, .base = ubuf, .count = count };
}

static inline void iov_iter_kbuf(struct iov_iter *i, void *buf, size_t count)
{
	*i = (struct iov_iter){ .user = false, .base = buf, .count = count };
}

static inline size_t iov_iter_count(const struct iov_iter *i)
{
	return i->count;
}

/* Each returns the bytes copied (fewer than asked at a fault) and advances. */
size_t copy_to_iter(const void *from, size_t bytes, struct iov_iter *i);
size_t copy_from_iter(void *to, size_t bytes, struct iov_iter *i);
size_t iov_iter_zero(size_t bytes, struct iov_iter *i);

#endif
