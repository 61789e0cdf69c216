/*
 * tests/vfs_kunit.c - the VFS and ramfs against Linux's errnos and layouts.
 *
 * Path lookup (., .., symlinks, -ENOENT/-ENOTDIR/-ENAMETOOLONG/-ELOOP),
 * open's flags (O_CREAT, O_EXCL, O_TRUNC, O_APPEND, O_DIRECTORY,
 * O_NOFOLLOW), read/write/lseek errnos, a file spanning pages with holes,
 * getdents64's record layout byte for byte, struct stat's layout, the
 * character devices, unlink of an open file, and user buffers (a bad one
 * is -EFAULT).  Each case has its own empty root (fs_check.h) and must
 * give back every page and kmalloc object.
 */
#include "fs_check.h"
#include <kernel/uio.h>
#include <mm/uaccess.h>

static struct file *open_ok(struct kunit *test, const char *path, int flags)
{
	struct file *f = filp_open(path, flags, 0644);

	KUNIT_ASSERT_FALSE(test, IS_ERR(f));
	return f;
}

static long open_err(const char *path, int flags)
{
	struct file *f = filp_open(path, flags, 0644);

	if (IS_ERR(f))
		return PTR_ERR(f);
	fput(f);
	return 0;
}

static void lookup_errnos(struct kunit *test)
{
	static char longpath[PATH_MAX + 1];
	char name[NAME_MAX + 2];

	KUNIT_ASSERT_EQ(test, vfs_mkdir("/d", 0755), 0);
	KUNIT_ASSERT_EQ(test, fs_write_file("/d/f", "x", 1), 1L);
	KUNIT_EXPECT_EQ(test, fs_lookup("/", 0), 0);
	KUNIT_EXPECT_EQ(test, fs_lookup("/d/./../d//f", 0), 0);
	KUNIT_EXPECT_EQ(test, fs_lookup("/../../d", 0), 0);	/* the root is its own parent */
	KUNIT_EXPECT_EQ(test, fs_lookup("d/f", 0), 0);		/* relative to pwd, the root */
	KUNIT_EXPECT_EQ(test, fs_lookup("", 0), -ENOENT);
	KUNIT_EXPECT_EQ(test, fs_lookup("/nope", 0), -ENOENT);
	KUNIT_EXPECT_EQ(test, fs_lookup("/nope/f", 0), -ENOENT);
	KUNIT_EXPECT_EQ(test, fs_lookup("/d/f/x", 0), -ENOTDIR);
	KUNIT_EXPECT_EQ(test, fs_lookup("/d/f/", 0), -ENOTDIR);
	KUNIT_EXPECT_EQ(test, fs_lookup("/d/f", LOOKUP_DIRECTORY), -ENOTDIR);
	KUNIT_EXPECT_EQ(test, fs_lookup("/d/", 0), 0);
	memset(name, 'n', sizeof(name) - 1);
	name[sizeof(name) - 1] = '\0';				/* NAME_MAX + 1 bytes */
	KUNIT_EXPECT_EQ(test, fs_lookup(name, 0), -ENAMETOOLONG);
	name[NAME_MAX] = '\0';					/* NAME_MAX: fine, absent */
	KUNIT_EXPECT_EQ(test, fs_lookup(name, 0), -ENOENT);
	for (int i = 0; i < PATH_MAX; i += 2)
		memcpy(longpath + i, "/.", 2);
	KUNIT_EXPECT_EQ(test, fs_lookup(longpath, 0), -ENAMETOOLONG);	/* PATH_MAX bytes */
	longpath[PATH_MAX - 1] = '\0';
	KUNIT_EXPECT_EQ(test, fs_lookup(longpath, 0), 0);		/* PATH_MAX - 1: fine */
}

