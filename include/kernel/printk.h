/*
 * include/kernel/printk.h - printk, log levels and the formatting routines.
 *
 * As in Linux, a message may start with a level marker (KERN_ERR "...").
 * Messages below the console level (loglevel=, default 7: everything but
 * debug) go to the serial console; all of them go to the log buffer that
 * GDB can read (log_buf).
 */
#ifndef _KERNEL_PRINTK_H
#define _KERNEL_PRINTK_H

#include <stdarg.h>
#include <kernel/types.h>
#include <kernel/compiler.h>

#define KERN_SOH	"\001"
#define KERN_EMERG	KERN_SOH "0"
#define KERN_ALERT	KERN_SOH "1"
#define KERN_CRIT	KERN_SOH "2"
#define KERN_ERR	KERN_SOH "3"
#define KERN_WARNING	KERN_SOH "4"
#define KERN_NOTICE	KERN_SOH "5"
#define KERN_INFO	KERN_SOH "6"
#define KERN_DEBUG	KERN_SOH "7"
#define KERN_CONT	KERN_SOH "c"

#define LOGLEVEL_DEFAULT	4	/* level of a message without a marker */
#define CONSOLE_LOGLEVEL_DEFAULT 7

int printk(const char *fmt, ...) __printf(1, 2);
int vprintk(const char *fmt, va_list args);

#define pr_emerg(fmt, ...)	printk(KERN_EMERG fmt, ##__VA_ARGS__)
#define pr_err(fmt, ...)	printk(KERN_ERR fmt, ##__VA_ARGS__)
#define pr_warn(fmt, ...)	printk(KERN_WARNING fmt, ##__VA_ARGS__)
#define pr_notice(fmt, ...)	printk(KERN_NOTICE fmt, ##__VA_ARGS__)
#define pr_info(fmt, ...)	printk(KERN_INFO fmt, ##__VA_ARGS__)
#define pr_debug(fmt, ...)	printk(KERN_DEBUG fmt, ##__VA_ARGS__)
#define pr_cont(fmt, ...)	printk(KERN_CONT fmt, ##__VA_ARGS__)

#define pr_warn_once(fmt, ...) ({			\
	static bool __warned;				\
	if (!__warned) {				\
		__warned = true;			\
		pr_warn(fmt, ##__VA_ARGS__);		\
	}						\
})

/* Formatting: %d %i %u %x %X %o %c %s %p %% with l/ll/z/h, width, '-', '0'. */
int vsnprintf(char *buf, size_t size, const char *fmt, va_list args);
int snprintf(char *buf, size_t size, const char *fmt, ...) __printf(3, 4);
int scnprintf(char *buf, size_t size, const char *fmt, ...) __printf(3, 4);
int sprintf(char *buf, const char *fmt, ...) __printf(2, 3);

/* Where console output goes; the serial driver registers itself. */
struct console {
	const char *name;
	void (*write)(const char *s, size_t n);
};
void register_console(struct console *con);
/* Raw bytes to the log and the consoles (a user program's write(1, ...)). */
void console_write(const char *s, size_t n);
void unregister_console(struct console *con);

extern int console_loglevel;
extern bool printk_time;

/* The log buffer (kernel/log_buf.c), for GDB and tests. */
#define LOG_BUF_LEN	(64 * 1024)
extern char log_buf[LOG_BUF_LEN];
extern size_t log_next;		/* bytes written so far (wraps in log_buf) */
/* Appends to the log (printk does; so does the host build's stand-in). */
void log_store(const char *s, size_t n);
/* Copies what was logged since position `from` (NUL-terminated); returns its length. */
size_t log_read(size_t from, char *buf, size_t size);

#endif
