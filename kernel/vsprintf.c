/*
 * kernel/vsprintf.c - vsnprintf() and friends: printf-style formatting.
 *
 * Supports what kernel code needs: %d %i %u %x %X %o %c %s %p %%, the length
 * modifiers hh h l ll z t, a width (or *), a precision for strings (or .*),
 * and the flags '-' (left-justify), '0' (zero-pad) and '#' (0x prefix).
 * Like Linux, %pS prints a code address as symbol+offset/size (%pB the same
 * for a return address, which may point just past its function), and %px and
 * %p print the raw pointer (Linux hashes plain %p; a teaching kernel wants
 * the real address).  Linux: lib/vsprintf.c.
 */
#include <kernel/printk.h>
#include <kernel/string.h>
#include <kernel/kallsyms.h>

struct outbuf {
	char *buf;
	size_t size;	/* capacity, including the final NUL */
	size_t len;	/* characters produced so far (may exceed size) */
};

static void put(struct outbuf *o, char c)
{
	if (o->len + 1 < o->size)
		o->buf[o->len] = c;
	o->len++;
}

struct spec {
	int width;
	int precision;		/* -1: none */
	bool left, zero, alt;
};

static void put_padded(struct outbuf *o, const char *s, size_t n,
		       const struct spec *sp)
{
	int pad = sp->width > (int)n ? sp->width - (int)n : 0;

	if (!sp->left)
		while (pad-- > 0)
			put(o, ' ');
	while (n--)
		put(o, *s++);
	if (sp->left)
		while (pad-- > 0)
			put(o, ' ');
}

static void put_number(struct outbuf *o, unsigned long long v, bool neg,
		       unsigned int base, bool upper, const struct spec *sp)
{
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char tmp[24];
	int n = 0, len, pad;
	const char *prefix = "";

	do {
		tmp[n++] = digits[v % base];
		v /= base;
	} while (v);
	if (neg)
		prefix = "-";
	else if (sp->alt && base == 16)
		prefix = upper ? "0X" : "0x";
	len = n + (int)strlen(prefix);
	pad = sp->width > len ? sp->width - len : 0;

	if (!sp->left && !sp->zero)
		while (pad-- > 0)
			put(o, ' ');
	while (*prefix)
		put(o, *prefix++);
	if (!sp->left && sp->zero)
		while (pad-- > 0)
			put(o, '0');
	while (n)
		put(o, tmp[--n]);
	while (sp->left && pad-- > 0)
		put(o, ' ');
}

static void put_symbol(struct outbuf *o, unsigned long addr, bool ret_addr,
		       const struct spec *sp)
{
	char sym[KSYM_SYMBOL_LEN];

	if (ret_addr)
		sprint_backtrace(sym, addr);
	else
		sprint_symbol(sym, addr);
	put_padded(o, sym, strlen(sym), sp);
}

/* Handles %p with its extensions; returns the format after them. */
static const char *put_pointer(struct outbuf *o, const char *fmt, void *p,
			       struct spec *sp)
{
	if (*fmt == 'S' || *fmt == 'B') {	/* B: a return address */
		put_symbol(o, (unsigned long)p, *fmt == 'B', sp);
		return fmt + 1;
	}
	if (*fmt == 'x')
		fmt++;
	sp->alt = true;
	sp->zero = true;
	if (!sp->width)
		sp->width = 18;		/* 0x + 16 digits */
	put_number(o, (unsigned long)p, false, 16, false, sp);
	return fmt;
}

