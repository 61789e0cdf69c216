/*
 * include/kernel/seq_file.h - text files made by a show() function.
 *
 * A /proc or /sys file is not stored anywhere: reading it runs a show()
 * that prints into a seq_file, the way a program prints to a FILE.  If the
 * buffer was too small, seq_read() gives show() a buffer twice as big and
 * runs it again, so show() never has to count.  mmlab keeps Linux's
 * single_open() case only: the whole file is made at once, then read from.
 * Linux: include/linux/seq_file.h, fs/seq_file.c.
 */
#ifndef _KERNEL_SEQ_FILE_H
#define _KERNEL_SEQ_FILE_H

#include <kernel/types.h>
#include <kernel/compiler.h>

struct seq_file {
	char *buf;
	size_t size;		/* of buf */
	size_t count;		/* bytes printed; == size once it overflowed */
	void *private;		/* what show() is about (an mm, a zone, ...) */
};

void seq_printf(struct seq_file *m, const char *fmt, ...) __printf(2, 3);
void seq_puts(struct seq_file *m, const char *s);
void seq_putc(struct seq_file *m, char c);
/* len bytes, NULs included: 0, or -1 if they overflowed the buffer. */
int seq_write(struct seq_file *m, const void *data, size_t len);
/* Spaces up to column `col` of the current line, then c (if not 0). */
void seq_pad(struct seq_file *m, unsigned int col, char c);

static inline bool seq_has_overflowed(const struct seq_file *m)
{
	return m->count == m->size;
}

/*
 * Runs show(m, v) with m->private = priv into a kmalloc'd buffer that grows
 * until the text fits; the text (not NUL-terminated) and its length, or an
 * ERR_PTR: show()'s negative return, or -ENOMEM.  kfree() it after.
 */
/* The most text one rendering may hold; more is -ENOMEM. */
#define SEQ_MAX_SIZE	(64 * PAGE_SIZE)

char *seq_render(int (*show)(struct seq_file *m, void *v), void *priv, size_t *len);

#endif
