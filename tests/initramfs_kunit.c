/*
 * tests/initramfs_kunit.c - unpacking cpio newc archives built here.
 *
 * A good archive (directories, a file spanning pages, a symlink, a device
 * node) lands in the file system with its modes and bytes; two archives
 * with zeros between them both unpack; and every malformed one is refused
 * with a message and no out-of-bounds read: each truncation of a small
 * archive, wrong magic, a non-hex field, a name size past the end or over
 * PATH_MAX, a name without its NUL, file data past the end.  (Under the
 * host build's ASan an over-read would stop the run.)
 */
#include "fs_check.h"
#include <kernel/initrd.h>
#include <kernel/printk.h>

#define ARCHIVE_MAX	16384

struct cpio {
	char *buf;
	unsigned long len;
};

/* Appends one entry; namesize and filesize may be forced (-1: the real ones). */
static void cpio_entry_raw(struct cpio *c, const char *name, unsigned long mode,
			   const void *data, unsigned long len, unsigned int rmaj,
			   unsigned int rmin, long namesize, long filesize)
{
	unsigned long nlen = strlen(name) + 1;

	c->len += snprintf(c->buf + c->len, ARCHIVE_MAX - c->len,
			   "070701%08X%08lX%08X%08X%08X%08X%08lX%08X%08X%08X%08X%08lX%08X",
			   1, mode, 0, 0, 1, 0, filesize < 0 ? len : (unsigned long)filesize,
			   0, 0, rmaj, rmin, namesize < 0 ? nlen : (unsigned long)namesize, 0);
	memcpy(c->buf + c->len, name, nlen);
	c->len = ALIGN(c->len + nlen, 4);
	if (len)
		memcpy(c->buf + c->len, data, len);
	c->len = ALIGN(c->len + len, 4);
}

static void cpio_entry(struct cpio *c, const char *name, unsigned long mode,
		       const void *data, unsigned long len)
{
	cpio_entry_raw(c, name, mode, data, len, 0, 0, -1, -1);
}

static void cpio_trailer(struct cpio *c)
{
	cpio_entry(c, "TRAILER!!!", 0, NULL, 0);
}

static struct cpio *cpio_new(struct kunit *test)
{
	static struct cpio c;

	c.buf = kzalloc(ARCHIVE_MAX, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, c.buf);
	c.len = 0;
	return &c;
}

static void cpio_free(struct cpio *c)
{
	kfree(c->buf);
}

static void unpack_good_archive(struct kunit *test)
{
	struct cpio *c = cpio_new(test);
	static char data[3 * 4096 + 123], back[sizeof(data)];
	char link[64] = { 0 };
	struct dentry *d;

	for (unsigned int i = 0; i < sizeof(data); i++)
		data[i] = i * 7 + 3;
	cpio_entry(c, "bin", S_IFDIR | 0755, NULL, 0);
	cpio_entry(c, "bin/prog", S_IFREG | 0751, data, sizeof(data));
	cpio_entry(c, "tmp", S_IFDIR | 01777, NULL, 0);
	cpio_entry(c, "dev", S_IFDIR | 0755, NULL, 0);
	cpio_entry_raw(c, "dev/null", S_IFCHR | 0666, NULL, 0, 1, 3, -1, -1);
	cpio_entry(c, "bin/sh", S_IFLNK | 0777, "prog", 4);
	cpio_entry(c, "empty", S_IFREG | 0600, NULL, 0);
	cpio_trailer(c);
	KUNIT_EXPECT_NULL(test, unpack_to_rootfs(c->buf, c->len));

	KUNIT_EXPECT_EQ(test, fs_read_file("/bin/prog", back, sizeof(back)), (long)sizeof(data));
	KUNIT_EXPECT_MEMEQ(test, back, data, sizeof(data));
	KUNIT_EXPECT_EQ(test, fs_read_file("/bin/sh", back, sizeof(back)), (long)sizeof(data));
	KUNIT_EXPECT_EQ(test, fs_read_file("/empty", back, sizeof(back)), 0L);
	KUNIT_ASSERT_EQ(test, kern_path("/tmp", 0, &d), 0);
	KUNIT_EXPECT_EQ(test, d->d_inode->i_mode, S_IFDIR | 01777);	/* no umask applied */
	dput(d);
	KUNIT_ASSERT_EQ(test, kern_path("/bin/prog", 0, &d), 0);
	KUNIT_EXPECT_EQ(test, d->d_inode->i_mode, S_IFREG | 0751);
	dput(d);
	KUNIT_ASSERT_EQ(test, kern_path("/dev/null", 0, &d), 0);
	KUNIT_EXPECT_EQ(test, d->d_inode->i_rdev, MKDEV(1, 3));
	dput(d);
	KUNIT_ASSERT_EQ(test, kern_path("/bin/sh", 0, &d), 0);	/* not followed */
	KUNIT_EXPECT_TRUE(test, S_ISLNK(d->d_inode->i_mode));
	memcpy(link, d->d_inode->i_link, 4);
	KUNIT_EXPECT_STREQ(test, link, "prog");
	dput(d);
	cpio_free(c);
}

