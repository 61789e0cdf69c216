/*
 * include/mm/uaccess.h - copying to and from user addresses, safely.
 *
 * A user address may be unmapped, read-only, or not a user address at all.
 * These routines check the range (access_ok) and do the copy with one
 * instruction listed in the exception table: a fault the mm can resolve
 * (demand paging) is resolved and the copy goes on; one it cannot makes
 * the copy stop there instead of oopsing.
 *
 *   copy_to_user / copy_from_user   return the number of bytes NOT copied
 *   get_user / put_user             return 0 or -EFAULT
 *
 * Linux: include/linux/uaccess.h, arch/x86/include/asm/uaccess*.h.
 */
#ifndef _MM_UACCESS_H
#define _MM_UACCESS_H

#include <kernel/types.h>
#include <kernel/compiler.h>	/* __user */
#include <kernel/errno.h>
#include <mm/mmap.h>
#include <kernel/panic.h>

static inline bool access_ok(const void __user *addr, unsigned long size)
{
	unsigned long a = (unsigned long)addr;

	return a <= TASK_SIZE_MAX && size <= TASK_SIZE_MAX - a;
}

/*
 * A copy of more than INT_MAX bytes is a kernel bug, not a user's: warn and
 * copy (and clear) nothing.  Linux: check_copy_size().
 */
static inline bool check_copy_size(unsigned long n)
{
	return !WARN_ON_ONCE(n > INT_MAX);
}

unsigned long copy_to_user(void __user *to, const void *from, unsigned long n);
unsigned long copy_from_user(void *to, const void __user *from, unsigned long n);
/*
 * Copies a NUL-terminated string of at most count bytes: returns its length
 * (without the NUL), count if no NUL came first (dst is then unterminated,
 * as in Linux), or -EFAULT.
 */
long strncpy_from_user(char *dst, const char __user *src, long count);

#define get_user(x, ptr) ({						\
	__typeof__(*(ptr)) __gu_val;					\
	int __gu_err = copy_from_user(&__gu_val, (ptr), sizeof(__gu_val)) ? -EFAULT : 0; \
	(x) = __gu_err ? (__typeof__(*(ptr)))0 : __gu_val;		\
	__gu_err;							\
})

#define put_user(x, ptr) ({						\
	__typeof__(*(ptr)) __pu_val = (x);				\
	copy_to_user((ptr), &__pu_val, sizeof(__pu_val)) ? -EFAULT : 0;	\
})

#endif
