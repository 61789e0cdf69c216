/*
 * kernel/sys_fcntl.c - the system calls on descriptor numbers: dup, dup2,
 * dup3, fcntl, and ioctl.
 *
 * The work is in the fd table (kernel/fs/file.c); here the calls take
 * current->files.  ioctl answers the generic commands itself, as Linux's
 * do_vfs_ioctl does (FIOCLEX, FIONCLEX, FIONBIO, FIONREAD on a regular
 * file), and passes the rest to the file's unlocked_ioctl: -ENOTTY when
 * it has none.  Linux: fs/file.c, fs/fcntl.c, fs/ioctl.c.
 */
#include <kernel/syscalls.h>
#include <kernel/sched.h>
#include <kernel/fdtable.h>
#include <kernel/errno.h>
#include <mm/uaccess.h>

/* Linux: include/uapi/asm-generic/ioctls.h */
#define FIONREAD	0x541B
#define FIONBIO		0x5421
#define FIONCLEX	0x5450
#define FIOCLEX		0x5451

SYSCALL_DEFINE1(dup, unsigned int, fildes)
{
	return ksys_dup(current->files, (int)fildes);
}

SYSCALL_DEFINE2(dup2, unsigned int, oldfd, unsigned int, newfd)
{
	return ksys_dup3(current->files, (int)oldfd, (int)newfd, -1);
}

SYSCALL_DEFINE3(dup3, unsigned int, oldfd, unsigned int, newfd, int, flags)
{
	return ksys_dup3(current->files, (int)oldfd, (int)newfd, flags);
}

SYSCALL_DEFINE3(fcntl, unsigned int, fd, unsigned int, cmd, unsigned long, arg)
{
	return do_fcntl(current->files, (int)fd, cmd, arg);
}

/* Linux: do_vfs_ioctl() - ENOIOCTLCMD there means "ask the file". */
static long generic_ioctl(unsigned int fd, struct file *f, unsigned int cmd,
			  unsigned long arg)
{
	int __user *argp = (int __user *)arg;
	int on;

	switch (cmd) {
	case FIOCLEX:
	case FIONCLEX:
		return do_fcntl(current->files, fd, F_SETFD, cmd == FIOCLEX ? FD_CLOEXEC : 0);
	case FIONBIO:
		if (get_user(on, argp))
			return -EFAULT;
		f->f_flags = on ? f->f_flags | O_NONBLOCK : f->f_flags & ~O_NONBLOCK;
		return 0;
	case FIONREAD:
		if (!S_ISREG(f->f_inode->i_mode))
			return vfs_ioctl(f, cmd, arg);
		return put_user((int)(f->f_inode->i_size - f->f_pos), argp);
	default:
		return vfs_ioctl(f, cmd, arg);
	}
}

SYSCALL_DEFINE3(ioctl, unsigned int, fd, unsigned int, cmd, unsigned long, arg)
{
	struct file *f = fget(current->files, (int)fd);
	long ret;

	if (!f)
		return -EBADF;
	ret = generic_ioctl(fd, f, cmd, arg);
	fput(f);
	return ret;
}
