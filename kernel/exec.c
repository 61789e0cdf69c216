/*
 * kernel/exec.c - execve: replace the current process's program.
 *
 * The steps are Linux's, in its order.  The file name, argv and envp are
 * copied into the kernel first: they live in the memory about to go away.
 * The file must be a regular file with an execute bit (-EACCES otherwise).
 * A new mm is made current and load_elf_binary() maps the program and
 * builds its stack there; if that fails, the old mm comes back and execve
 * returns the error - the caller still runs.  Past that point (Linux's
 * "point of no return") the old mm is released (a vfork parent wakes up),
 * close-on-exec files are closed, TLS bases and SSE state are reset, and
 * pt_regs get the program's entry and stack: the return from the system
 * call "returns" into the new program.
 *
 * kernel_execve() is the same for process 1, which starts as a kernel
 * thread with no mm (Linux: init/main.c run_init_process).
 * Linux: fs/exec.c (do_execveat_common, copy_strings, exec_mmap,
 * begin_new_exec), arch/x86/kernel/process_64.c (start_thread).
 */
#include <kernel/sched.h>
#include <kernel/signal.h>
#include <kernel/binfmts.h>
#include <kernel/fdtable.h>
#include <kernel/fs.h>
#include <kernel/stat.h>
#include <kernel/syscalls.h>
#include <kernel/umh.h>
#include <kernel/errno.h>
#include <kernel/string.h>
#include <mm/mm_types.h>
#include <mm/mmap.h>
#include <mm/slab.h>
#include <mm/direct_map.h>
#include <mm/uaccess.h>
#include <asm/fpu.h>
#include <asm/processor.h>

#define PATH_MAX		4096
#define MAX_EXEC_FILE		(32UL << 20)	/* mmlab reads the whole file: a bound */

void start_thread(struct pt_regs *regs, unsigned long ip, unsigned long sp);
void mm_release(struct task_struct *tsk);

/* A NULL-terminated vector of kmalloc'd strings (argv or envp). */
static void free_strings(char **v)
{
	for (char **p = v; p && *p; p++)
		kfree(*p);
	kfree(v);
}

/* Appends a copy of s (len bytes and the NUL) to *v, growing it. */
static int push_string(char ***v, int n, const char *s, long len)
{
	if (!(n & (n + 1))) {		/* n + 1 a power of two: full */
		char **bigger = kmalloc((2 * (n + 1) + 1) * sizeof(char *), GFP_KERNEL);

		if (!bigger)
			return -ENOMEM;
		memcpy(bigger, *v, n * sizeof(char *));
		kfree(*v);
		*v = bigger;
	}
	(*v)[n] = kmalloc(len + 1, GFP_KERNEL);
	if (!(*v)[n])
		return -ENOMEM;
	memcpy((*v)[n], s, len + 1);
	(*v)[n + 1] = NULL;
	return 0;
}

/*
 * The user's argv or envp into *out.  Each string and the pointer to it
 * count against MAX_ARG_BYTES, each string alone against MAX_ARG_STRLEN:
 * -E2BIG past either, as Linux.  A NULL vector is an empty one.
 */
static int copy_strings(const char __user *const __user *uv, char ***out,
			size_t *bytes, char *tmp)
{
	char **v = kzalloc(sizeof(char *), GFP_KERNEL);
	int n = 0, err = 0;

	if (!v)
		return -ENOMEM;
	while (uv && !err) {
		const char __user *us;
		long len;

		if (copy_from_user(&us, uv + n, sizeof(us))) {
			err = -EFAULT;
			break;
		}
		if (!us)
			break;
		len = strncpy_from_user(tmp, us, MAX_ARG_STRLEN);
		if (len < 0)
			err = -EFAULT;
		else if (len == MAX_ARG_STRLEN ||
			 (*bytes += len + 1 + sizeof(char *)) > MAX_ARG_BYTES)
			err = -E2BIG;
		else
			err = push_string(&v, n++, tmp, len);
	}
	if (err) {
		free_strings(v);
		return err;
	}
	*out = v;
	return 0;
}

/* The program file, whole, if it may be executed (Linux: do_open_execat). */
static int read_exec_file(const char *filename, void **buf, size_t *size)
{
	struct file *f = filp_open(filename, O_RDONLY, 0);
	struct inode *inode;
	loff_t pos = 0;
	ssize_t n;

	if (IS_ERR(f))
		return PTR_ERR(f);
	inode = f->f_inode;
	n = !S_ISREG(inode->i_mode) || !(inode->i_mode & 0111) ? -EACCES :
	    inode->i_size > (loff_t)MAX_EXEC_FILE ? -ENOMEM : 0;
	*buf = NULL;
	if (!n && inode->i_size && !(*buf = kmalloc(inode->i_size, GFP_KERNEL)))
		n = -ENOMEM;
	if (!n && *buf)
		n = kernel_read(f, *buf, inode->i_size, &pos);
	*size = inode->i_size;
	fput(f);
	if (n >= 0 && (size_t)n != *size)
		n = -EIO;
	if (n < 0) {
		kfree(*buf);
		return n;
	}
	return 0;
}