static void symlinks(struct kunit *test)
{
	struct dentry *d;

	KUNIT_ASSERT_EQ(test, vfs_mkdir("/d", 0755), 0);
	KUNIT_ASSERT_EQ(test, fs_write_file("/d/f", "data", 4), 4L);
	KUNIT_ASSERT_EQ(test, vfs_symlink("f", "/d/rel"), 0);
	KUNIT_ASSERT_EQ(test, vfs_symlink("/d", "/abs"), 0);
	KUNIT_ASSERT_EQ(test, vfs_symlink("loop2", "/loop1"), 0);
	KUNIT_ASSERT_EQ(test, vfs_symlink("loop1", "/loop2"), 0);
	KUNIT_ASSERT_EQ(test, vfs_symlink("nowhere", "/dangling"), 0);
	KUNIT_ASSERT_EQ(test, kern_path("/abs/rel", LOOKUP_FOLLOW, &d), 0);
	KUNIT_EXPECT_TRUE(test, S_ISREG(d->d_inode->i_mode));
	KUNIT_EXPECT_EQ(test, d->d_inode->i_size, 4);
	dput(d);
	KUNIT_EXPECT_EQ(test, fs_lookup("/abs/", 0), 0);	/* a trailing slash follows */
	KUNIT_EXPECT_EQ(test, fs_lookup("/loop1", LOOKUP_FOLLOW), -ELOOP);
	KUNIT_EXPECT_EQ(test, fs_lookup("/loop1", 0), 0);
	KUNIT_EXPECT_EQ(test, fs_lookup("/loop1/x", 0), -ELOOP);
	KUNIT_EXPECT_EQ(test, fs_lookup("/dangling", LOOKUP_FOLLOW), -ENOENT);
	KUNIT_EXPECT_EQ(test, open_err("/d/rel", O_RDONLY | O_NOFOLLOW), -ELOOP);
	KUNIT_EXPECT_EQ(test, open_err("/d/rel", O_RDONLY), 0);
	KUNIT_EXPECT_EQ(test, open_err("/d/rel", O_CREAT | O_EXCL | O_WRONLY), -EEXIST);
	KUNIT_EXPECT_EQ(test, vfs_symlink("", "/empty"), -ENOENT);
}

/*
 * A chain of 40 symlinks resolves, 41 is -ELOOP (Linux's MAXSYMLINKS); links
 * nested inside targets resolve 8 deep, 9 is -ELOOP (mmlab's cap: Linux
 * follows these up to 40 as well).
 */
static void symlink_limits(struct kunit *test)
{
	char name[16], target[16];

	KUNIT_ASSERT_EQ(test, vfs_mkdir("/d", 0755), 0);
	KUNIT_ASSERT_EQ(test, fs_write_file("/d/f", "x", 1), 1L);
	for (int i = 0; i <= 40; i++) {
		snprintf(name, sizeof(name), "/c%d", i);
		snprintf(target, sizeof(target), i == 40 ? "d/f" : "c%d", i + 1);
		KUNIT_ASSERT_EQ(test, vfs_symlink(target, name), 0);
	}
	KUNIT_EXPECT_EQ(test, fs_lookup("/c1", LOOKUP_FOLLOW), 0);	/* 40 links */
	KUNIT_EXPECT_EQ(test, fs_lookup("/c0", LOOKUP_FOLLOW), -ELOOP);	/* 41 */
	for (int i = 0; i <= 8; i++) {
		snprintf(name, sizeof(name), "/n%d", i);
		snprintf(target, sizeof(target), i == 8 ? "d" : "n%d/.", i + 1);
		KUNIT_ASSERT_EQ(test, vfs_symlink(target, name), 0);
	}
	KUNIT_EXPECT_EQ(test, fs_lookup("/n1/f", 0), 0);		/* 8 nested */
	KUNIT_EXPECT_EQ(test, fs_lookup("/n0/f", 0), -ELOOP);		/* 9 nested */
}

