/*
 * tests/host/uaccess.c - copy_to_user / copy_from_user on the host
 * (mm/uaccess.c there is one `rep movsb` in the exception table).
 *
 * Page by page: ask the software MMU for the access first - it walks and
 * faults exactly as the CPU would - and copy once the page is there.  So a
 * fault the mm cannot resolve stops the copy at that page and the function
 * returns the bytes not copied, as the kernel's fixup does, without a
 * SIGSEGV ever being taken.
 */
#include <mm/uaccess.h>
#include <kernel/string.h>
#include <asm/page.h>
#include "host.h"

static unsigned long copy_user(void *to, const void *from, unsigned long n,
			       unsigned long uaddr, bool write)
{
	while (n) {
		unsigned long chunk = min(n, PAGE_SIZE - (uaddr & ~PAGE_MASK));

		if (host_mmu_access(uaddr, write))
			break;
		memcpy(to, from, chunk);
		to = (char *)to + chunk;
		from = (const char *)from + chunk;
		uaddr += chunk;
		n -= chunk;
	}
	return n;
}

unsigned long copy_to_user(void __user *to, const void *from, unsigned long n)
{
	if (!access_ok(to, n))
		return n;
	return copy_user(to, from, n, (unsigned long)to, true);
}

unsigned long copy_from_user(void *to, const void __user *from, unsigned long n)
{
	unsigned long left = n;

	if (access_ok(from, n))
		left = copy_user(to, from, n, (unsigned long)from, false);
	if (left)		/* as Linux: never leave stale kernel bytes behind */
		memset((char *)to + (n - left), 0, left);
	return left;
}
