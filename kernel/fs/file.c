/*
 * kernel/fs/file.c - the file descriptor table: numbers to open files.
 *
 * fd[] holds one reference to each open file; a number is free when its
 * slot is NULL.  A reserved number (get_unused_fd_flags, before
 * fd_install) is marked by RESERVED so that a second open cannot take it
 * too.  The table doubles when full, up to NR_OPEN_MAX.  dup, dup2, dup3
 * and fcntl are here too, with Linux's errnos.  Linux: fs/file.c
 * (alloc_fd, fd_install, close_fd, do_dup2, ksys_dup3), fs/fcntl.c.
 */
#include <kernel/fdtable.h>
#include <kernel/errno.h>
#include <kernel/string.h>
#include <mm/slab.h>

#define RESERVED	((struct file *)1)
#define BITS		(8 * sizeof(unsigned long))

static bool cloexec(const struct files_struct *f, unsigned int fd)
{
	return f->close_on_exec[fd / BITS] & (1UL << (fd % BITS));
}

static void set_cloexec(struct files_struct *f, unsigned int fd, bool on)
{
	if (on)
		f->close_on_exec[fd / BITS] |= 1UL << (fd % BITS);
	else
		f->close_on_exec[fd / BITS] &= ~(1UL << (fd % BITS));
}

/* Grows the table to hold number fd (Linux: expand_files). */
static int expand_files(struct files_struct *f, unsigned int fd)
{
	unsigned int n = f->max_fds ? f->max_fds : NR_OPEN_DEFAULT;
	struct file **fds;
	unsigned long *bits;

	if (fd < f->max_fds)
		return 0;
	if (fd >= NR_OPEN_MAX)
		return -EMFILE;
	while (n <= fd)
		n *= 2;
	fds = kcalloc(n, sizeof(*fds), GFP_KERNEL);
	bits = kcalloc(n / BITS, sizeof(*bits), GFP_KERNEL);
	if (!fds || !bits) {
		kfree(fds);
		kfree(bits);
		return -ENOMEM;
	}
	if (f->max_fds) {
		memcpy(fds, f->fd, f->max_fds * sizeof(*fds));
		memcpy(bits, f->close_on_exec, f->max_fds / BITS * sizeof(*bits));
	}
	kfree(f->fd);
	kfree(f->close_on_exec);
	f->fd = fds;
	f->close_on_exec = bits;
	f->max_fds = n;
	return 0;
}

struct files_struct *files_alloc(void)
{
	struct files_struct *f = kzalloc(sizeof(*f), GFP_KERNEL);

	if (f && expand_files(f, 0)) {
		kfree(f);
		return NULL;
	}
	if (f)
		f->count = 1;
	return f;
}

struct files_struct *dup_fd(struct files_struct *old)
{
	struct files_struct *f = files_alloc();

	if (!f || expand_files(f, old->max_fds - 1)) {
		put_files_struct(f);
		return NULL;
	}
	for (unsigned int fd = 0; fd < old->max_fds; fd++) {
		struct file *file = old->fd[fd];

		if (file && file != RESERVED)	/* a reserved number is the parent's */
			f->fd[fd] = get_file(file);
		set_cloexec(f, fd, f->fd[fd] && cloexec(old, fd));
	}
	return f;
}

void put_files_struct(struct files_struct *f)
{
	if (!f || --f->count)
		return;
	for (unsigned int fd = 0; fd < f->max_fds; fd++)
		if (f->fd[fd] && f->fd[fd] != RESERVED)
			fput(f->fd[fd]);
	kfree(f->fd);
	kfree(f->close_on_exec);
	kfree(f);
}

/* The lowest free number at or above start (Linux: alloc_fd). */
static int alloc_fd(struct files_struct *f, unsigned int start, unsigned int flags)
{
	unsigned int fd = start;
	int err;

	while (fd < f->max_fds && f->fd[fd])
		fd++;
	err = expand_files(f, fd);
	if (err)
		return err;
	f->fd[fd] = RESERVED;
	set_cloexec(f, fd, flags & O_CLOEXEC);
	return fd;
}

int get_unused_fd_flags(struct files_struct *files, unsigned int flags)
{
	return alloc_fd(files, 0, flags);
}