static void open_flags(struct kunit *test)
{
	char buf[16] = { 0 };
	struct file *f;
	loff_t pos = 0;

	KUNIT_ASSERT_EQ(test, vfs_mkdir("/d", 0755), 0);
	KUNIT_EXPECT_EQ(test, open_err("/f", O_RDONLY), -ENOENT);
	KUNIT_EXPECT_EQ(test, open_err("/f", O_CREAT | O_EXCL | O_WRONLY), 0);
	KUNIT_EXPECT_EQ(test, open_err("/f", O_CREAT | O_EXCL | O_WRONLY), -EEXIST);
	KUNIT_EXPECT_EQ(test, open_err("/f", O_CREAT | O_WRONLY), 0);
	KUNIT_EXPECT_EQ(test, open_err("/f", O_DIRECTORY), -ENOTDIR);
	KUNIT_EXPECT_EQ(test, open_err("/d", O_DIRECTORY), 0);
	KUNIT_EXPECT_EQ(test, open_err("/d", O_RDONLY), 0);
	KUNIT_EXPECT_EQ(test, open_err("/d", O_WRONLY), -EISDIR);
	KUNIT_EXPECT_EQ(test, open_err("/d", O_RDWR), -EISDIR);
	KUNIT_EXPECT_EQ(test, open_err("/d", O_RDONLY | O_TRUNC), -EISDIR);
	KUNIT_EXPECT_EQ(test, open_err("/d", O_CREAT | O_RDONLY), -EISDIR);
	KUNIT_EXPECT_EQ(test, open_err("/", O_CREAT | O_RDONLY), -EISDIR);
	KUNIT_EXPECT_EQ(test, open_err("/d/new/", O_CREAT | O_WRONLY), -EISDIR);
	KUNIT_EXPECT_EQ(test, open_err("/none/new", O_CREAT | O_WRONLY), -ENOENT);
	KUNIT_EXPECT_EQ(test, open_err("/f/new", O_CREAT | O_WRONLY), -ENOTDIR);
	KUNIT_EXPECT_EQ(test, open_err("/d/t", O_TMPFILE | O_RDWR), -EOPNOTSUPP);

	KUNIT_ASSERT_EQ(test, fs_write_file("/f", "hello", 5), 5L);
	f = open_ok(test, "/f", O_WRONLY | O_APPEND);
	KUNIT_EXPECT_EQ(test, kernel_write(f, " world", 6, &pos), 6L);	/* pos 0 ignored */
	KUNIT_EXPECT_EQ(test, pos, 11);
	fput(f);
	KUNIT_EXPECT_EQ(test, fs_read_file("/f", buf, sizeof(buf)), 11L);
	KUNIT_EXPECT_STREQ(test, buf, "hello world");
	KUNIT_EXPECT_EQ(test, open_err("/f", O_RDONLY | O_TRUNC), 0);	/* O_TRUNC works read-only too */
	KUNIT_EXPECT_EQ(test, fs_read_file("/f", buf, sizeof(buf)), 0L);
	KUNIT_EXPECT_EQ(test, open_err("/f", O_WRONLY | O_NOFOLLOW), 0);	/* not a symlink: fine */
}

