/*
 * kernel/console_write.c - write(2) before there is a VFS: file
 * descriptors 0, 1 and 2 are the console (Linux's init gets /dev/console
 * opened read-write on all three), any other is -EBADF.
 *
 * The bytes are copied from user memory in small pieces and sent to the
 * console as they are, without printk's levels or time stamps.  A fault
 * part-way returns what was written so far, or -EFAULT if nothing was, as
 * Linux's tty write does.  The VFS replaces this file (Linux:
 * fs/read_write.c ksys_write, drivers/tty/tty_io.c).
 */
#include <kernel/syscalls.h>
#include <kernel/printk.h>
#include <kernel/errno.h>
#include <mm/uaccess.h>

#define MAX_RW_COUNT	(INT_MAX & ~(PAGE_SIZE - 1))	/* Linux's cap on one read/write */

long ksys_write(unsigned int fd, const char __user *buf, size_t count)
{
	char chunk[128];
	size_t done = 0;

	if (fd > 2)
		return -EBADF;
	if (!access_ok(buf, count))
		return -EFAULT;
	if (count > MAX_RW_COUNT)
		count = MAX_RW_COUNT;
	while (done < count) {
		size_t n = count - done < sizeof(chunk) ? count - done : sizeof(chunk);
		size_t left = copy_from_user(chunk, buf + done, n);

		console_write(chunk, n - left);
		done += n - left;
		if (left)
			return done ? (long)done : -EFAULT;
	}
	return done;
}
