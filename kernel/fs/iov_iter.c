/*
 * kernel/fs/iov_iter.c - copying through a struct iov_iter.
 *
 * A user segment goes through copy_to_user/copy_from_user, so a bad user
 * address ends the copy short (the caller returns what was done, or
 * -EFAULT if nothing was), never an oops.  Linux: lib/iov_iter.c.
 */
#include <kernel/uio.h>
#include <kernel/compiler.h>
#include <kernel/string.h>
#include <mm/uaccess.h>

static size_t advance(struct iov_iter *i, size_t done)
{
	i->base += done;
	i->count -= done;
	return done;
}

size_t copy_to_iter(const void *from, size_t bytes, struct iov_iter *i)
{
	bytes = min(bytes, i->count);
	if (!i->user) {
		memcpy(i->base, from, bytes);
		return advance(i, bytes);
	}
	return advance(i, bytes - copy_to_user(i->base, from, bytes));
}

size_t copy_from_iter(void *to, size_t bytes, struct iov_iter *i)
{
	bytes = min(bytes, i->count);
	if (!i->user) {
		memcpy(to, i->base, bytes);
		return advance(i, bytes);
	}
	return advance(i, bytes - copy_from_user(to, i->base, bytes));
}

/* Zeroes, copied from a small zeroed buffer (a user copy has no memset). */
size_t iov_iter_zero(size_t bytes, struct iov_iter *i)
{
	static const char zeroes[256];
	size_t done = 0;

	bytes = min(bytes, i->count);
	while (done < bytes) {
		size_t want = min(bytes - done, sizeof(zeroes));
		size_t n = copy_to_iter(zeroes, want, i);

		done += n;
		if (n < want)
			break;
	}
	return done;
}
