/*
 * kernel/lib/string.c - memory and string routines for a freestanding kernel.
 *
 * memcpy/memset use the x86 string instructions, picked as Linux picks them
 * at boot: rep movsb/stosb only where the CPU says short byte strings are
 * fast (FSRM/FSRS), otherwise quadwords with a byte tail.  (Linux's
 * fallback is an unrolled register loop, memcpy_orig; rep movsq does the
 * same work in one instruction.)  Linux keeps the equivalents in
 * arch/x86/lib/memcpy_64.S, memset_64.S and lib/string.c.
 */
#include <kernel/string.h>
#include <kernel/errno.h>
#include <asm/cpufeature.h>

void *memcpy(void *dst, const void *src, size_t n)
{
	void *ret = dst;
	size_t q = n / 8;

	if (!boot_cpu_has(X86_FEATURE_FSRM)) {
		__asm__ __volatile__("rep movsq" : "+D"(dst), "+S"(src), "+c"(q) : : "memory");
		n &= 7;
	}
	__asm__ __volatile__("rep movsb"
			     : "+D"(dst), "+S"(src), "+c"(n) : : "memory");
	return ret;
}

void *memmove(void *dst, const void *src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;

	if (d <= s || d >= s + n)
		return memcpy(dst, src, n);
	while (n--)			/* overlapping, copy backwards */
		d[n] = s[n];
	return dst;
}

void *memset(void *s, int c, size_t n)
{
	void *ret = s;
	size_t q = n / 8;

	if (!boot_cpu_has(X86_FEATURE_FSRS)) {
		__asm__ __volatile__("rep stosq" : "+D"(s), "+c"(q)
				     : "a"(0x0101010101010101UL * (unsigned char)c) : "memory");
		n &= 7;
	}
	__asm__ __volatile__("rep stosb"
			     : "+D"(s), "+c"(n) : "a"(c) : "memory");
	return ret;
}

int memcmp(const void *a, const void *b, size_t n)
{
	const unsigned char *p = a, *q = b;

	for (; n; n--, p++, q++)
		if (*p != *q)
			return *p < *q ? -1 : 1;
	return 0;
}

size_t strlen(const char *s)
{
	size_t n = 0;

	while (s[n])
		n++;
	return n;
}

size_t strnlen(const char *s, size_t max)
{
	size_t n = 0;

	while (n < max && s[n])
		n++;
	return n;
}

int strcmp(const char *a, const char *b)
{
	while (*a && *a == *b)
		a++, b++;
	return (unsigned char)*a - (unsigned char)*b;
}

int strncmp(const char *a, const char *b, size_t n)
{
	for (; n; n--, a++, b++) {
		if (*a != *b)
			return (unsigned char)*a - (unsigned char)*b;
		if (!*a)
			break;
	}
	return 0;
}

void *memchr(const void *s, int c, size_t n)
{
	for (const unsigned char *p = s; n; n--, p++)
		if (*p == (unsigned char)c)
			return (void *)p;
	return NULL;
}

char *strchr(const char *s, int c)
{
	for (; *s; s++)
		if (*s == (char)c)
			return (char *)s;
	return c ? NULL : (char *)s;
}

char *strrchr(const char *s, int c)
{
	const char *last = NULL;

	do {
		if (*s == (char)c)
			last = s;
	} while (*s++);
	return (char *)last;
}

char *strstr(const char *haystack, const char *needle)
{
	size_t n = strlen(needle);

	for (; *haystack; haystack++)
		if (!strncmp(haystack, needle, n))
			return (char *)haystack;
	return n ? NULL : (char *)haystack;
}