static void read_write_errnos(struct kunit *test)
{
	char buf[8];
	struct file *r, *w, *d;
	loff_t pos = 0;

	KUNIT_ASSERT_EQ(test, fs_write_file("/f", "abc", 3), 3L);
	r = open_ok(test, "/f", O_RDONLY);
	w = open_ok(test, "/f", O_WRONLY);
	d = open_ok(test, "/", O_RDONLY);
	KUNIT_EXPECT_EQ(test, kernel_write(r, "x", 1, &pos), -EBADF);
	KUNIT_EXPECT_EQ(test, kernel_read(w, buf, 1, &pos), -EBADF);
	KUNIT_EXPECT_EQ(test, kernel_read(d, buf, 1, &pos), -EISDIR);
	pos = -1;
	KUNIT_EXPECT_EQ(test, kernel_read(r, buf, 1, &pos), -EINVAL);
	pos = LLONG_MAX - 2;
	KUNIT_EXPECT_EQ(test, kernel_read(r, buf, 8, &pos), -EINVAL);	/* pos + count overflows */
	pos = 0;
	KUNIT_EXPECT_EQ(test, kernel_read(r, buf, 0, &pos), 0L);
	pos = 100;
	KUNIT_EXPECT_EQ(test, kernel_read(r, buf, 8, &pos), 0L);	/* past the end */
	pos = RAMFS_MAX_FILE_SIZE;
	KUNIT_EXPECT_EQ(test, kernel_write(w, "x", 1, &pos), -EFBIG);
	pos = RAMFS_MAX_FILE_SIZE - 1;
	KUNIT_EXPECT_EQ(test, kernel_write(w, "xy", 2, &pos), 1L);	/* cut at the limit */
	KUNIT_EXPECT_EQ(test, w->f_inode->i_size, RAMFS_MAX_FILE_SIZE);
	KUNIT_EXPECT_EQ(test, vfs_llseek(r, 0, 5), -EINVAL);
	KUNIT_EXPECT_EQ(test, vfs_llseek(r, 0, -1), -EINVAL);
	KUNIT_EXPECT_EQ(test, vfs_llseek(r, -1, SEEK_SET), -EINVAL);
	KUNIT_EXPECT_EQ(test, vfs_llseek(r, 5, SEEK_SET), 5);
	KUNIT_EXPECT_EQ(test, vfs_llseek(r, -2, SEEK_CUR), 3);
	KUNIT_EXPECT_EQ(test, vfs_llseek(r, LLONG_MAX, SEEK_CUR), -EINVAL);
	KUNIT_EXPECT_EQ(test, vfs_llseek(r, -1, SEEK_END), RAMFS_MAX_FILE_SIZE - 1);
	KUNIT_EXPECT_EQ(test, vfs_llseek(r, 7, SEEK_DATA), 7);
	KUNIT_EXPECT_EQ(test, vfs_llseek(r, RAMFS_MAX_FILE_SIZE, SEEK_DATA), -ENXIO);
	KUNIT_EXPECT_EQ(test, vfs_llseek(r, 0, SEEK_HOLE), RAMFS_MAX_FILE_SIZE);
	KUNIT_EXPECT_EQ(test, vfs_llseek(d, 0, SEEK_END), -EINVAL);
	KUNIT_EXPECT_EQ(test, vfs_ioctl(r, 0x5413, 0), -ENOTTY);	/* TIOCGWINSZ on a file */
	fput(r);
	fput(w);
	fput(d);
}

/* A file spanning pages at odd offsets, a hole in the middle, truncation. */
static void large_file_pages(struct kunit *test)
{
	enum { LEN = 3 * 4096 + 100, HOLE_AT = 6 * 4096 + 5 };
	static char data[LEN], back[LEN];
	struct stat st;
	struct file *f;
	loff_t pos = 4000;

	for (int i = 0; i < LEN; i++)
		data[i] = i * 13 + 1;
	f = open_ok(test, "/big", O_RDWR | O_CREAT);
	KUNIT_EXPECT_EQ(test, kernel_write(f, data, LEN, &pos), (long)LEN);
	pos = HOLE_AT;
	KUNIT_EXPECT_EQ(test, kernel_write(f, "end", 3, &pos), 3L);
	KUNIT_EXPECT_EQ(test, f->f_inode->i_size, HOLE_AT + 3);
	pos = 4000;
	KUNIT_EXPECT_EQ(test, kernel_read(f, back, LEN, &pos), (long)LEN);
	KUNIT_EXPECT_MEMEQ(test, back, data, LEN);
	pos = 0;
	KUNIT_EXPECT_EQ(test, kernel_read(f, back, 4000, &pos), 4000L);
	KUNIT_EXPECT_NULL(test, memchr_inv(back, 0, 4000));		/* never written: zeros */
	pos = 4000 + LEN;
	KUNIT_EXPECT_EQ(test, kernel_read(f, back, HOLE_AT - pos, &pos), HOLE_AT - 4000L - LEN);
	KUNIT_EXPECT_NULL(test, memchr_inv(back, 0, HOLE_AT - 4000 - LEN));
	cp_new_stat(f->f_inode, &st);
	KUNIT_EXPECT_EQ(test, st.st_size, HOLE_AT + 3);
	KUNIT_EXPECT_EQ(test, st.st_blocks, 6 * 8);	/* pages 0-4 and 6: page 5 is a hole */
	fput(f);
	/* O_TRUNC frees the pages (the case's leak check counts them) */
	KUNIT_EXPECT_EQ(test, open_err("/big", O_WRONLY | O_TRUNC), 0);
	KUNIT_ASSERT_EQ(test, fs_write_file("/big", data, 4096 + 10), 4096 + 10L);
	f = open_ok(test, "/big", O_RDWR);
	pos = 4096 + 10;
	KUNIT_EXPECT_EQ(test, kernel_read(f, back, 100, &pos), 0L);
	fput(f);
}

