/*
 * tests/tty_kunit.c - /dev/console's line discipline (drivers/tty.c):
 * characters fed with tty_receive_buf(), as the UART would give them, and
 * read back through the VFS.  The echo goes to the console, so every typed
 * line starts with "# " and reads as a KTAP diagnostic.  Kernel build only.
 */
#include <kunit/test.h>
#include <kernel/fs.h>
#include <kernel/string.h>
#include <kernel/errno.h>
#include <drivers/tty.h>
#include <mm/slab.h>

static struct file *console;
static unsigned long slab_before;

static int tty_case_init(struct kunit *test)
{
	slab_before = kmalloc_live_objects();
	console = filp_open("/dev/console", O_RDWR, 0);
	return IS_ERR(console) ? PTR_ERR(console) : 0;
}

static void tty_case_exit(struct kunit *test)
{
	fput(console);
	KUNIT_EXPECT_EQ(test, kmalloc_live_objects(), slab_before);
}

/* Reads up to n bytes into buf (NUL-terminated): the count. */
static long tty_read(char *buf, size_t n)
{
	loff_t pos = 0;
	long got = kernel_read(console, buf, n, &pos);

	buf[got > 0 ? got : 0] = 0;
	return got;
}

#define TYPE(s)	tty_receive_buf(s, sizeof(s) - 1)

/* Erase (DEL or ^H) takes back one character; CR ends the line as '\n'. */
static void erase_and_enter(struct kunit *test)
{
	char buf[32];

	TYPE("# ab\x7f" "c\bd\r");
	KUNIT_EXPECT_EQ(test, tty_read(buf, sizeof(buf) - 1), 5);
	KUNIT_EXPECT_STREQ(test, buf, "# ad\n");
}

/* A line is handed out over as many reads as the reader needs. */
static void line_in_pieces(struct kunit *test)
{
	char buf[32];

	TYPE("# hello\n");
	KUNIT_EXPECT_EQ(test, tty_read(buf, 3), 3);
	KUNIT_EXPECT_STREQ(test, buf, "# h");
	KUNIT_EXPECT_EQ(test, tty_read(buf, sizeof(buf) - 1), 5);
	KUNIT_EXPECT_STREQ(test, buf, "ello\n");
}

/* ^D alone is the end of file; after text it ends the line without '\n'. */
static void ctrl_d(struct kunit *test)
{
	char buf[32];

	TYPE("\x04");
	KUNIT_EXPECT_EQ(test, tty_read(buf, sizeof(buf) - 1), 0);
	TYPE("# xy\x04");
	KUNIT_EXPECT_EQ(test, tty_read(buf, sizeof(buf) - 1), 4);
	KUNIT_EXPECT_STREQ(test, buf, "# xy");
	TYPE("\n");		/* the echo's line ends */
	KUNIT_EXPECT_EQ(test, tty_read(buf, sizeof(buf) - 1), 1);
}

/* Erasing an empty line does nothing; a read of 0 bytes does not wait. */
static void erase_empty_and_zero_read(struct kunit *test)
{
	char buf[32];

	KUNIT_EXPECT_EQ(test, tty_read(buf, 0), 0);
	TYPE("\x7f\x7f# q\n");
	KUNIT_EXPECT_EQ(test, tty_read(buf, sizeof(buf) - 1), 4);
	KUNIT_EXPECT_STREQ(test, buf, "# q\n");
}

/* Writes go to the console whole; lseek is -ESPIPE (no llseek). */
static void write_and_seek(struct kunit *test)
{
	loff_t pos = 0;

	KUNIT_EXPECT_EQ(test, kernel_write(console, "# tty write\n", 12, &pos), 12);
	KUNIT_EXPECT_EQ(test, vfs_llseek(console, 0, SEEK_SET), -ESPIPE);
	KUNIT_EXPECT_EQ(test, vfs_ioctl(console, 0x5401, 0), -ENOTTY);
}

static struct kunit_case tty_cases[] = {
	KUNIT_CASE(erase_and_enter),
	KUNIT_CASE(line_in_pieces),
	KUNIT_CASE(ctrl_d),
	KUNIT_CASE(erase_empty_and_zero_read),
	KUNIT_CASE(write_and_seek),
	{}
};

static struct kunit_suite tty_suite = {
	.name = "tty",
	.init = tty_case_init,
	.exit = tty_case_exit,
	.test_cases = tty_cases,
};
kunit_test_suite(tty_suite);
