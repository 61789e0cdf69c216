/*
 * kernel/fs/initramfs.c - unpack the initramfs (a cpio "newc" archive) into
 * the RAM file system, then give its memory back.
 *
 * An archive is a list of entries, each a 110-byte ASCII header - the
 * magic "070701", then 13 fields of 8 hex digits: ino, mode, uid, gid,
 * nlink, mtime, filesize, devmajor, devminor, rdevmajor, rdevminor,
 * namesize (NUL included), check - then the name, padded so the data
 * starts 4-byte aligned, then filesize bytes of data, padded to 4.  The
 * entry named "TRAILER!!!" ends an archive; archives may follow each other,
 * with zero bytes between.  Directories, regular files, symlinks and
 * character devices are created; every length is checked against the
 * buffer before it is used, and a malformed archive stops the unpacking
 * with a message.  Linux: init/initramfs.c (a state machine fed by the
 * decompressors; here the archive is one buffer, uncompressed).
 */
#include <kernel/initrd.h>
#include <kernel/errno.h>
#include <kernel/string.h>
#include <kernel/printk.h>
#include <kernel/panic.h>
#include <mm/mm_init.h>
#include <mm/slab.h>
#include <asm/page.h>
#include "internal.h"

unsigned long phys_initrd_start, phys_initrd_size;
unsigned long initrd_start, initrd_end;

#define CPIO_HDR_LEN	110
#define CPIO_FIELDS	13

enum { F_INO, F_MODE, F_UID, F_GID, F_NLINK, F_MTIME, F_FILESIZE, F_MAJ, F_MIN,
       F_RMAJ, F_RMIN, F_NAMESIZE, F_CHKSUM };

/* Eight hex digits; Linux's simple_strtoul stops at a non-digit, we refuse it. */
static bool parse_hex8(const char *s, unsigned long *val)
{
	*val = 0;
	for (int i = 0; i < 8; i++) {
		char c = s[i];
		int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 :
			c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;

		if (d < 0)
			return false;
		*val = *val << 4 | d;
	}
	return true;
}

static const char *parse_header(const char *hdr, unsigned long *f)
{
	if (memcmp(hdr, "070701", 6))
		return memcmp(hdr, "070707", 6) ? "no cpio magic" :
		       "incorrect cpio method used: use -H newc option";
	for (int i = 0; i < CPIO_FIELDS; i++)
		if (!parse_hex8(hdr + 6 + 8 * i, &f[i]))
			return "header field is not hexadecimal";
	return NULL;
}

/* Linux: do_name/do_copy/do_symlink - one entry made in the file system. */
static int create_entry(const char *name, const unsigned long *f, const char *data)
{
	umode_t mode = f[F_MODE];
	struct dentry *d;
	struct file *file;
	loff_t pos = 0;
	int err = 0;

	if (S_ISDIR(mode)) {
		err = vfs_mkdir(name, mode);
	} else if (S_ISREG(mode)) {
		file = filp_open(name, O_WRONLY | O_CREAT | O_TRUNC, mode);
		if (IS_ERR(file))
			return PTR_ERR(file);
		if (f[F_FILESIZE] && kernel_write(file, data, f[F_FILESIZE], &pos) != f[F_FILESIZE])
			err = -ENOMEM;
		fput(file);
	} else if (S_ISLNK(mode)) {
		char *target = kmalloc(f[F_FILESIZE] + 1, GFP_KERNEL);

		if (!target)
			return -ENOMEM;
		memcpy(target, data, f[F_FILESIZE]);
		target[f[F_FILESIZE]] = '\0';
		err = vfs_symlink(target, name);
		kfree(target);
	} else if (S_ISCHR(mode)) {
		err = vfs_mknod(name, mode, MKDEV(f[F_RMAJ], f[F_RMIN]));
	} else {
		return -EINVAL;		/* block devices, fifos, sockets: none in mmlab */
	}
	if (err == -EEXIST && S_ISDIR(mode))
		err = 0;		/* "." or a directory listed twice */
	if (err == -EEXIST)
		return 0;		/* a name listed twice: the first stays (Linux: silently) */
	if (err || kern_path(name, 0, &d))
		return err;
	/* the archive's mode and owner exactly (Linux: init_chmod, init_chown) */
	d->d_inode->i_mode = (d->d_inode->i_mode & S_IFMT) | (mode & 07777);
	d->d_inode->i_uid = f[F_UID];
	d->d_inode->i_gid = f[F_GID];
	dput(d);
	return 0;
}