struct dirent_seen {
	char name[32];
	unsigned char type;
};

/* Parses a getdents64 buffer, checking each record's layout. */
static int parse_dirents(struct kunit *test, const char *buf, long n, struct dirent_seen *seen,
			 int max, s64 *last_off)
{
	int count = 0;

	for (long off = 0; off < n && count < max; count++) {
		const struct linux_dirent64 *d = (const void *)(buf + off);
		size_t namelen = strlen(d->d_name);

		KUNIT_EXPECT_EQ(test, d->d_reclen % 8, 0);
		KUNIT_EXPECT_EQ(test, d->d_reclen, ALIGN(19 + namelen + 1, 8));
		KUNIT_EXPECT_NE(test, d->d_ino, 0);
		memcpy(seen[count].name, d->d_name, min(namelen + 1, sizeof(seen[count].name)));
		seen[count].type = d->d_type;
		*last_off = d->d_off;
		off += d->d_reclen;
	}
	return count;
}

static void getdents64_layout(struct kunit *test)
{
	static char buf[512];
	struct dirent_seen seen[8];
	struct file *dir, *f;
	s64 last = 0;
	long n;
	int got;

	KUNIT_EXPECT_EQ(test, offsetof(struct linux_dirent64, d_off), 8);
	KUNIT_EXPECT_EQ(test, offsetof(struct linux_dirent64, d_reclen), 16);
	KUNIT_EXPECT_EQ(test, offsetof(struct linux_dirent64, d_type), 18);
	KUNIT_EXPECT_EQ(test, offsetof(struct linux_dirent64, d_name), 19);
	KUNIT_ASSERT_EQ(test, vfs_mkdir("/d", 0755), 0);
	KUNIT_ASSERT_EQ(test, fs_write_file("/d/a", "", 0), 0L);
	KUNIT_ASSERT_EQ(test, vfs_mkdir("/d/sub", 0755), 0);
	KUNIT_ASSERT_EQ(test, vfs_symlink("a", "/d/link"), 0);
	KUNIT_ASSERT_EQ(test, vfs_mknod("/d/null", S_IFCHR | 0666, MKDEV(1, 3)), 0);
	dir = open_ok(test, "/d", O_RDONLY | O_DIRECTORY);

	KUNIT_EXPECT_EQ(test, vfs_getdents64(dir, buf, 10, false), -EINVAL);	/* no room for "." */
	n = vfs_getdents64(dir, buf, 24 + 24, false);	/* exactly "." and ".." */
	KUNIT_EXPECT_EQ(test, n, 48L);
	got = parse_dirents(test, buf, n, seen, 8, &last);
	KUNIT_ASSERT_EQ(test, got, 2);
	KUNIT_EXPECT_STREQ(test, seen[0].name, ".");
	KUNIT_EXPECT_STREQ(test, seen[1].name, "..");
	KUNIT_EXPECT_EQ(test, seen[1].type, DT_DIR);
	KUNIT_EXPECT_EQ(test, last, dir->f_pos);
	n = vfs_getdents64(dir, buf, sizeof(buf), false);	/* the rest, resuming */
	got = parse_dirents(test, buf, n, seen, 8, &last);
	KUNIT_ASSERT_EQ(test, got, 4);
	KUNIT_EXPECT_STREQ(test, seen[0].name, "a");
	KUNIT_EXPECT_EQ(test, seen[0].type, DT_REG);
	KUNIT_EXPECT_STREQ(test, seen[1].name, "sub");
	KUNIT_EXPECT_EQ(test, seen[1].type, DT_DIR);
	KUNIT_EXPECT_STREQ(test, seen[2].name, "link");
	KUNIT_EXPECT_EQ(test, seen[2].type, DT_LNK);
	KUNIT_EXPECT_STREQ(test, seen[3].name, "null");
	KUNIT_EXPECT_EQ(test, seen[3].type, DT_CHR);
	KUNIT_EXPECT_EQ(test, vfs_getdents64(dir, buf, sizeof(buf), false), 0L);	/* the end */
	KUNIT_EXPECT_EQ(test, vfs_llseek(dir, last - 1, SEEK_SET), last - 1);	/* back one */
	n = vfs_getdents64(dir, buf, sizeof(buf), false);
	KUNIT_EXPECT_EQ(test, parse_dirents(test, buf, n, seen, 8, &last), 1);
	KUNIT_EXPECT_STREQ(test, seen[0].name, "null");
	f = open_ok(test, "/d/a", O_RDONLY);
	KUNIT_EXPECT_EQ(test, vfs_getdents64(f, buf, sizeof(buf), false), -ENOTDIR);
	fput(f);
	fput(dir);
}

