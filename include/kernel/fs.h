/*
 * include/kernel/fs.h - a small VFS in Linux's terms, over one RAM file system.
 *
 *   struct inode    a file: type and mode, size, its data pages (ramfs)
 *   struct dentry   a name in a directory: parent, children, the inode
 *   struct file     an open file: position, flags, the operations
 *   struct file_operations  what a file type (ramfs file or directory, a
 *                   character device) does for read, write, lseek, ...
 *
 * There is one file system, ramfs, holding the initramfs's files; no
 * mounts, no page cache apart from the files' own pages, no permissions
 * (everyone is root).  Calls return Linux's negative errnos.
 * Linux: include/linux/fs.h, include/linux/dcache.h, fs/namei.c, fs/open.c,
 * fs/read_write.c, fs/readdir.c, fs/libfs.c, fs/ramfs/, fs/char_dev.c.
 */
#ifndef _KERNEL_FS_H
#define _KERNEL_FS_H

#include <kernel/types.h>
#include <kernel/list.h>
#include <kernel/stat.h>

struct page;
struct inode;
struct file;
struct dir_context;
struct iov_iter;

struct file_operations {
	int (*open)(struct inode *inode, struct file *file);
	int (*release)(struct inode *inode, struct file *file);
	/* Linux passes a struct kiocb: here its two parts, the file and the position */
	ssize_t (*read_iter)(struct file *file, struct iov_iter *to, loff_t *pos);
	ssize_t (*write_iter)(struct file *file, struct iov_iter *from, loff_t *pos);
	loff_t (*llseek)(struct file *file, loff_t offset, int whence);
	int (*iterate_shared)(struct file *file, struct dir_context *ctx);
	long (*unlocked_ioctl)(struct file *file, unsigned int cmd, unsigned long arg);
};

struct inode {
	umode_t i_mode;			/* S_IFREG | 0644, ... */
	unsigned int i_nlink;
	unsigned long i_ino;
	loff_t i_size;
	u32 i_uid, i_gid;
	dev_t i_rdev;			/* character devices: major and minor */
	const struct file_operations *i_fop;
	struct page **i_pages;		/* ramfs: page i holds bytes [i*4K, (i+1)*4K); NULL a hole */
	unsigned long i_nr_slots;	/* length of i_pages */
	char *i_link;			/* symlinks: the target */
	void *i_private;		/* /proc and /sys: what the file shows */
	unsigned long i_sb_magic;	/* Linux: i_sb->s_magic - which file system (below) */
};

/*
 * The file system a name lives in (Linux: include/uapi/linux/magic.h).
 * mmlab has one tree; /proc, /sys and /sys/kernel/tracing are directories
 * of it whose names only the kernel adds and removes, as Linux's procfs,
 * sysfs and tracefs have no create/mkdir/unlink/rmdir inode operations.
 */
#define RAMFS_MAGIC		0x858458f6
#define PROC_SUPER_MAGIC	0x9fa0
#define SYSFS_MAGIC		0x62656572
#define TRACEFS_MAGIC		0x74726163

/*
 * A dentry lives while it is in the tree or an open file or a child holds
 * it (d_count); unlinking takes it out of the tree (d_child empty).
 * mmlab's inode belongs to its one dentry (no hard links).
 */
struct dentry {
	struct dentry *d_parent;	/* the root is its own parent */
	struct list_head d_child;	/* in the parent's d_subdirs */
	struct list_head d_subdirs;	/* children, in creation order */
	struct inode *d_inode;
	int d_count;
	char d_name[];			/* NUL-terminated, at most NAME_MAX bytes */
};

#define FMODE_READ	0x1
#define FMODE_WRITE	0x2
#define FMODE_LSEEK	0x4	/* lseek works: the file has llseek (Linux 6.12's do_dentry_open) */
#define FMODE_PREAD	0x8	/* pread64 works: a file, not a stream (pipe, tty) */
#define FMODE_PWRITE	0x10

struct file {
	struct dentry *f_dentry;	/* Linux: f_path.dentry */
	struct inode *f_inode;
	const struct file_operations *f_op;
	unsigned int f_flags;		/* open()'s flags, O_CREAT & co. dropped */
	unsigned int f_mode;		/* FMODE_READ | FMODE_WRITE (from O_ACCMODE), FMODE_LSEEK... */
	loff_t f_pos;
	int f_count;
	void *private_data;		/* the driver's, for character devices */
};

/* ---- the root, creating and looking up names (fs/namei.c) ------------------ */

/* Where lookups start: Linux's current->fs (root and cwd), one for now. */
struct fs_struct {
	struct dentry *root, *pwd;
	umode_t umask;			/* 0022, as Linux's init starts with */
};
extern struct fs_struct init_fs;
/* chdir: the new cwd, referenced while it is one (kernel/sys_cwd.c). */
void set_fs_pwd(struct dentry *dentry);

/* A new, empty ramfs root directory; ramfs_kill_root frees it all. */
struct dentry *ramfs_new_root(void);
void ramfs_kill_root(struct dentry *root);
/* The root file system at boot: an empty ramfs (Linux: init_rootfs + init_mount_tree). */
int init_rootfs(void);

