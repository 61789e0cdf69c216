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
