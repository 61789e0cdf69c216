/*
 * kernel/fs/pipe.c - pipes: pipe2() and pipe(), a one-way byte stream
 * between two open files.
 *
 * A pipe is an inode (S_IFIFO, on no directory) whose i_private is a
 * struct pipe_inode_info: a one-page ring buffer and the number of open
 * read and write ends.  read() sleeps while the pipe is empty and some
 * writer is left (0, end of file, once none is); write() sleeps while the
 * bytes do not fit and some reader is left (-EPIPE once none is: Linux
 * also sends SIGPIPE, which mmlab does not have yet).  A write of at most
 * PIPE_BUF bytes is never split, as POSIX requires.  O_NONBLOCK gives
 * -EAGAIN instead of sleeping.  musl's posix_spawn needs a pipe (the child
 * reports a failed execve through it), and the shell's `|` uses them.
 * Linux keeps 16 pages (64 KiB) per pipe; mmlab keeps one.
 * Linux: fs/pipe.c (pipe_read, pipe_write, do_pipe2, pipe_release).
 */
#include <kernel/fs.h>
#include <kernel/fdtable.h>
#include <kernel/stat.h>
#include <kernel/uio.h>
#include <kernel/wait.h>
#include <kernel/errno.h>
#include <kernel/string.h>
#include <kernel/syscalls.h>
#include <mm/slab.h>
#include <mm/uaccess.h>
#include "internal.h"

#define PIPE_BUF	4096		/* POSIX's atomic write size; Linux's too */
#define PIPE_SIZE	4096		/* the ring's bytes */

struct pipe_inode_info {
	char buf[PIPE_SIZE];
	unsigned int head, len;		/* the bytes are buf[head .. head + len) mod size */
	unsigned int readers, writers;	/* open ends */
	wait_queue_head_t rd_wait, wr_wait;
};

/* Linux's pipe_readable / pipe_writable, the sleep conditions. */
static bool pipe_readable(const struct pipe_inode_info *pipe)
{
	return pipe->len || !pipe->writers;
}

static bool pipe_writable(const struct pipe_inode_info *pipe, size_t want)
{
	return PIPE_SIZE - pipe->len >= want || !pipe->readers;
}

static ssize_t pipe_read(struct file *file, struct iov_iter *to, loff_t *pos)
{
	struct pipe_inode_info *pipe = file->f_inode->i_private;
	size_t total = 0;

	(void)pos;
	if (!iov_iter_count(to))
		return 0;
	if (!pipe_readable(pipe) && (file->f_flags & O_NONBLOCK))
		return -EAGAIN;
	wait_event(pipe->rd_wait, pipe_readable(pipe));
	while (pipe->len && iov_iter_count(to)) {
		size_t chunk = min(pipe->len, PIPE_SIZE - pipe->head);
		size_t n = copy_to_iter(pipe->buf + pipe->head, min(chunk, iov_iter_count(to)), to);

		if (!n)
			return total ? (ssize_t)total : -EFAULT;
		pipe->head = (pipe->head + n) % PIPE_SIZE;
		pipe->len -= n;
		total += n;
	}
	wake_up(&pipe->wr_wait);
	return total;
}

/* Copies what fits now; 0 if nothing fit, -EFAULT for a bad buffer. */
static ssize_t pipe_fill(struct pipe_inode_info *pipe, struct iov_iter *from)
{
	size_t total = 0;

	while (pipe->len < PIPE_SIZE && iov_iter_count(from)) {
		unsigned int tail = (pipe->head + pipe->len) % PIPE_SIZE;
		size_t room = min(PIPE_SIZE - pipe->len, PIPE_SIZE - tail);
		size_t n = copy_from_iter(pipe->buf + tail, min(room, iov_iter_count(from)), from);

		if (!n)
			return total ? (ssize_t)total : -EFAULT;
		pipe->len += n;
		total += n;
	}
	return total;
}