/* Makes mm current's address space, and loads its page tables. */
static void exec_mmap(struct mm_struct *mm)
{
	current->mm = mm;
	current->active_mm = mm;
	write_cr3(mm ? __pa(mm->pgd) : init_top_pgt_phys);
}

/*
 * A table shared with CLONE_FILES becomes the task's own copy first, so
 * that closing the close-on-exec files closes none of the sharer's (Linux:
 * unshare_files in begin_new_exec).  Without memory for the copy the task
 * keeps the shared table.
 */
static void unshare_files(struct task_struct *tsk)
{
	struct files_struct *copy;

	if (!tsk->files || tsk->files->count == 1)
		return;
	copy = dup_fd(tsk->files);
	if (!copy)
		return;
	put_files_struct(tsk->files);
	tsk->files = copy;
}

/* Past the point of no return: the new program owns the task. */
static void begin_new_exec(struct mm_struct *old_mm, const char *filename)
{
	struct task_struct *tsk = current;
	struct mm_struct *mm = tsk->mm;
	const char *base = strrchr(filename, '/');

	exec_mmap(old_mm);		/* clear_child_tid is in the old memory */
	mm_release(tsk);
	exec_mmap(mm);
	mmput(old_mm);
	strscpy(tsk->comm, base ? base + 1 : filename, sizeof(tsk->comm));
	unshare_files(tsk);
	flush_signal_handlers(tsk);	/* handlers were in the old program */
	if (tsk->files)
		do_close_on_exec(tsk->files);
	tsk->thread.fsbase = 0;
	tsk->thread.gsbase = 0;
	wrmsr(MSR_FS_BASE, 0);
	wrmsr(MSR_GS_BASE, 0);
	fpstate_init_user(&tsk->thread.fpu.fpstate);
	restore_fpregs_from_fpstate(&tsk->thread.fpu.fpstate);
}

/* Loads filename into a new mm; on success current runs it on return to ring 3. */
static int bprm_execve(const char *filename, const char *const *argv,
		       const char *const *envp)
{
	struct linux_binprm bprm = {
		.filename = filename, .argv = argv, .envp = envp,
	};
	struct mm_struct *old_mm = current->mm, *mm;
	struct elf_load_result r;
	void *buf = NULL;	/* set by read_exec_file(); gcc -O2 cannot see it */
	int err;

	if (current->thread.sp)
		return -EINVAL;		/* a kernel test's in-task user code (run_user_thread) */
	err = read_exec_file(filename, &buf, &bprm.size);
	if (err)
		return err;
	bprm.buf = buf;
	mm = mm_alloc();
	err = -ENOMEM;
	if (mm) {
		exec_mmap(mm);
		err = load_elf_binary(mm, &bprm, &r);
		if (err) {
			exec_mmap(old_mm);
			mmput(mm);
		}
	}
	kfree(buf);
	if (err)
		return err;
	begin_new_exec(old_mm, filename);
	start_thread(task_pt_regs(current), r.entry, r.sp);
	return 0;
}

/* For process 1: the strings are the kernel's already. */
int kernel_execve(const char *filename, const char *const *argv, const char *const *envp)
{
	return bprm_execve(filename, argv, envp);
}

SYSCALL_DEFINE3(execve, const char __user *, filename,
		const char __user *const __user *, argv,
		const char __user *const __user *, envp)
{
	char *name = kmalloc(PATH_MAX, GFP_KERNEL);
	char *tmp = kmalloc(MAX_ARG_STRLEN, GFP_KERNEL);
	char **kargv = NULL, **kenvp = NULL;
	size_t bytes = 0;
	long len;
	int err = -ENOMEM;

	if (!name || !tmp)
		goto out;
	len = strncpy_from_user(name, filename, PATH_MAX);
	err = len < 0 ? -EFAULT : len == PATH_MAX ? -ENAMETOOLONG : !len ? -ENOENT : 0;
	if (!err)
		err = copy_strings(argv, &kargv, &bytes, tmp);
	if (!err)
		err = copy_strings(envp, &kenvp, &bytes, tmp);
	kfree(tmp);
	tmp = NULL;
	if (!err)
		err = bprm_execve(name, (const char *const *)kargv,
				  (const char *const *)kenvp);
out:
	free_strings(kargv);
	free_strings(kenvp);
	kfree(tmp);
	kfree(name);
	return err;
}
