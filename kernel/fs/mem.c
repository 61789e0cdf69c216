/*
 * kernel/fs/mem.c - /dev/null, /dev/zero and /dev/urandom (major 1).
 *
 * null: reads end at once, writes swallow everything; zero: reads give
 * zeros; urandom: reads give random bytes (get_random_bytes: NOT a
 * cryptographic generator here, unlike Linux's).  Writes to zero and
 * urandom are accepted and dropped, as Linux does.  /dev/console (5:1) is
 * registered by the console driver, not here.  Linux: drivers/char/mem.c,
 * drivers/char/random.c.
 */
#include <kernel/errno.h>
#include <kernel/uio.h>
#include <kernel/random.h>
#include "internal.h"

#define MEM_MAJOR	1

static ssize_t read_null(struct file *file, struct iov_iter *to, loff_t *pos)
{
	return 0;
}

static ssize_t write_null(struct file *file, struct iov_iter *from, loff_t *pos)
{
	size_t n = iov_iter_count(from);

	from->count = 0;
	return n;
}

/* Linux: null_lseek() - the position is always 0. */
static loff_t null_lseek(struct file *file, loff_t offset, int whence)
{
	return file->f_pos = 0;
}

/* Linux: noop_llseek() - nothing moves, the position is reported. */
static loff_t noop_llseek(struct file *file, loff_t offset, int whence)
{
	return file->f_pos;
}

static ssize_t read_zero(struct file *file, struct iov_iter *to, loff_t *pos)
{
	size_t want = iov_iter_count(to), n = iov_iter_zero(want, to);

	return n || !want ? (ssize_t)n : -EFAULT;
}

static ssize_t read_urandom(struct file *file, struct iov_iter *to, loff_t *pos)
{
	size_t want = iov_iter_count(to), done = 0;

	while (done < want) {
		u8 block[64];
		size_t n = min(want - done, sizeof(block)), copied;

		get_random_bytes(block, n);
		copied = copy_to_iter(block, n, to);
		done += copied;
		if (copied < n)
			return done ? (ssize_t)done : -EFAULT;
	}
	return done;
}

static const struct file_operations null_fops = {
	.read_iter = read_null, .write_iter = write_null, .llseek = null_lseek,
};
static const struct file_operations zero_fops = {
	.read_iter = read_zero, .write_iter = write_null, .llseek = noop_llseek,
};
static const struct file_operations urandom_fops = {
	.read_iter = read_urandom, .write_iter = write_null, .llseek = noop_llseek,
};

/* minor -> fops, as Linux's devlist[] */
static const struct { unsigned int minor; const struct file_operations *fops; } devlist[] = {
	{ 3, &null_fops }, { 5, &zero_fops }, { 9, &urandom_fops },
};

int chr_dev_init(void)
{
	for (unsigned int i = 0; i < ARRAY_SIZE(devlist); i++) {
		int err = __register_chrdev(MEM_MAJOR, devlist[i].minor, 1, "mem",
					    devlist[i].fops);

		if (err < 0)
			return err;
	}
	return 0;
}
