/*
 * kernel/log_buf.c - the kernel log: every printk'ed byte, in a ring.
 *
 * log_next counts all bytes ever logged; the ring keeps the last
 * LOG_BUF_LEN of them.  Tests read what a piece of code printed with
 * log_read(mark, ...) where mark was log_next before; GDB can read log_buf
 * directly.  Kept apart from printk.c so the host build shares it.
 */
#include <kernel/printk.h>

char log_buf[LOG_BUF_LEN];
size_t log_next;

void log_store(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		log_buf[(log_next + i) % LOG_BUF_LEN] = s[i];
	log_next += n;
}

size_t log_read(size_t from, char *buf, size_t size)
{
	size_t n = 0;

	if (log_next - from > LOG_BUF_LEN)		/* overwritten already */
		from = log_next - LOG_BUF_LEN;
	for (; from < log_next && n + 1 < size; from++)
		buf[n++] = log_buf[from % LOG_BUF_LEN];
	if (size)
		buf[n] = '\0';
	return n;
}
