/*
 * kernel/lib/scnprintf.c - snprintf that returns what it really wrote.
 * Separate from vsprintf.c so the host build (with libc's vsnprintf) has it.
 */
#include <kernel/printk.h>

/* Like snprintf, but returns what was really written (without the NUL). */
int scnprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (!size)
		return 0;
	va_start(ap, fmt);
	n = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n < (int)size ? n : (int)size - 1;
}