static void stat_layout(struct kunit *test)
{
	struct dentry *d;
	struct stat st;

	KUNIT_EXPECT_EQ(test, sizeof(struct stat), 144);
	KUNIT_EXPECT_EQ(test, offsetof(struct stat, st_nlink), 16);
	KUNIT_EXPECT_EQ(test, offsetof(struct stat, st_mode), 24);
	KUNIT_EXPECT_EQ(test, offsetof(struct stat, st_rdev), 40);
	KUNIT_EXPECT_EQ(test, offsetof(struct stat, st_size), 48);
	KUNIT_EXPECT_EQ(test, offsetof(struct stat, st_blocks), 64);
	KUNIT_EXPECT_EQ(test, offsetof(struct stat, st_mtime), 88);
	KUNIT_ASSERT_EQ(test, vfs_mknod("/tty", S_IFCHR | 0620, MKDEV(4, 300)), 0);
	KUNIT_ASSERT_EQ(test, kern_path("/tty", 0, &d), 0);
	cp_new_stat(d->d_inode, &st);
	KUNIT_EXPECT_EQ(test, st.st_mode, S_IFCHR | 0600);	/* umask 022 took the group's w */
	KUNIT_EXPECT_EQ(test, st.st_rdev, 0x10042cUL);	/* minor's low byte, major, minor's rest */
	KUNIT_EXPECT_EQ(test, st.st_blksize, 4096);
	dput(d);
	KUNIT_ASSERT_EQ(test, vfs_symlink("target", "/l"), 0);
	KUNIT_ASSERT_EQ(test, kern_path("/l", 0, &d), 0);
	cp_new_stat(d->d_inode, &st);
	KUNIT_EXPECT_EQ(test, st.st_size, 6);
	dput(d);
}

static ssize_t test_dev_read(struct file *file, struct iov_iter *to, loff_t *pos)
{
	return copy_to_iter("dev", 3, to);
}

static const struct file_operations test_dev_fops = { .read_iter = test_dev_read };

