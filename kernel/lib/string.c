/*
 * kernel/lib/string.c - memory and string routines for a freestanding kernel.
 *
 * memcpy/memset use the x86 string instructions (rep movsb/stosb), which are
 * fast on every CPU since Ivy Bridge (ERMS) and tiny to read.  Linux keeps
 * the equivalents in arch/x86/lib/ and lib/string.c.
 */
#include <kernel/string.h>
#include <kernel/errno.h>

void *memcpy(void *dst, const void *src, size_t n)
{
	void *ret = dst;

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

char *strchr(const char *s, int c)
{
	for (; *s; s++)
		if (*s == (char)c)
			return (char *)s;
	return c ? NULL : (char *)s;
}

char *strstr(const char *haystack, const char *needle)
{
	size_t n = strlen(needle);

	for (; *haystack; haystack++)
		if (!strncmp(haystack, needle, n))
			return (char *)haystack;
	return n ? NULL : (char *)haystack;
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

static int digit_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'Z')
		return c - 'A' + 10;
	return 99;
}

/* Parse the leading number of s; *end gets the first unparsed char. */
static int parse_ull(const char *s, unsigned int base, unsigned long long *res,
		     const char **end)
{
	unsigned long long v = 0;
	const char *start;

	if (!base) {
		base = 10;
		if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X') &&
		    digit_value(s[2]) < 16) {
			base = 16;
			s += 2;
		} else if (s[0] == '0' && s[1]) {
			base = 8;
		}
	} else if (base == 16 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		s += 2;
	}
	start = s;
	for (; digit_value(*s) < (int)base; s++) {
		unsigned long long next = v * base + digit_value(*s);

		if (next / base != v)
			return -ERANGE;
		v = next;
	}
	*end = s;
	*res = v;
	return s == start ? -EINVAL : 0;
}

/* Whole string must be a number (an optional trailing newline is allowed). */
int kstrtoul(const char *s, unsigned int base, unsigned long *res)
{
	unsigned long long v;
	const char *end;
	int err = parse_ull(s, base, &v, &end);

	if (err)
		return err;
	if (*end == '\n')
		end++;
	if (*end)
		return -EINVAL;
	*res = v;
	return 0;
}

int kstrtol(const char *s, unsigned int base, long *res)
{
	unsigned long v;
	int neg = (*s == '-');
	int err = kstrtoul(s + neg, base, &v);

	if (err)
		return err;
	if (v > (unsigned long)__LONG_MAX__ + neg)
		return -ERANGE;
	*res = neg ? -(long)v : (long)v;
	return 0;
}

int kstrtobool(const char *s, bool *res)
{
	if (!strcmp(s, "1") || !strcmp(s, "y") || !strcmp(s, "Y") ||
	    !strcmp(s, "on") || !strcmp(s, "yes") || !strcmp(s, "true"))
		*res = true;
	else if (!strcmp(s, "0") || !strcmp(s, "n") || !strcmp(s, "N") ||
		 !strcmp(s, "off") || !strcmp(s, "no") || !strcmp(s, "false"))
		*res = false;
	else
		return -EINVAL;
	return 0;
}

/* "64M", "1G", "4096", "0x1000k": a size with an optional K/M/G suffix. */
unsigned long long memparse(const char *ptr, char **retptr)
{
	unsigned long long v = 0;
	const char *end = ptr;

	if (parse_ull(ptr, 0, &v, &end)) {
		if (retptr)
			*retptr = (char *)ptr;
		return 0;
	}
	switch (*end) {
	case 'G': case 'g':
		v <<= 10;	/* fall through */
	case 'M': case 'm':
		v <<= 10;	/* fall through */
	case 'K': case 'k':
		v <<= 10;
		end++;
		break;
	}
	if (retptr)
		*retptr = (char *)end;
	return v;
}
