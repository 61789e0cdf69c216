/*
 * mm/uaccess.c - copy_to_user / copy_from_user on top of the exception table.
 *
 * The copy is one `rep movsb`, which counts down %rcx as it goes.  If it
 * faults on a page the mm cannot provide, the trap handler resumes at the
 * fixup label right after it: %rcx then holds the bytes not copied, which
 * is exactly what these functions return.  Linux: arch/x86/lib/copy_user_64.S.
 */
#include <mm/uaccess.h>
#include <kernel/string.h>
#include <asm/asm.h>

static unsigned long copy_user_generic(void *to, const void *from, unsigned long len)
{
	__asm__ __volatile__("1: rep movsb\n"
			     "2:\n"
			     _ASM_EXTABLE(1b, 2b)
			     : "+c"(len), "+D"(to), "+S"(from) : : "memory");
	return len;
}

unsigned long copy_to_user(void __user *to, const void *from, unsigned long n)
{
	if (!check_copy_size(n) || !access_ok(to, n))
		return n;
	return copy_user_generic(to, from, n);
}

unsigned long copy_from_user(void *to, const void __user *from, unsigned long n)
{
	unsigned long left = n;

	if (!check_copy_size(n))
		return n;
	if (access_ok(from, n))
		left = copy_user_generic(to, from, n);
	if (left)		/* as Linux: never leave stale kernel bytes behind */
		memset((char *)to + (n - left), 0, left);
	return left;
}

/*
 * One page at a time, so that a fault stops the copy at a page boundary:
 * the bytes before it are still searched for the NUL, and only a string
 * that runs into the fault is -EFAULT.  Linux: lib/strncpy_from_user.c.
 */
long strncpy_from_user(char *dst, const char __user *src, long count)
{
	unsigned long addr = (unsigned long)src;
	long res = 0;

	while (res < count) {
		unsigned long chunk = PAGE_SIZE - ((addr + res) & (PAGE_SIZE - 1));
		unsigned long left, got;

		if (chunk > (unsigned long)(count - res))
			chunk = count - res;
		left = copy_from_user(dst + res, src + res, chunk);
		got = chunk - left;
		for (unsigned long i = 0; i < got; i++)
			if (!dst[res + i])
				return res + i;
		res += got;
		if (left)
			return -EFAULT;
	}
	return res;
}