/* Linux unpacks archive after archive, skipping zero bytes between them. */
static void unpack_two_archives(struct kunit *test)
{
	struct cpio *c = cpio_new(test);

	cpio_entry(c, "a", S_IFREG | 0644, "first", 5);
	cpio_trailer(c);
	c->len += 8;				/* zeros (kzalloc'd) */
	cpio_entry(c, "b", S_IFREG | 0644, "second", 6);
	cpio_trailer(c);
	KUNIT_EXPECT_NULL(test, unpack_to_rootfs(c->buf, c->len));
	KUNIT_EXPECT_EQ(test, fs_lookup("/a", 0), 0);
	KUNIT_EXPECT_EQ(test, fs_lookup("/b", 0), 0);
	KUNIT_EXPECT_NULL(test, unpack_to_rootfs(c->buf, 0));	/* nothing: fine */
	cpio_free(c);
}

/* Every proper prefix of an archive is refused (and never read past). */
static void unpack_every_truncation(struct kunit *test)
{
	struct cpio *c = cpio_new(test);
	unsigned long full;

	cpio_entry(c, "d", S_IFDIR | 0755, NULL, 0);
	cpio_entry(c, "d/f", S_IFREG | 0644, "0123456789", 10);
	cpio_entry(c, "d/l", S_IFLNK | 0777, "f", 1);
	cpio_trailer(c);
	full = c->len;
	for (unsigned long len = 1; len < full; len++) {
		/* a copy of exactly len bytes, so ASan sees any read past it */
		char *cut = kmalloc(len, GFP_KERNEL);

		KUNIT_ASSERT_NOT_NULL(test, cut);
		memcpy(cut, c->buf, len);
		if (!unpack_to_rootfs(cut, len))
			KUNIT_FAIL(test, "a %lu-byte prefix of %lu was accepted", len, full);
		kfree(cut);
	}
	cpio_free(c);
}

static void expect_refused(struct kunit *test, struct cpio *c, const char *msg)
{
	const char *got = unpack_to_rootfs(c->buf, c->len);

	KUNIT_ASSERT_NOT_NULL(test, got);
	KUNIT_EXPECT_STREQ(test, got, msg);
	c->len = 0;
	memset(c->buf, 0, ARCHIVE_MAX);
}

static void unpack_malformed(struct kunit *test)
{
	struct cpio *c = cpio_new(test);

	cpio_entry(c, "a", S_IFREG | 0644, "x", 1);
	memcpy(c->buf, "070707", 6);
	expect_refused(test, c, "incorrect cpio method used: use -H newc option");
	cpio_entry(c, "a", S_IFREG | 0644, "x", 1);
	memcpy(c->buf, "07070X", 6);
	expect_refused(test, c, "no cpio magic");
	cpio_entry(c, "a", S_IFREG | 0644, "x", 1);
	c->buf[6 + 8 * 6 + 3] = 'g';				/* in filesize */
	expect_refused(test, c, "header field is not hexadecimal");
	cpio_entry_raw(c, "a", S_IFREG | 0644, "x", 1, 0, 0, 0xffffffff, -1);
	expect_refused(test, c, "name size is 0 or over PATH_MAX");
	cpio_entry_raw(c, "a", S_IFREG | 0644, "x", 1, 0, 0, 0, -1);
	expect_refused(test, c, "name size is 0 or over PATH_MAX");
	cpio_entry_raw(c, "a", S_IFREG | 0644, "x", 1, 0, 0, 4000, -1);
	expect_refused(test, c, "truncated archive (in a name)");
	cpio_entry_raw(c, "abc", S_IFREG | 0644, "x", 1, 0, 0, 2, -1);	/* "ab" has no NUL */
	expect_refused(test, c, "name is not NUL-terminated where its size says");
	cpio_entry_raw(c, "a", S_IFREG | 0644, "x", 1, 0, 0, -1, 0x7fffffff);
	expect_refused(test, c, "truncated archive (in file data)");
	cpio_entry_raw(c, "a", S_IFREG | 0644, "x", 1, 0, 0, -1, 0xffffffff);
	expect_refused(test, c, "truncated archive (in file data)");
	cpio_entry(c, "a", S_IFREG | 0644, "x", 1);
	expect_refused(test, c, "archive ends without TRAILER!!!");
	KUNIT_EXPECT_EQ(test, fs_lookup("/a", 0), 0);	/* entries before the error stay */
	cpio_free(c);
}

/* Entries whose parent is missing are skipped (with a warning), as Linux does. */
static void unpack_missing_parent(struct kunit *test)
{
	struct cpio *c = cpio_new(test);

	cpio_entry(c, "no/such/file", S_IFREG | 0644, "x", 1);
	cpio_entry(c, "fifo", S_IFIFO | 0644, NULL, 0);
	cpio_trailer(c);
	KUNIT_EXPECT_NULL(test, unpack_to_rootfs(c->buf, c->len));
	KUNIT_EXPECT_EQ(test, fs_lookup("/no", 0), -ENOENT);
	KUNIT_EXPECT_EQ(test, fs_lookup("/fifo", 0), -ENOENT);
	cpio_free(c);
}

static struct kunit_case initramfs_cases[] = {
	KUNIT_CASE(unpack_good_archive),
	KUNIT_CASE(unpack_two_archives),
	KUNIT_CASE(unpack_every_truncation),
	KUNIT_CASE(unpack_malformed),
	KUNIT_CASE(unpack_missing_parent),
	{}
};

static struct kunit_suite initramfs_suite = {
	.name = "initramfs",
	.init = fs_case_init,
	.exit = fs_case_exit,
	.test_cases = initramfs_cases,
};
kunit_test_suite(initramfs_suite);