static void char_devices(struct kunit *test)
{
	char buf[64];
	struct file *f;
	loff_t pos = 0;
	int major;

	KUNIT_ASSERT_EQ(test, vfs_mknod("/null", S_IFCHR | 0666, MKDEV(1, 3)), 0);
	KUNIT_ASSERT_EQ(test, vfs_mknod("/zero", S_IFCHR | 0666, MKDEV(1, 5)), 0);
	KUNIT_ASSERT_EQ(test, vfs_mknod("/urandom", S_IFCHR | 0666, MKDEV(1, 9)), 0);
	KUNIT_ASSERT_EQ(test, vfs_mknod("/nodrv", S_IFCHR | 0666, MKDEV(1, 200)), 0);
	f = open_ok(test, "/null", O_RDWR);
	KUNIT_EXPECT_EQ(test, kernel_read(f, buf, sizeof(buf), &pos), 0L);
	KUNIT_EXPECT_EQ(test, kernel_write(f, buf, 1000, &pos), 1000L);
	KUNIT_EXPECT_EQ(test, vfs_llseek(f, 55, SEEK_SET), 0);
	fput(f);
	f = open_ok(test, "/zero", O_RDONLY);
	memset(buf, 1, sizeof(buf));
	KUNIT_EXPECT_EQ(test, kernel_read(f, buf, sizeof(buf), &pos), (long)sizeof(buf));
	KUNIT_EXPECT_NULL(test, memchr_inv(buf, 0, sizeof(buf)));
	fput(f);
	f = open_ok(test, "/urandom", O_RDONLY);
	memset(buf, 0, sizeof(buf));
	KUNIT_EXPECT_EQ(test, kernel_read(f, buf, sizeof(buf), &pos), (long)sizeof(buf));
	KUNIT_EXPECT_NOT_NULL(test, memchr_inv(buf, buf[0], sizeof(buf)));
	fput(f);
	KUNIT_EXPECT_EQ(test, open_err("/nodrv", O_RDONLY), -ENXIO);

	major = __register_chrdev(0, 0, 2, "test", &test_dev_fops);
	KUNIT_ASSERT_GT(test, major, 0);
	KUNIT_EXPECT_EQ(test, __register_chrdev(major, 1, 1, "again", &test_dev_fops), -EBUSY);
	KUNIT_EXPECT_EQ(test, __register_chrdev(1, 3, 1, "null again", &test_dev_fops), -EBUSY);
	KUNIT_ASSERT_EQ(test, vfs_mknod("/t1", S_IFCHR | 0666, MKDEV(major, 1)), 0);
	f = open_ok(test, "/t1", O_RDONLY);
	pos = 0;
	KUNIT_EXPECT_EQ(test, kernel_read(f, buf, sizeof(buf), &pos), 3L);
	KUNIT_EXPECT_EQ(test, kernel_write(f, buf, 1, &pos), -EBADF);
	KUNIT_EXPECT_EQ(test, vfs_llseek(f, 0, SEEK_SET), -ESPIPE);	/* no llseek */
	fput(f);
	f = open_ok(test, "/t1", O_WRONLY);
	KUNIT_EXPECT_EQ(test, kernel_write(f, buf, 1, &pos), -EINVAL);	/* no write op */
	fput(f);
	__unregister_chrdev(major, 0, 2);
	KUNIT_EXPECT_EQ(test, open_err("/t1", O_RDONLY), -ENXIO);
}

static void unlink_rmdir(struct kunit *test)
{
	char buf[8] = { 0 };
	struct file *f;
	loff_t pos = 0;

	KUNIT_ASSERT_EQ(test, vfs_mkdir("/d", 0755), 0);
	KUNIT_EXPECT_EQ(test, vfs_mkdir("/d", 0755), -EEXIST);
	KUNIT_EXPECT_EQ(test, vfs_mkdir("/", 0755), -EEXIST);
	KUNIT_EXPECT_EQ(test, vfs_mkdir("/x/y", 0755), -ENOENT);
	KUNIT_ASSERT_EQ(test, fs_write_file("/d/f", "kept", 4), 4L);
	KUNIT_EXPECT_EQ(test, vfs_rmdir("/d"), -ENOTEMPTY);
	KUNIT_EXPECT_EQ(test, vfs_rmdir("/d/f"), -ENOTDIR);
	KUNIT_EXPECT_EQ(test, vfs_rmdir("/d/."), -EINVAL);
	KUNIT_EXPECT_EQ(test, vfs_rmdir("/d/.."), -ENOTEMPTY);
	KUNIT_EXPECT_EQ(test, vfs_rmdir("/"), -EBUSY);
	KUNIT_EXPECT_EQ(test, vfs_unlink("/d"), -EISDIR);
	KUNIT_EXPECT_EQ(test, vfs_unlink("/d/f/"), -ENOTDIR);
	KUNIT_EXPECT_EQ(test, vfs_unlink("/d/none"), -ENOENT);
	f = open_ok(test, "/d/f", O_RDONLY);
	KUNIT_EXPECT_EQ(test, vfs_unlink("/d/f"), 0);
	KUNIT_EXPECT_EQ(test, fs_lookup("/d/f", 0), -ENOENT);
	KUNIT_EXPECT_EQ(test, kernel_read(f, buf, sizeof(buf), &pos), 4L);	/* still open */
	KUNIT_EXPECT_STREQ(test, buf, "kept");
	KUNIT_EXPECT_EQ(test, vfs_rmdir("/d"), 0);
	fput(f);		/* the last reference frees the file, its dentry and /d's */
}

