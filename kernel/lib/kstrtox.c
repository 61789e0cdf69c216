/*
 * kernel/lib/kstrtox.c - parse numbers, booleans and sizes from strings.
 * Linux: lib/kstrtox.c, lib/cmdline.c (memparse), lib/string.c (skip_spaces)
 * and lib/hexdump.c (hex_to_bin).
 */
#include <kernel/string.h>
#include <kernel/errno.h>

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

/* Linux: _kstrtoull() - the whole string a number (one trailing newline allowed). */
static int _kstrtoull(const char *s, unsigned int base, unsigned long long *res)
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

/* The unsigned ones take a leading '+', as Linux's kstrtoull. */
int kstrtoull(const char *s, unsigned int base, unsigned long long *res)
{
	return _kstrtoull(s[0] == '+' ? s + 1 : s, base, res);
}

int kstrtoul(const char *s, unsigned int base, unsigned long *res)
{
	unsigned long long v;
	int err = kstrtoull(s, base, &v);

	if (!err)
		*res = v;
	return err;
}

int kstrtouint(const char *s, unsigned int base, unsigned int *res)
{
	unsigned long long v;
	int err = kstrtoull(s, base, &v);

	if (err)
		return err;
	if (v > (unsigned int)-1)
		return -ERANGE;
	*res = v;
	return 0;
}

/* "-N" or "[+]N" (Linux: kstrtoll; "-+N" is -EINVAL). */
int kstrtol(const char *s, unsigned int base, long *res)
{
	unsigned long long v;
	int neg = (*s == '-');
	int err = neg ? _kstrtoull(s + 1, base, &v) : kstrtoull(s, base, &v);

	if (err)
		return err;
	if (v > (unsigned long long)__LONG_MAX__ + neg)
		return -ERANGE;
	*res = neg ? -(long)v : (long)v;
	return 0;
}

/* Linux's: the first character decides (y/t/1, n/f/0), or "on"/"of..." by the second. */
int kstrtobool(const char *s, bool *res)
{
	switch (s[0]) {
	case 'y': case 'Y': case 't': case 'T': case '1':
		*res = true;
		return 0;
	case 'n': case 'N': case 'f': case 'F': case '0':
		*res = false;
		return 0;
	case 'o': case 'O':
		if (s[1] == 'n' || s[1] == 'N' || s[1] == 'f' || s[1] == 'F') {
			*res = s[1] == 'n' || s[1] == 'N';
			return 0;
		}
		break;
	}
	return -EINVAL;
}

/* "64M", "1G", "4096", "0x1000k": a size with an optional K/M/G/T/P/E suffix. */
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
	case 'E': case 'e':
		v <<= 10;	/* fall through */
	case 'P': case 'p':
		v <<= 10;	/* fall through */
	case 'T': case 't':
		v <<= 10;	/* fall through */
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

/*
 * The first character of s that is not blank: isspace() of Linux's
 * lib/ctype.c, which counts Latin-1's no-break space (0xa0).
 * Linux: lib/string.c.
 */
char *skip_spaces(const char *s)
{
	while (*s == ' ' || (*s >= '\t' && *s <= '\r') || (unsigned char)*s == 0xa0)
		s++;
	return (char *)s;
}

/* The value of one hex digit, or -1.  Linux: lib/hexdump.c. */
int hex_to_bin(unsigned char ch)
{
	int v = digit_value(ch);

	return v < 16 ? v : -1;
}
