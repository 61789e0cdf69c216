/*
 * include/kernel/fdtable.h - a process's file descriptors.
 *
 * A struct files_struct maps small integers to open files: fd_install()
 * puts a file at a number get_unused_fd_flags() picked (the lowest free
 * one, as POSIX requires), fget() takes a reference to the file behind a
 * number, close_fd() drops the number.  Each number has its close-on-exec
 * bit (O_CLOEXEC, FD_CLOEXEC).  The table starts small and doubles up to
 * NR_OPEN_MAX (Linux: RLIMIT_NOFILE's default soft limit, 1024).  Every
 * call takes the table explicitly: a task_struct will own one (shared by
 * CLONE_FILES threads, copied by fork through dup_fd()).
 * Linux: include/linux/fdtable.h, fs/file.c, fs/fcntl.c.
 */
#ifndef _KERNEL_FDTABLE_H
#define _KERNEL_FDTABLE_H

#include <kernel/fs.h>

#define NR_OPEN_DEFAULT	64	/* the first table's size (Linux: BITS_PER_LONG) */
#define NR_OPEN_MAX	1024	/* RLIMIT_NOFILE: numbers at or above it are -EBADF/-EMFILE */

struct files_struct {
	int count;			/* users: tasks sharing this table */
	unsigned int max_fds;		/* length of fd[] */
	struct file **fd;		/* NULL: a free number */
	unsigned long *close_on_exec;	/* one bit per number */
};

/* fcntl commands and fd flags (Linux's values) */
#define F_DUPFD		0
#define F_GETFD		1
#define F_SETFD		2
#define F_GETFL		3
#define F_SETFL		4
#define F_DUPFD_CLOEXEC	1030
#define FD_CLOEXEC	1

struct files_struct *files_alloc(void);
/* A copy for fork: the same files, each referenced once more. */
struct files_struct *dup_fd(struct files_struct *old);
/* Drops a user; the last one closes every file. */
void put_files_struct(struct files_struct *files);

/* The lowest free number (>= 0), or -EMFILE; flags: O_CLOEXEC. */
int get_unused_fd_flags(struct files_struct *files, unsigned int flags);
/* Gives back a number get_unused_fd_flags reserved but never installed. */
void put_unused_fd(struct files_struct *files, int fd);
/* Puts file at fd (reserved by get_unused_fd_flags); the table owns the reference. */
void fd_install(struct files_struct *files, int fd, struct file *file);
/* The file at fd, referenced (fput it), or NULL: the system calls' -EBADF. */
struct file *fget(struct files_struct *files, int fd);
int close_fd(struct files_struct *files, int fd);

int ksys_dup(struct files_struct *files, int fd);
/* dup2 (flags -1: the same number is fine) and dup3 (flags 0 or O_CLOEXEC). */
int ksys_dup3(struct files_struct *files, int oldfd, int newfd, int flags);
long do_fcntl(struct files_struct *files, int fd, unsigned int cmd, unsigned long arg);
/* execve: closes every number marked close-on-exec. */
void do_close_on_exec(struct files_struct *files);

#endif
