/*
 * tests/host/uaccess.c - copy_to_user / copy_from_user on the host (in the
 * kernel, mm/uaccess.c: one `rep movsb` listed in the exception table).
 *
 * The same idea: a plain copy through the software MMU's TLB, where a
 * fault is resolved as for any access, and one the mm refuses resumes at a
 * fixup that returns the bytes not copied (host_copy_user, host_main.c).
 * Faults come at page boundaries only, so copying page by page makes that
 * count exact.  Below the user window the host can back nothing, so there
 * the copy fails without touching the program's memory that lies there.
 */
#include <mm/uaccess.h>
#include <kernel/string.h>
#include <asm/page.h>
#include "host.h"

static unsigned long copy_user(void *to, const void *from, unsigned long n,
			       unsigned long uaddr, bool write)
{
	if (uaddr >= HOST_USER_START)
		return host_copy_user(to, from, n, uaddr);
	/* the fault fails, or mmu.c says the mm mapped what the host cannot back */
	host_mmu_access(uaddr, write);
	return n;
}

unsigned long copy_to_user(void __user *to, const void *from, unsigned long n)
{
	if (!check_copy_size(n) || !access_ok(to, n))
		return n;
	return copy_user(to, from, n, (unsigned long)to, true);
}

unsigned long copy_from_user(void *to, const void __user *from, unsigned long n)
{
	unsigned long left = n;

	if (!check_copy_size(n))
		return n;
	if (access_ok(from, n))
		left = copy_user(to, from, n, (unsigned long)from, false);
	if (left)		/* as Linux: never leave stale kernel bytes behind */
		memset((char *)to + (n - left), 0, left);
	return left;
}