/* One entry at buf[off]; sets *next to the entry after it. */
static const char *unpack_entry(const char *buf, unsigned long len, unsigned long off,
				unsigned long *next, bool *trailer)
{
	unsigned long f[CPIO_FIELDS], name_off = off + CPIO_HDR_LEN, data_off;
	const char *msg, *name;
	int err;

	if (off % 4)
		return "broken padding";
	if (len - off < CPIO_HDR_LEN)
		return "truncated archive (in a header)";
	msg = parse_header(buf + off, f);
	if (msg)
		return msg;
	if (f[F_NAMESIZE] == 0 || f[F_NAMESIZE] > PATH_MAX)
		return "name size is 0 or over PATH_MAX";
	if (f[F_NAMESIZE] > len - name_off)
		return "truncated archive (in a name)";
	name = buf + name_off;
	if (strnlen(name, f[F_NAMESIZE]) != f[F_NAMESIZE] - 1)
		return "name is not NUL-terminated where its size says";
	data_off = ALIGN(name_off + f[F_NAMESIZE], 4);
	if (data_off > len || f[F_FILESIZE] > len - data_off)
		return "truncated archive (in file data)";
	if (S_ISLNK(f[F_MODE]) && f[F_FILESIZE] >= PATH_MAX)
		return "symlink target over PATH_MAX";
	*next = ALIGN(data_off + f[F_FILESIZE], 4);
	*trailer = !strcmp(name, "TRAILER!!!");
	if (*trailer)
		return NULL;
	err = create_entry(name, f, buf + data_off);
	if (err)
		pr_warn("initramfs: %s not created: error %d\n", name, err);
	return NULL;
}

const char *unpack_to_rootfs(const char *buf, unsigned long len)
{
	unsigned long off = 0, next;
	bool trailer = true;	/* an empty buffer is an empty list of archives */

	while (off < len) {
		const char *msg;

		if (trailer && !buf[off]) {	/* zeros between archives */
			off++;
			continue;
		}
		msg = unpack_entry(buf, len, off, &next, &trailer);
		if (msg)
			return msg;
		off = next;
	}
	return trailer ? NULL : "archive ends without TRAILER!!!";
}

/* Linux: free_initrd_mem() -> free_reserved_area(): the whole pages inside. */
void free_initrd_mem(unsigned long start, unsigned long end)
{
	unsigned long first = PFN_UP(__pa(start)), last = PFN_DOWN(__pa(end));

	if (first < last)
		free_pfn_range_to_zone(&normal_zone, first, last);
	pr_info("Freeing initrd memory: %luK\n", first < last ? (last - first) << 2 : 0);
}

void populate_rootfs(void)
{
	const char *msg;

	if (init_rootfs())
		panic("VFS: cannot create the root file system");
	if (!phys_initrd_size) {
		pr_info("initramfs: none loaded (no module2 in grub.cfg): empty root file system\n");
		return;
	}
	msg = unpack_to_rootfs((const char *)initrd_start, initrd_end - initrd_start);
	if (msg)
		pr_err("Initramfs unpacking failed: %s\n", msg);
	else
		pr_info("initramfs: unpacked %lu bytes into the root file system\n",
			initrd_end - initrd_start);
	free_initrd_mem(initrd_start, initrd_end);
	initrd_start = initrd_end = 0;
	phys_initrd_size = 0;
}
