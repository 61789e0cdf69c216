/*
 * kernel/init_process.c - process 1: starting user space, and its end.
 *
 * After the boot, rest_init() makes process 1 (kernel_init): a task that
 * starts as a kernel thread, opens /dev/console as its fds 0, 1 and 2, and
 * then execs init - the program named by init= on the command line, else
 * the first of /sbin/init, /etc/init, /bin/init, /bin/sh that runs.  Words
 * of the command line the kernel does not know and that have no '=' become
 * init's arguments ("init=/bin/prog a b": argv = prog a b), as in Linux.
 *
 * The boot thread (pid 0, swapper) is process 1's parent and waits for it.
 * Linux panics when init exits ("Attempted to kill init!"); mmlab prints
 * "init exited with status N" (or the signal) and makes QEMU exit, with a
 * status a script can read: 2 * N + 1 for exit codes N up to 126, 255 for
 * 127 and above or a signal (scripts/qemu.sh turns it back into N and 127).
 * Linux: init/main.c (rest_init, kernel_init, run_init_process,
 * unknown_bootoption), init/do_mounts.c (console_on_rootfs).
 */
#include <kernel/sched.h>
#include <kernel/fdtable.h>
#include <kernel/fs.h>
#include <kernel/param.h>
#include <kernel/printk.h>
#include <kernel/panic.h>
#include <kernel/string.h>
#include <kernel/errno.h>
#include <kernel/signal.h>
#include <kernel/umh.h>
#include <drivers/qemu_exit.h>

extern struct task_struct *child_reaper;

static const char *execute_command;	/* init= */
static const char *const envp_init[] = { "HOME=/", "TERM=linux", NULL };

static int __init init_setup(char *val)
{
	if (!val || !*val)
		return -EINVAL;
	execute_command = val;
	return 0;
}
__setup("init", init_setup);

/* fds 0, 1, 2 of init: /dev/console (Linux: console_on_rootfs). */
static void console_on_rootfs(void)
{
	struct file *file = filp_open("/dev/console", O_RDWR, 0);
	int fd;

	current->files = files_alloc();
	if (!current->files)
		panic("kernel_init: no memory for a file table");
	if (IS_ERR(file)) {
		pr_err("Warning: unable to open an initial console (%ld).\n", PTR_ERR(file));
		return;
	}
	fd = get_unused_fd_flags(current->files, 0);
	fd_install(current->files, fd, file);
	ksys_dup(current->files, fd);
	ksys_dup(current->files, fd);
}

static int run_init_process(const char *init_filename)
{
	argv_init[0] = init_filename;
	pr_info("Run %s as init process\n", init_filename);
	return kernel_execve(init_filename, argv_init, envp_init);
}

/* Process 1's first code; returns into user mode once an exec worked. */
static int kernel_init(void *unused)
{
	static const char *const defaults[] = { "/sbin/init", "/etc/init", "/bin/init", "/bin/sh" };
	int ret;

	(void)unused;
	console_on_rootfs();
	if (execute_command) {
		ret = run_init_process(execute_command);
		if (!ret)
			return 0;
		panic("Requested init %s failed (error %d).", execute_command, ret);
	}
	for (unsigned int i = 0; i < ARRAY_SIZE(defaults); i++)
		if (!run_init_process(defaults[i]))
			return 0;
	panic("No working init found.  Try passing init= option to kernel.");
}

/* What QEMU's exit status says about init's wait status (see the top). */
static unsigned int init_exit_code(int status)
{
	int code = (status >> 8) & 0xff;

	if ((status & 0x7f) == 0 && code < 127)
		return code;
	return 127;
}

/* The boot thread's last job: start process 1 and wait for it. */
void __noreturn rest_init(void)
{
	struct task_struct *init = user_mode_thread(kernel_init, NULL, "init");
	int status = 0;

	if (!init)
		panic("rest_init: no memory for process 1");
	BUG_ON(init->pid != 1);
	child_reaper = init;
	wake_up_process(init);
	if (kernel_wait4(1, &status, 0, NULL) != 1)
		panic("rest_init: lost process 1");
	if (status & 0x7f)
		pr_emerg("init killed by signal %d\n", status & 0x7f);
	else
		pr_emerg("init exited with status %d\n", (status >> 8) & 0xff);
	qemu_exit(init_exit_code(status));
}
