/*
 * kernel/lib/copy_page.c - copy_page() and clear_page(): 4 KiB at a time,
 * with the instruction sequence Linux picks for this CPU at boot.
 *
 *   copy_page    rep movsq with X86_FEATURE_REP_GOOD, else an unrolled
 *                64-bytes-per-step register loop (Linux never uses
 *                movsb here: copy_page_64.S)
 *   clear_page   rep stosb with ERMS, else rep stosq with REP_GOOD, else
 *                the register loop (clear_page_64.S: clear_page_erms,
 *                clear_page_rep, clear_page_orig)
 *
 * Page migration, THP clearing and zeroed allocations go through them.
 * Under QEMU's TCG the choice matters a lot: byte-wide rep movsb/stosb are
 * emulated a byte at a time, quadword ones eight bytes at a time.
 * Linux: arch/x86/lib/copy_page_64.S, clear_page_64.S, asm/page_64.h.
 */
#include <asm/page.h>
#include <asm/cpufeature.h>
#include <kernel/types.h>

static void copy_page_regs(void *to, void *from)
{
	u64 *d = to;
	const u64 *s = from;

	for (unsigned int i = 0; i < PAGE_SIZE / 8; i += 8) {
		u64 a = s[i], b = s[i + 1], c = s[i + 2], e = s[i + 3];
		u64 f = s[i + 4], g = s[i + 5], h = s[i + 6], k = s[i + 7];

		d[i] = a; d[i + 1] = b; d[i + 2] = c; d[i + 3] = e;
		d[i + 4] = f; d[i + 5] = g; d[i + 6] = h; d[i + 7] = k;
	}
}

void copy_page(void *to, void *from)
{
	unsigned long n = PAGE_SIZE / 8;

	if (!boot_cpu_has(X86_FEATURE_REP_GOOD)) {
		copy_page_regs(to, from);
		return;
	}
	__asm__ __volatile__("rep movsq" : "+D"(to), "+S"(from), "+c"(n) : : "memory");
}

static void clear_page_orig(void *page)
{
	u64 *p = page;

	for (unsigned int i = 0; i < PAGE_SIZE / 8; i += 8) {
		p[i] = 0; p[i + 1] = 0; p[i + 2] = 0; p[i + 3] = 0;
		p[i + 4] = 0; p[i + 5] = 0; p[i + 6] = 0; p[i + 7] = 0;
	}
}

void clear_page(void *page)
{
	unsigned long n;

	if (boot_cpu_has(X86_FEATURE_ERMS)) {
		n = PAGE_SIZE;
		__asm__ __volatile__("rep stosb" : "+D"(page), "+c"(n) : "a"(0) : "memory");
	} else if (boot_cpu_has(X86_FEATURE_REP_GOOD)) {
		n = PAGE_SIZE / 8;
		__asm__ __volatile__("rep stosq" : "+D"(page), "+c"(n) : "a"(0) : "memory");
	} else {
		clear_page_orig(page);
	}
}