static ssize_t pipe_write(struct file *file, struct iov_iter *from, loff_t *pos)
{
	struct pipe_inode_info *pipe = file->f_inode->i_private;
	size_t count = iov_iter_count(from), total = 0;
	/* A small write goes in whole or waits; a big one goes in as room appears. */
	size_t want = count <= PIPE_BUF ? count : 1;
	ssize_t n;

	(void)pos;
	while (iov_iter_count(from)) {
		if (!pipe_writable(pipe, want) && (file->f_flags & O_NONBLOCK))
			return total ? (ssize_t)total : -EAGAIN;
		wait_event(pipe->wr_wait, pipe_writable(pipe, want));
		if (!pipe->readers)
			return total ? (ssize_t)total : -EPIPE;
		n = pipe_fill(pipe, from);
		if (n < 0)
			return total ? (ssize_t)total : n;
		total += n;
		wake_up(&pipe->rd_wait);
	}
	return total;
}

static int pipe_release(struct inode *inode, struct file *file)
{
	struct pipe_inode_info *pipe = inode->i_private;

	if (file->f_mode & FMODE_READ)
		pipe->readers--;
	if (file->f_mode & FMODE_WRITE)
		pipe->writers--;
	wake_up(&pipe->rd_wait);	/* a reader sees end of file, a writer EPIPE */
	wake_up(&pipe->wr_wait);
	if (!pipe->readers && !pipe->writers) {
		kfree(pipe);
		inode->i_private = NULL;
	}
	return 0;
}

static const struct file_operations pipefifo_fops = {
	.read_iter = pipe_read,
	.write_iter = pipe_write,
	.release = pipe_release,
	/* no llseek: lseek gives -ESPIPE */
};

/* Two files on one new pipe: [0] reads, [1] writes (Linux: create_pipe_files). */
static int create_pipe_files(struct file **res, int flags)
{
	struct inode *inode = new_inode(S_IFIFO | 0600);
	struct pipe_inode_info *pipe = kzalloc(sizeof(*pipe), GFP_KERNEL);
	struct dentry *d = inode && pipe ? d_alloc(NULL, "pipe:", 5, inode) : NULL;

	if (!d) {
		kfree(pipe);
		kfree(inode);
		return -ENFILE;
	}
	init_waitqueue_head(&pipe->rd_wait);
	init_waitqueue_head(&pipe->wr_wait);
	inode->i_private = pipe;
	inode->i_fop = &pipefifo_fops;
	res[0] = alloc_file(d, O_RDONLY | (flags & O_NONBLOCK), FMODE_READ);
	res[1] = alloc_file(d, O_WRONLY | (flags & O_NONBLOCK), FMODE_WRITE);
	dput(d);			/* the files hold it now */
	if (!res[0] || !res[1]) {
		for (int i = 0; i < 2; i++) {
			if (res[i]) {
				res[i]->f_op = NULL;	/* never opened: no release */
				fput(res[i]);
			}
		}
		kfree(pipe);
		return -ENFILE;
	}
	pipe->readers = pipe->writers = 1;
	return 0;
}

/* Linux: do_pipe2. */
static int do_pipe2(int __user *fildes, int flags)
{
	struct files_struct *files = current->files;
	struct file *f[2];
	int fd[2], err;

	if (flags & ~(O_CLOEXEC | O_NONBLOCK))
		return -EINVAL;		/* Linux also takes O_DIRECT (packet mode) */
	err = create_pipe_files(f, flags);
	if (err)
		return err;
	fd[0] = get_unused_fd_flags(files, flags & O_CLOEXEC);
	fd[1] = fd[0] < 0 ? fd[0] : get_unused_fd_flags(files, flags & O_CLOEXEC);
	err = fd[1] < 0 ? fd[1] : copy_to_user(fildes, fd, sizeof(fd)) ? -EFAULT : 0;
	if (err) {
		if (fd[0] >= 0)
			put_unused_fd(files, fd[0]);
		if (fd[1] >= 0 && fd[1] != fd[0])
			put_unused_fd(files, fd[1]);
		fput(f[0]);
		fput(f[1]);
		return err;
	}
	fd_install(files, fd[0], f[0]);
	fd_install(files, fd[1], f[1]);
	return 0;
}

SYSCALL_DEFINE2(pipe2, int __user *, fildes, int, flags)
{
	return do_pipe2(fildes, flags);
}

SYSCALL_DEFINE1(pipe, int __user *, fildes)
{
	return do_pipe2(fildes, 0);
}
