/*
 * kernel/fs/stat.c - an inode as fstat() and newfstatat() report it.
 *
 * x86-64's struct stat (include/kernel/stat.h): device numbers in the
 * user encoding, the size, 512-byte blocks actually held (ramfs: its
 * pages), st_blksize one page.  Every time is 0: mmlab keeps none.
 * Linux: fs/stat.c (generic_fillattr, cp_new_stat).
 */
#include <kernel/string.h>
#include "internal.h"

#define RAMFS_DEV	MKDEV(0, 1)	/* Linux gives rootfs an anonymous 0:N too */

static unsigned long pages_held(const struct inode *inode)
{
	unsigned long n = 0;

	for (unsigned long i = 0; i < inode->i_nr_slots; i++)
		n += inode->i_pages[i] != NULL;
	return n;
}

void cp_new_stat(const struct inode *inode, struct stat *st)
{
	memset(st, 0, sizeof(*st));
	st->st_dev = new_encode_dev(RAMFS_DEV);
	st->st_ino = inode->i_ino;
	st->st_nlink = inode->i_nlink;
	st->st_mode = inode->i_mode;
	st->st_uid = inode->i_uid;
	st->st_gid = inode->i_gid;
	st->st_rdev = new_encode_dev(inode->i_rdev);
	st->st_size = S_ISLNK(inode->i_mode) ? (long)strlen(inode->i_link) : inode->i_size;
	st->st_blksize = 4096;
	st->st_blocks = pages_held(inode) * (4096 / 512);
}
