/*
 * drivers/tty.c - /dev/console (5:1) and /dev/tty (5:0): the serial port
 * as a cooked terminal, and init's file descriptors 0, 1 and 2.
 *
 * A write goes to the console (the log and the serial port, as printk's
 * user-level output).  A read collects one line from the serial port as
 * Linux's canonical-mode line discipline does: each byte is echoed,
 * backspace (DEL or ^H) erases the last one, Enter (CR or LF) ends the line
 * and the line is handed out, '\n' included, over one or more reads; ^D on
 * an empty line is the end of file (read returns 0).  With nothing typed a
 * read waits by polling the UART and calling schedule() between polls, so
 * other runnable tasks go on (no UART interrupt yet: Linux sleeps on the
 * tty's wait queue until the interrupt brings a byte).  Linux: drivers/tty/tty_io.c, drivers/tty/n_tty.c,
 * init/main.c (console_on_rootfs).
 */
#include <kernel/fs.h>
#include <kernel/fdtable.h>
#include <kernel/sched.h>
#include <kernel/printk.h>
#include <kernel/errno.h>
#include <kernel/uio.h>
#include <drivers/serial.h>

#define TTYAUX_MAJOR	5	/* Linux: include/uapi/linux/major.h */
#define N_TTY_BUF_SIZE	4096	/* Linux's line length limit in canonical mode */
#define CTRL_D		0x04

/* The line being typed, then being read: [head, len) is left to hand out. */
static struct {
	char buf[N_TTY_BUF_SIZE];
	size_t len, head;
	bool ready;			/* Enter or ^D ended it */
} line;

static void echo(const char *s, size_t n)
{
	console_write(s, n);
}

/* Linux: n_tty_receive_char() for the few characters mmlab cooks. */
static void receive_char(char c)
{
	if (c == '\r')
		c = '\n';			/* ICRNL */
	if (c == 0x7f || c == '\b') {		/* VERASE */
		if (line.len) {
			line.len--;
			echo("\b \b", 3);
		}
		return;
	}
	if (c == CTRL_D) {			/* VEOF: the line so far, no '\n' */
		line.ready = true;
		return;
	}
	if (line.len == N_TTY_BUF_SIZE - 1 && c != '\n')
		return;				/* full: only Enter still fits */
	line.buf[line.len++] = c;
	echo(&c, 1);
	line.ready = c == '\n';
}

/* Bytes from the line (the UART, or a test): Linux's n_tty_receive_buf. */
void tty_receive_buf(const char *cp, size_t count)
{
	for (size_t i = 0; i < count && !line.ready; i++)
		receive_char(cp[i]);
}

/* Polls the UART until a line is complete (no UART interrupt yet), yielding meanwhile. */
static void wait_for_line(void)
{
	while (!line.ready) {
		int c = serial_getc();

		char ch = (char)c;

		if (c < 0)
			schedule();	/* nothing typed: let another runnable task run */
		else
			tty_receive_buf(&ch, 1);
	}
}

static ssize_t tty_read(struct file *file, struct iov_iter *to, loff_t *pos)
{
	size_t n, copied;

	if (!iov_iter_count(to))
		return 0;
	wait_for_line();
	n = min(line.len - line.head, iov_iter_count(to));
	copied = copy_to_iter(line.buf + line.head, n, to);
	line.head += copied;
	if (line.head == line.len)
		line = (typeof(line)){ .len = 0 };
	return copied || !n ? (ssize_t)copied : -EFAULT;
}

/* Copies in pieces; a fault part-way returns what was written, as Linux's tty_write. */
static ssize_t tty_write(struct file *file, struct iov_iter *from, loff_t *pos)
{
	size_t done = 0;

	while (iov_iter_count(from)) {
		char chunk[128];
		size_t n = min(iov_iter_count(from), sizeof(chunk));
		size_t got = copy_from_iter(chunk, n, from);

		console_write(chunk, got);
		done += got;
		if (got < n)
			return done ? (ssize_t)done : -EFAULT;
	}
	return done;
}

static const struct file_operations tty_fops = {
	.open = nonseekable_open,	/* Linux's tty_open calls it */
	.read_iter = tty_read,
	.write_iter = tty_write,
};

/*
 * Registers 5:0 and 5:1, then opens /dev/console three times for init_task
 * (Linux: console_on_rootfs).  An initramfs without the node gets one, as
 * Linux's built-in default initramfs has (usr/default_cpio_list).
 */
int tty_init(void)
{
	struct files_struct *files = files_alloc();
	int err = __register_chrdev(TTYAUX_MAJOR, 0, 2, "tty", &tty_fops);
	struct file *f;

	if (!files)
		return -ENOMEM;
	init_task.files = files;
	if (err < 0)
		return err;
	vfs_mkdir("/dev", 0755);
	vfs_mknod("/dev/console", S_IFCHR | 0600, MKDEV(TTYAUX_MAJOR, 1));
	f = filp_open("/dev/console", O_RDWR, 0);
	if (IS_ERR(f)) {
		pr_warn("Warning: unable to open an initial console.\n");
		return PTR_ERR(f);
	}
	for (int fd = 0; fd < 3; fd++) {
		int n = get_unused_fd_flags(files, 0);

		if (n >= 0)
			fd_install(files, n, fd ? get_file(f) : f);
	}
	return 0;
}
