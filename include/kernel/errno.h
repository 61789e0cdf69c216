/*
 * include/kernel/errno.h - the Linux error numbers mmlab returns (negated).
 */
#ifndef _KERNEL_ERRNO_H
#define _KERNEL_ERRNO_H

#define EPERM		1
#define ENOENT		2
#define ESRCH		3
#define EINTR		4
#define EIO		5
#define EBADF		9
#define E2BIG		7
#define ENOMEM		12
#define EFAULT		14
#define EBUSY		16
#define EEXIST		17
#define EINVAL		22
#define ENOSPC		28
#define ENODEV		19
#define ERANGE		34
#define ENOSYS		38
#define ECHILD		10
#define EAGAIN		11
#define ETIMEDOUT	110
#define EOVERFLOW	75
#define ENXIO		6
/* the file system and exec (kernel/fs/, kernel/exec_elf.c) */
#define ENOEXEC		8
#define EACCES		13
#define ENOTDIR		20
#define EISDIR		21
#define ENFILE		23
#define EMFILE		24
#define ENOTTY		25
#define EFBIG		27
#define ESPIPE		29
#define EPIPE		32
#define ENAMETOOLONG	36
#define ENOTEMPTY	39
#define ELOOP		40
#define EOPNOTSUPP	95

#define MAX_ERRNO	4095
#define IS_ERR_VALUE(x)	((unsigned long)(x) >= (unsigned long)-MAX_ERRNO)

static inline void *ERR_PTR(long error) { return (void *)error; }
static inline long PTR_ERR(const void *ptr) { return (long)ptr; }
static inline int IS_ERR(const void *ptr) { return IS_ERR_VALUE((unsigned long)ptr); }
static inline int IS_ERR_OR_NULL(const void *ptr) { return !ptr || IS_ERR(ptr); }

#endif
