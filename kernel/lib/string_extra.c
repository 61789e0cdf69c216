/*
 * kernel/lib/string_extra.c - string helpers the C library does not have.
 *
 * Kept apart from string.c (the C library's routines) so the host build of
 * the mm core can use these with the host's libc.  Linux: lib/string.c
 * (memchr_inv, strscpy, sysfs_streq) and lib/glob.c (glob_match).
 */
#include <kernel/string.h>
#include <kernel/errno.h>

/* First byte in s[0..n) that is not c, or NULL (Linux lib/string.c). */
void *memchr_inv(const void *s, int c, size_t n)
{
	const unsigned char *p = s;
	const unsigned long pat = 0x0101010101010101UL * (unsigned char)c;

	while (n && ((unsigned long)p & 7)) {
		if (*p != (unsigned char)c)
			return (void *)p;
		p++, n--;
	}
	for (; n >= 8; n -= 8, p += 8)
		if (*(const unsigned long *)p != pat)
			break;
	for (; n; n--, p++)
		if (*p != (unsigned char)c)
			return (void *)p;
	return NULL;
}

/* Copy with truncation; returns the length copied or -E2BIG if truncated. */
size_t strscpy(char *dst, const char *src, size_t size)
{
	size_t i;

	if (!size)
		return -E2BIG;
	for (i = 0; i < size - 1 && src[i]; i++)
		dst[i] = src[i];
	dst[i] = '\0';
	return src[i] ? (size_t)-E2BIG : i;
}

/* Shell-style glob with '*' and '?' (Linux lib/glob.c does more). */
bool glob_match(const char *pat, const char *str)
{
	const char *star = NULL, *retry = NULL;

	while (*str) {
		if (*pat == '*') {
			star = ++pat;
			retry = str;
		} else if (*pat == '?' || *pat == *str) {
			pat++, str++;
		} else if (star) {
			pat = star;
			str = ++retry;
		} else {
			return false;
		}
	}
	while (*pat == '*')
		pat++;
	return !*pat;
}

/* Equal but for one trailing newline on either (Linux lib/string.c). */
bool sysfs_streq(const char *a, const char *b)
{
	while (*a && *a == *b)
		a++, b++;
	if (*a == *b)
		return true;
	if (*a == '\n' && !a[1] && !*b)
		return true;
	return *b == '\n' && !b[1] && !*a;
}