static const char *parse_spec(const char *fmt, struct spec *sp, va_list *ap)
{
	memset(sp, 0, sizeof(*sp));
	sp->precision = -1;
	for (;; fmt++) {
		if (*fmt == '-')
			sp->left = true;
		else if (*fmt == '0')
			sp->zero = true;
		else if (*fmt == '#')
			sp->alt = true;
		else if (*fmt != ' ' && *fmt != '+')
			break;
	}
	if (*fmt == '*') {
		sp->width = va_arg(*ap, int);
		if (sp->width < 0) {
			sp->left = true;
			sp->width = -sp->width;
		}
		fmt++;
	}
	while (*fmt >= '0' && *fmt <= '9')
		sp->width = sp->width * 10 + (*fmt++ - '0');
	if (*fmt == '.') {
		fmt++;
		sp->precision = 0;
		if (*fmt == '*') {
			sp->precision = va_arg(*ap, int);
			fmt++;
		}
		while (*fmt >= '0' && *fmt <= '9')
			sp->precision = sp->precision * 10 + (*fmt++ - '0');
	}
	return fmt;
}

/* Length modifier: returns the size in bytes of the integer argument. */
static const char *parse_length(const char *fmt, int *size)
{
	*size = sizeof(int);
	if (fmt[0] == 'h') {
		*size = (fmt[1] == 'h') ? 1 : 2;
		return fmt + (fmt[1] == 'h' ? 2 : 1);
	}
	if (fmt[0] == 'l') {
		*size = sizeof(long);
		return fmt + (fmt[1] == 'l' ? 2 : 1);
	}
	if (fmt[0] == 'z' || fmt[0] == 't') {
		*size = sizeof(long);
		return fmt + 1;
	}
	return fmt;
}

static unsigned long long get_unsigned(va_list *ap, int size)
{
	if (size == sizeof(long))
		return va_arg(*ap, unsigned long);
	if (size == 2)
		return (unsigned short)va_arg(*ap, unsigned int);
	if (size == 1)
		return (unsigned char)va_arg(*ap, unsigned int);
	return va_arg(*ap, unsigned int);
}

static long long get_signed(va_list *ap, int size)
{
	if (size == sizeof(long))
		return va_arg(*ap, long);
	if (size == 2)
		return (short)va_arg(*ap, int);
	if (size == 1)
		return (signed char)va_arg(*ap, int);
	return va_arg(*ap, int);
}

int vsnprintf(char *buf, size_t size, const char *fmt, va_list args)
{
	struct outbuf o = { buf, size, 0 };
	struct spec sp;
	va_list ap;
	int isize;

	va_copy(ap, args);
	for (; *fmt; fmt++) {
		if (*fmt != '%') {
			put(&o, *fmt);
			continue;
		}
		fmt = parse_spec(fmt + 1, &sp, &ap);
		fmt = parse_length(fmt, &isize);
		switch (*fmt) {
		case 'd':
		case 'i': {
			long long v = get_signed(&ap, isize);

			put_number(&o, v < 0 ? -(unsigned long long)v : (unsigned long long)v,
				   v < 0, 10, false, &sp);
			break;
		}
		case 'u':
			put_number(&o, get_unsigned(&ap, isize), false, 10, false, &sp);
			break;
		case 'x':
		case 'X':
			put_number(&o, get_unsigned(&ap, isize), false, 16,
				   *fmt == 'X', &sp);
			break;
		case 'o':
			put_number(&o, get_unsigned(&ap, isize), false, 8, false, &sp);
			break;
		case 'c': {
			char c = (char)va_arg(ap, int);

			put_padded(&o, &c, 1, &sp);
			break;
		}
		case 's': {
			const char *s = va_arg(ap, const char *);

			if (!s)
				s = "(null)";
			put_padded(&o, s, sp.precision >= 0 ?
				   strnlen(s, sp.precision) : strlen(s), &sp);
			break;
		}
		case 'p':
			fmt = put_pointer(&o, fmt + 1, va_arg(ap, void *), &sp) - 1;
			break;
		case '%':
			put(&o, '%');
			break;
		case '\0':
			fmt--;		/* a lone '%' at the end */
			break;
		default:		/* unknown conversion: print it as is */
			put(&o, '%');
			put(&o, *fmt);
		}
	}
	va_end(ap);
	if (size)
		buf[o.len < size ? o.len : size - 1] = '\0';
	return (int)o.len;
}

int snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}

int sprintf(char *buf, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, (size_t)-1 >> 1, fmt, ap);
	va_end(ap);
	return n;
}