void put_unused_fd(struct files_struct *files, int fd)
{
	if (files->fd[fd] == RESERVED)
		files->fd[fd] = NULL;
}

void fd_install(struct files_struct *files, int fd, struct file *file)
{
	files->fd[fd] = file;
}

/* The file at fd, not referenced; NULL for a bad, free or reserved number. */
static struct file *lookup_fd(struct files_struct *f, int fd)
{
	if (fd < 0 || (unsigned int)fd >= f->max_fds || f->fd[fd] == RESERVED)
		return NULL;
	return f->fd[fd];
}

struct file *fget(struct files_struct *files, int fd)
{
	struct file *file = lookup_fd(files, fd);

	return file ? get_file(file) : NULL;
}

int close_fd(struct files_struct *files, int fd)
{
	struct file *file = lookup_fd(files, fd);

	if (!file)
		return -EBADF;
	files->fd[fd] = NULL;
	set_cloexec(files, fd, false);
	fput(file);
	return 0;
}

int ksys_dup(struct files_struct *files, int fd)
{
	struct file *file = lookup_fd(files, fd);
	int newfd;

	if (!file)
		return -EBADF;
	newfd = alloc_fd(files, 0, 0);
	if (newfd >= 0)
		fd_install(files, newfd, get_file(file));
	return newfd;
}

/* Linux: do_dup2() - newfd is closed first (silently), then takes the file. */
static int do_dup2(struct files_struct *f, struct file *file, int newfd, int flags)
{
	struct file *old;
	int err = expand_files(f, newfd);

	if (err)
		return err == -EMFILE ? -EBADF : err;
	old = f->fd[newfd];
	if (old == RESERVED)
		return -EBUSY;		/* Linux: a racing open holds it */
	f->fd[newfd] = get_file(file);
	set_cloexec(f, newfd, flags & O_CLOEXEC);
	if (old)
		fput(old);
	return newfd;
}

/* Linux: ksys_dup3() and dup2 (flags -1 here). */
int ksys_dup3(struct files_struct *files, int oldfd, int newfd, int flags)
{
	struct file *file;

	if (flags != -1 && (flags & ~O_CLOEXEC))
		return -EINVAL;
	if (flags != -1 && oldfd == newfd)
		return -EINVAL;
	if (newfd < 0 || newfd >= NR_OPEN_MAX)
		return -EBADF;
	file = lookup_fd(files, oldfd);
	if (!file)
		return -EBADF;
	if (oldfd == newfd)
		return newfd;		/* dup2 to itself: nothing to do */
	return do_dup2(files, file, newfd, flags == -1 ? 0 : flags);
}

/* F_SETFL changes only these (Linux: SETFL_MASK, without O_DIRECT & co.). */
#define SETFL_MASK	(O_APPEND | O_NONBLOCK)

long do_fcntl(struct files_struct *files, int fd, unsigned int cmd, unsigned long arg)
{
	struct file *file = lookup_fd(files, fd);
	long newfd;

	if (!file)
		return -EBADF;
	switch (cmd) {
	case F_DUPFD:
	case F_DUPFD_CLOEXEC:
		if (arg >= NR_OPEN_MAX)
			return -EINVAL;
		newfd = alloc_fd(files, arg, cmd == F_DUPFD_CLOEXEC ? O_CLOEXEC : 0);
		if (newfd >= 0)
			fd_install(files, newfd, get_file(file));
		return newfd;
	case F_GETFD:
		return cloexec(files, fd) ? FD_CLOEXEC : 0;
	case F_SETFD:
		set_cloexec(files, fd, arg & FD_CLOEXEC);
		return 0;
	case F_GETFL:
		return file->f_flags & ~O_CLOEXEC;
	case F_SETFL:
		file->f_flags = (file->f_flags & ~SETFL_MASK) | (arg & SETFL_MASK);
		return 0;
	default:
		return -EINVAL;
	}
}

void do_close_on_exec(struct files_struct *files)
{
	for (unsigned int fd = 0; fd < files->max_fds; fd++)
		if (cloexec(files, fd) && lookup_fd(files, fd))
			close_fd(files, fd);
}
