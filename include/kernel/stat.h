/*
 * include/kernel/stat.h - the file ABI user programs see, with Linux
 * x86-64's values: file types and modes, open() flags, lseek() whence,
 * struct stat (as fstat/newfstatat fill it) and struct linux_dirent64 (as
 * getdents64 lays it out).  Linux: include/uapi/linux/stat.h,
 * include/uapi/asm-generic/fcntl.h, arch/x86/include/uapi/asm/stat.h,
 * include/linux/dirent.h, include/linux/fs.h (DT_*).
 */
#ifndef _KERNEL_STAT_H
#define _KERNEL_STAT_H

#include <kernel/types.h>

typedef long long loff_t;
typedef unsigned short umode_t;
typedef u32 dev_t;

/* dev_t inside the kernel: 12 bits of major, 20 of minor (Linux: kdev_t.h) */
#define MINORBITS	20
#define MINORMASK	((1U << MINORBITS) - 1)
#define MAJOR(dev)	((unsigned int)((dev) >> MINORBITS))
#define MINOR(dev)	((unsigned int)((dev) & MINORMASK))
#define MKDEV(ma, mi)	(((dev_t)(ma) << MINORBITS) | (mi))

#define S_IFMT		0170000
#define S_IFSOCK	0140000
#define S_IFLNK		0120000
#define S_IFREG		0100000
#define S_IFBLK		0060000
#define S_IFDIR		0040000
#define S_IFCHR		0020000
#define S_IFIFO		0010000
#define S_ISUID		0004000
#define S_ISGID		0002000
#define S_ISVTX		0001000
#define S_ISLNK(m)	(((m) & S_IFMT) == S_IFLNK)
#define S_ISREG(m)	(((m) & S_IFMT) == S_IFREG)
#define S_ISDIR(m)	(((m) & S_IFMT) == S_IFDIR)
#define S_ISCHR(m)	(((m) & S_IFMT) == S_IFCHR)
#define S_ISBLK(m)	(((m) & S_IFMT) == S_IFBLK)
#define S_ISFIFO(m)	(((m) & S_IFMT) == S_IFIFO)
#define S_ISSOCK(m)	(((m) & S_IFMT) == S_IFSOCK)

/* open() flags (octal, as Linux writes them) */
#define O_ACCMODE	00000003
#define O_RDONLY	00000000
#define O_WRONLY	00000001
#define O_RDWR		00000002
#define O_CREAT		00000100
#define O_EXCL		00000200
#define O_NOCTTY	00000400
#define O_TRUNC		00001000
#define O_APPEND	00002000
#define O_NONBLOCK	00004000
#define O_LARGEFILE	00100000	/* musl always sets it; meaningless on 64-bit */
#define O_DIRECTORY	00200000
#define O_NOFOLLOW	00400000
#define O_CLOEXEC	02000000
#define O_PATH		010000000
#define __O_TMPFILE	020000000
#define O_TMPFILE	(__O_TMPFILE | O_DIRECTORY)

/* the *at() calls: a directory fd, and their flags (Linux's values) */
#define AT_FDCWD		-100	/* relative to the current directory */
#define AT_SYMLINK_NOFOLLOW	0x100
#define AT_REMOVEDIR		0x200	/* unlinkat: rmdir */
#define AT_EACCESS		0x200	/* faccessat2: the effective ids (all root here) */
#define AT_NO_AUTOMOUNT		0x800	/* accepted; nothing is automounted */
#define AT_EMPTY_PATH		0x1000	/* "" names the fd itself */
#define AT_STATX_SYNC_TYPE	0x6000	/* accepted, as Linux's fstatat */

/* access()'s modes (Linux: include/uapi/linux/fcntl.h via unistd.h) */
#define F_OK	0
#define X_OK	1
#define W_OK	2
#define R_OK	4

#define SEEK_SET	0
#define SEEK_CUR	1
#define SEEK_END	2
#define SEEK_DATA	3
#define SEEK_HOLE	4

/* d_type in struct linux_dirent64: the file type, S_IFMT >> 12 */
#define DT_UNKNOWN	0
#define DT_FIFO		1
#define DT_CHR		2
#define DT_DIR		4
#define DT_BLK		6
#define DT_REG		8
#define DT_LNK		10
#define DT_SOCK		12

#define NAME_MAX	255	/* bytes in a file name, NUL not counted */
#define PATH_MAX	4096	/* bytes in a path, NUL counted */

/* x86-64's struct stat: 144 bytes, every field 8 bytes but mode/uid/gid. */
struct stat {
	unsigned long st_dev;
	unsigned long st_ino;
	unsigned long st_nlink;
	unsigned int st_mode;
	unsigned int st_uid;
	unsigned int st_gid;
	unsigned int __pad0;
	unsigned long st_rdev;
	long st_size;
	long st_blksize;
	long st_blocks;		/* 512-byte units */
	unsigned long st_atime;
	unsigned long st_atime_nsec;
	unsigned long st_mtime;
	unsigned long st_mtime_nsec;
	unsigned long st_ctime;
	unsigned long st_ctime_nsec;
	long __reserved[3];	/* Linux: __unused */
};

/* One getdents64 record: d_reclen covers the name and its NUL, rounded up to 8. */
struct linux_dirent64 {
	u64 d_ino;
	s64 d_off;		/* the position after this entry (lseek to it to resume) */
	unsigned short d_reclen;
	unsigned char d_type;
	char d_name[];
};

/* st_dev/st_rdev as user space sees a dev_t (Linux: new_encode_dev). */
static inline unsigned long new_encode_dev(dev_t dev)
{
	unsigned int major = MAJOR(dev), minor = MINOR(dev);

	return (minor & 0xff) | (major << 8) | ((minor & ~0xffU) << 12);
}

#endif
