/*
 * kernel/printk.c - printk(): format, keep in the log buffer, send to consoles.
 *
 * A message may begin with a level marker (KERN_INFO ...).  Every message is
 * appended to log_buf (kernel/log_buf.c; in GDB: x/s log_buf); those more urgent
 * than console_loglevel are also written to the registered consoles.
 * Linux: kernel/printk/printk.c (much more: records, ratelimits, SMP).
 */
#include <kernel/printk.h>
#include <kernel/string.h>
#include <kernel/time.h>
#include <kernel/param.h>
#include <kernel/errno.h>

int console_loglevel = CONSOLE_LOGLEVEL_DEFAULT;
bool printk_time;

#define MAX_CONSOLES 4
static struct console *consoles[MAX_CONSOLES];
static bool at_line_start = true;
static int cont_level = LOGLEVEL_DEFAULT;

void register_console(struct console *con)
{
	for (int i = 0; i < MAX_CONSOLES; i++) {
		if (!consoles[i]) {
			consoles[i] = con;
			return;
		}
	}
}

void unregister_console(struct console *con)
{
	for (int i = 0; i < MAX_CONSOLES; i++)
		if (consoles[i] == con)
			consoles[i] = NULL;
}

static void emit(const char *s, size_t n, int level)
{
	log_store(s, n);
	if (level >= console_loglevel)
		return;
	for (int i = 0; i < MAX_CONSOLES; i++)
		if (consoles[i])
			consoles[i]->write(s, n);
}

/* Strips a KERN_<level> marker; returns the level (or -1 for KERN_CONT). */
static const char *parse_level(const char *s, int *level)
{
	*level = LOGLEVEL_DEFAULT;
	if (s[0] == KERN_SOH[0] && s[1]) {
		*level = (s[1] == 'c') ? -1 : s[1] - '0';
		return s + 2;
	}
	return s;
}

int vprintk(const char *fmt, va_list args)
{
	char buf[1024], stamp[32];
	const char *text;
	int level, n;

	n = vsnprintf(buf, sizeof(buf), fmt, args);
	if (n >= (int)sizeof(buf))
		n = sizeof(buf) - 1;
	text = parse_level(buf, &level);
	n -= text - buf;
	if (level < 0)
		level = cont_level;
	else if (!at_line_start)	/* a new message ends an unfinished line */
		emit("\n", 1, cont_level), at_line_start = true;
	cont_level = level;

	while (n > 0) {
		const char *p;
		size_t len;

		for (p = text; p < text + n && *p != '\n'; p++)
			;
		len = p - text + (p < text + n);	/* include the newline */
		if (at_line_start && printk_time) {
			u64 ns = local_clock();
			int sl = snprintf(stamp, sizeof(stamp), "[%5lu.%06lu] ",
					  (unsigned long)(ns / NSEC_PER_SEC),
					  (unsigned long)(ns % NSEC_PER_SEC / 1000));
			emit(stamp, sl, level);
		}
		emit(text, len, level);
		at_line_start = (text[len - 1] == '\n');
		text += len;
		n -= len;
	}
	return (int)(text - buf);
}

/*
 * Bytes a user program writes to the console: no time stamp, shown
 * whatever loglevel= says (level 0).  Linux: the tty layer, not printk.
 */
void console_write(const char *s, size_t n)
{
	if (!n)
		return;
	emit(s, n, 0);
	at_line_start = s[n - 1] == '\n';
	cont_level = LOGLEVEL_DEFAULT;
}

int printk(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vprintk(fmt, ap);
	va_end(ap);
	return n;
}

static int __init set_loglevel(char *val)
{
	long v;

	if (kstrtol(val, 0, &v) || v < 0 || v > 8)
		return -EINVAL;
	console_loglevel = (int)v;
	return 0;
}
__setup("loglevel", set_loglevel);

static int __init set_printk_time(char *val)
{
	return kstrtobool(val, &printk_time);
}
__setup("printk.time", set_printk_time);
