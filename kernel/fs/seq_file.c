/*
 * kernel/fs/seq_file.c - printing a /proc or /sys file into a buffer that
 * grows until the text fits (include/kernel/seq_file.h).  Linux:
 * fs/seq_file.c (seq_printf, seq_pad, and seq_read's retry with a buffer
 * twice the size).
 */
#include <kernel/seq_file.h>
#include <kernel/printk.h>
#include <kernel/string.h>
#include <kernel/errno.h>
#include <mm/slab.h>
#include <mm/gfp.h>
#include <asm/page.h>

/*
 * Linux grows up to MAX_RW_COUNT and reads smaps a VMA at a time; mmlab
 * makes a whole file at once and stops here (docs/proc.md).
 */
/* SEQ_MAX_SIZE: include/kernel/seq_file.h */

static void seq_set_overflow(struct seq_file *m)
{
	m->count = m->size;
}

void seq_printf(struct seq_file *m, const char *fmt, ...)
{
	size_t room = m->size - m->count;
	va_list args;
	int len;

	if (!room)
		return;
	va_start(args, fmt);
	len = vsnprintf(m->buf + m->count, room, fmt, args);
	va_end(args);
	if (len < 0 || (size_t)len >= room)
		seq_set_overflow(m);
	else
		m->count += len;
}

void seq_puts(struct seq_file *m, const char *s)
{
	size_t len = strlen(s);

	if (m->count + len >= m->size) {
		seq_set_overflow(m);
		return;
	}
	memcpy(m->buf + m->count, s, len);
	m->count += len;
}

/* Bytes as they are, NULs too (Linux: seq_write): 0, or -1 if they did not fit. */
int seq_write(struct seq_file *m, const void *data, size_t len)
{
	if (m->count + len >= m->size) {
		seq_set_overflow(m);
		return -1;
	}
	memcpy(m->buf + m->count, data, len);
	m->count += len;
	return 0;
}

void seq_putc(struct seq_file *m, char c)
{
	if (m->count + 1 >= m->size) {
		seq_set_overflow(m);
		return;
	}
	m->buf[m->count++] = c;
}

void seq_pad(struct seq_file *m, unsigned int col, char c)
{
	size_t line = m->count;

	while (line > 0 && m->buf[line - 1] != '\n')
		line--;
	for (size_t at = m->count - line; at < col; at++)
		seq_putc(m, ' ');
	if (c)
		seq_putc(m, c);
}

char *seq_render(int (*show)(struct seq_file *m, void *v), void *priv, size_t *len)
{
	for (size_t size = PAGE_SIZE; size <= SEQ_MAX_SIZE; size *= 2) {
		struct seq_file m = { .buf = kmalloc(size, GFP_KERNEL), .size = size,
				      .private = priv };
		int ret;

		if (!m.buf)
			return ERR_PTR(-ENOMEM);
		ret = show(&m, NULL);
		if (ret < 0) {
			kfree(m.buf);
			return ERR_PTR(ret);
		}
		if (!seq_has_overflowed(&m)) {
			*len = m.count;
			return m.buf;
		}
		kfree(m.buf);		/* too small: again, twice as big */
	}
	pr_warn("seq_file: %pS printed more than %lu bytes\n", show, SEQ_MAX_SIZE);
	return ERR_PTR(-ENOMEM);		/* as Linux, once it cannot grow */
}