#define LOOKUP_FOLLOW		0x1	/* follow a symlink in the last component */
#define LOOKUP_DIRECTORY	0x2	/* the result must be a directory */

/*
 * The dentry a path names, referenced (dput it).  Absolute or relative to
 * init_fs.pwd; "." and ".." as Linux; symlinks: 40 in all, 8 nested.
 * -ENOENT, -ENOTDIR, -ENAMETOOLONG, -ELOOP as Linux.
 */
int kern_path(const char *name, unsigned int flags, struct dentry **result);
int vfs_mkdir(const char *name, umode_t mode);
/* A character device node (S_IFCHR | perms) or a regular file (S_IFREG). */
int vfs_mknod(const char *name, umode_t mode, dev_t dev);
int vfs_symlink(const char *target, const char *name);
int vfs_unlink(const char *name);
int vfs_rmdir(const char *name);
/*
 * What a system call may do to the name's directory (the vfs_* calls above
 * are the kernel's own and never ask): in /proc, /sys and tracefs only the
 * kernel adds or removes names, as there Linux's directories have no
 * ->unlink, ->rmdir, ->mkdir or ->create.  Removing an existing name of
 * the right type is -EPERM (rmdir of another file system's root, a mount
 * point, -EBUSY); a new name is -ENOENT in /proc (procfs's lookup finds
 * none) and -EPERM in /sys and tracefs (-EACCES for open(O_CREAT)).  0
 * lets the call go on, to meet the ordinary errors (-ENOENT, -EEXIST,
 * -ENOTDIR, -EISDIR) there.
 */
enum name_change { NAME_CREATE, NAME_OPEN_CREAT, NAME_UNLINK, NAME_RMDIR };
int may_change_name(const char *name, enum name_change op);

struct dentry *dget(struct dentry *dentry);
void dput(struct dentry *dentry);

/* ---- open files (fs/open.c, fs/read_write.c, fs/readdir.c) ---------------- */

/*
 * open(name, flags, mode) in the kernel: O_CREAT, O_EXCL, O_TRUNC, O_APPEND,
 * O_DIRECTORY, O_NOFOLLOW as Linux; returns the file or ERR_PTR(-errno).
 */
struct file *filp_open(const char *name, int flags, umode_t mode);
struct file *get_file(struct file *file);
/* For a stream's ->open: lseek, pread and pwrite give -ESPIPE. */
int nonseekable_open(struct inode *inode, struct file *file);
/* Drops a reference; the last one releases the file. */
void fput(struct file *file);

/* read/write with a user buffer (the system calls' path) or a kernel one. */
ssize_t vfs_read(struct file *file, char *ubuf, size_t count, loff_t *pos);
ssize_t vfs_write(struct file *file, const char *ubuf, size_t count, loff_t *pos);
ssize_t kernel_read(struct file *file, void *buf, size_t count, loff_t *pos);
ssize_t kernel_write(struct file *file, const void *buf, size_t count, loff_t *pos);
loff_t vfs_llseek(struct file *file, loff_t offset, int whence);
/* An llseek for files with no rules of their own (Linux's default_llseek). */
loff_t default_llseek(struct file *file, loff_t offset, int whence);
long vfs_ioctl(struct file *file, unsigned int cmd, unsigned long arg);
/* getdents64 into a user buffer (buf_is_user) or a kernel one: bytes, 0 at the end. */
ssize_t vfs_getdents64(struct file *file, void *buf, size_t count, bool buf_is_user);
/* The largest read or write at once: INT_MAX rounded down to a page (Linux: MAX_RW_COUNT). */
#define MAX_RW_COUNT	(INT_MAX & ~4095)
/* The largest file ramfs keeps (-EFBIG beyond); Linux's ramfs: MAX_LFS_FILESIZE. */
#define RAMFS_MAX_FILE_SIZE	(1LL << 30)

/* What fstat/newfstatat report (Linux: vfs_getattr + cp_new_stat). */
void cp_new_stat(const struct inode *inode, struct stat *st);

/* A whole file read into kmalloc'd memory (kfree it); Linux: kernel_read_file_from_path. */
int kernel_read_file_from_path(const char *path, void **buf, size_t *size, size_t max_size);

/* ---- readdir --------------------------------------------------------------- */

struct dir_context {
	/* false: no room, stop */
	bool (*actor)(struct dir_context *ctx, const char *name, int namelen,
		      loff_t offset, u64 ino, unsigned int d_type);
	loff_t pos;
};
int iterate_dir(struct file *file, struct dir_context *ctx);

/* ---- character devices (fs/char_dev.c) ------------------------------------- */

/*
 * Minors [baseminor, baseminor + count) of major go to fops (major 0: pick
 * a free one, returned).  -EBUSY if taken.  Opening a node with no driver
 * is -ENXIO, as Linux's chrdev_open.
 */
int __register_chrdev(unsigned int major, unsigned int baseminor, unsigned int count,
		      const char *name, const struct file_operations *fops);
void __unregister_chrdev(unsigned int major, unsigned int baseminor, unsigned int count);
extern const struct file_operations def_chr_fops;
/* /dev/null, /dev/zero, /dev/urandom: major 1 (Linux: drivers/char/mem.c) */
int chr_dev_init(void);

#endif
