/*
 * kernel/sys_random.c - getrandom(2): random bytes into a user buffer.
 *
 * The flags are Linux's and checked as Linux checks them; the bytes come
 * from get_random_bytes (kernel/lib/random.c: xorshift seeded from the
 * TSC, NOT cryptographic, unlike Linux's ChaCha20).  It is always
 * "initialised", so nothing ever blocks.  Linux: drivers/char/random.c.
 */
#include <kernel/syscalls.h>
#include <kernel/random.h>
#include <kernel/errno.h>
#include <mm/uaccess.h>

#define GRND_NONBLOCK	0x0001
#define GRND_RANDOM	0x0002
#define GRND_INSECURE	0x0004

SYSCALL_DEFINE3(getrandom, char __user *, ubuf, size_t, len, unsigned int, flags)
{
	size_t done = 0;

	if (flags & ~(GRND_NONBLOCK | GRND_RANDOM | GRND_INSECURE))
		return -EINVAL;
	if ((flags & (GRND_INSECURE | GRND_RANDOM)) == (GRND_INSECURE | GRND_RANDOM))
		return -EINVAL;
	if (len > INT_MAX)
		len = INT_MAX;
	if (!access_ok(ubuf, len))
		return -EFAULT;
	while (done < len) {
		u8 block[64];
		size_t n = min(len - done, sizeof(block));
		size_t left;

		get_random_bytes(block, n);
		left = copy_to_user(ubuf + done, block, n);
		done += n - left;
		if (left)
			return done ? (long)done : -EFAULT;
	}
	return done;
}