/* The system calls' path: user buffers, and a bad one is -EFAULT. */
static void user_buffers(struct kunit *test)
{
	struct mm_struct *mm = mm_alloc();
	unsigned long ubuf;
	struct file *f;
	char back[8] = { 0 };
	loff_t pos = 0;

	KUNIT_ASSERT_NOT_NULL(test, mm);
	kthread_use_mm(mm);
	ubuf = vm_mmap(NULL, 0, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, 0);
	KUNIT_ASSERT_FALSE(test, IS_ERR_VALUE(ubuf));
	KUNIT_ASSERT_EQ(test, copy_to_user((void *)ubuf, "user", 4), 0UL);
	f = open_ok(test, "/f", O_RDWR | O_CREAT);
	KUNIT_EXPECT_EQ(test, vfs_write(f, (const char *)ubuf, 4, &pos), 4L);
	KUNIT_EXPECT_EQ(test, vfs_write(f, (const char *)ubuf + 4096, 4, &pos), -EFAULT);
	KUNIT_EXPECT_EQ(test, vfs_write(f, (const char *)ubuf + 4094, 4, &pos), 2L);	/* short */
	KUNIT_EXPECT_EQ(test, vfs_write(f, (const char *)back, 4, &pos), -EFAULT);	/* kernel */
	pos = 0;
	KUNIT_EXPECT_EQ(test, vfs_read(f, (char *)ubuf + 100, 6, &pos), 6L);
	KUNIT_EXPECT_EQ(test, copy_from_user(back, (void *)(ubuf + 100), 4), 0UL);
	KUNIT_EXPECT_MEMEQ(test, back, "user", 4);
	pos = 0;
	KUNIT_EXPECT_EQ(test, vfs_read(f, (char *)ubuf + 4096, 6, &pos), -EFAULT);
	KUNIT_EXPECT_EQ(test, vfs_read(f, (char *)~0UL, 6, &pos), -EFAULT);
	KUNIT_EXPECT_EQ(test, vfs_getdents64(f, (void *)(ubuf + 4096), 100, true), -ENOTDIR);
	fput(f);
	f = open_ok(test, "/", O_RDONLY);
	KUNIT_EXPECT_EQ(test, vfs_getdents64(f, (void *)(ubuf + 4096), 100, true), -EFAULT);
	KUNIT_EXPECT_GT(test, vfs_getdents64(f, (void *)ubuf, 4096, true), 0L);
	fput(f);
	kthread_unuse_mm(mm);
	mmput(mm);
}

static struct kunit_case vfs_cases[] = {
	KUNIT_CASE(lookup_errnos),
	KUNIT_CASE(symlinks),
	KUNIT_CASE(symlink_limits),
	KUNIT_CASE(open_flags),
	KUNIT_CASE(read_write_errnos),
	KUNIT_CASE(large_file_pages),
	KUNIT_CASE(getdents64_layout),
	KUNIT_CASE(stat_layout),
	KUNIT_CASE(char_devices),
	KUNIT_CASE(unlink_rmdir),
	KUNIT_CASE(user_buffers),
	{}
};

static struct kunit_suite vfs_suite = {
	.name = "vfs",
	.init = fs_case_init,
	.exit = fs_case_exit,
	.test_cases = vfs_cases,
};
kunit_test_suite(vfs_suite);
