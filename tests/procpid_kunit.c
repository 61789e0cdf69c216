/*
 * tests/procpid_kunit.c - /proc/PID/: one directory per task, made when a
 * kernel thread is created and removed when it is released.  Its stat,
 * status, cmdline and maps are read through the VFS (filp_open,
 * kernel_read, getdents64) in a private root (fs_check.h) and checked
 * field by field against the task; a file opened before its task went
 * keeps the text it rendered at open, a file found after is -ESRCH, and
 * nothing (pages, kmalloc objects) is left behind.  Kernel only: the tasks
 * are real kernel threads (tests/sched_kunit.c).
 */
#include "fs_check.h"
#include <kernel/proc_fs.h>
#include <kernel/sched.h>
#include <kernel/stat.h>
#include <kernel/errno.h>
#include <mm/mm_types.h>

#define PF_KTHREAD	0x00200000

static int return_42(void *data)
{
	return 42;
}

/* Lets p run to its end (a zombie) and releases it. */
static void reap(struct task_struct *p)
{
	wake_up_process(p);
	while (p->exit_state != EXIT_ZOMBIE)
		schedule();
	release_task(p);
}

/* The text of /proc/<pid>/<name> (pid 0: self), NUL-terminated; its length or -errno. */
static long read_proc(int pid, const char *name, char *buf, size_t size)
{
	char path[48];
	long n;

	if (pid)
		scnprintf(path, sizeof(path), "/proc/%d/%s", pid, name);
	else
		scnprintf(path, sizeof(path), "/proc/self/%s", name);
	n = fs_read_file(path, buf, size - 1);
	buf[n > 0 ? n : 0] = 0;
	return n;
}

static int open_errno(int pid, const char *name)
{
	char path[48];
	struct file *f;

	scnprintf(path, sizeof(path), "/proc/%d/%s", pid, name);
	f = filp_open(path, O_RDONLY, 0);
	if (IS_ERR(f))
		return PTR_ERR(f);
	fput(f);
	return 0;
}

/* How many space-separated fields the line has (comm has no spaces here). */
static int nr_fields(const char *s)
{
	int n = 1;

	for (; *s && *s != '\n'; s++)
		n += *s == ' ';
	return n;
}

/* Field i (from 1, as proc(5)) of a stat line, as a number. */
static long stat_field(const char *s, int i)
{
	long v = 0, sign = 1;

	while (--i > 0)
		s = strchr(s, ' ') + 1;
	if (*s == '-') {
		sign = -1;
		s++;
	}
	while (*s >= '0' && *s <= '9')
		v = v * 10 + *s++ - '0';
	return sign * v;
}

static void stat_and_status_of_a_kthread(struct kunit *test)
{
	char *buf = kmalloc(PAGE_SIZE, GFP_KERNEL);
	unsigned long objects, pages;
	struct task_struct *p;
	char want[96], dir[24];

	KUNIT_ASSERT_NOT_NULL(test, buf);
	KUNIT_ASSERT_EQ(test, proc_root_init(), 0);
	objects = kmalloc_live_objects();
	pages = nr_free_pages_drained();
	p = kthread_create(return_42, NULL, "procpid-a");
	KUNIT_ASSERT_NOT_NULL(test, p);
	scnprintf(dir, sizeof(dir), "/proc/%d", p->pid);
	KUNIT_EXPECT_EQ(test, fs_lookup(dir, LOOKUP_DIRECTORY), 0);

	/* created asleep, uninterruptible, until woken: D, as a new Linux kthread */
	KUNIT_ASSERT_GT(test, read_proc(p->pid, "stat", buf, PAGE_SIZE), 0);
	scnprintf(want, sizeof(want), "%d (procpid-a) D %d 0 0 0 -1 %d ", p->pid,
		  current->tgid, PF_KTHREAD);
	KUNIT_EXPECT_EQ(test, strncmp(buf, want, strlen(want)), 0);
	KUNIT_EXPECT_EQ(test, nr_fields(buf), 52);
	KUNIT_EXPECT_EQ(test, buf[strlen(buf) - 1], '\n');
	KUNIT_EXPECT_EQ(test, stat_field(buf, 18), 20);		/* priority */
	KUNIT_EXPECT_EQ(test, stat_field(buf, 20), 1);		/* num_threads */
	KUNIT_EXPECT_EQ(test, stat_field(buf, 23), 0);		/* vsize: no mm */
	KUNIT_EXPECT_EQ(test, stat_field(buf, 35), 1);		/* wchan: asleep */
	KUNIT_EXPECT_EQ(test, stat_field(buf, 38), 17);		/* exit_signal SIGCHLD */
	KUNIT_EXPECT_EQ(test, stat_field(buf, 52), 0);		/* exit_code */

	KUNIT_ASSERT_GT(test, read_proc(p->pid, "status", buf, PAGE_SIZE), 0);
	KUNIT_EXPECT_EQ(test, strncmp(buf, "Name:\tprocpid-a\nState:\tD (disk sleep)\n", 38), 0);
	scnprintf(want, sizeof(want), "\nTgid:\t%d\nPid:\t%d\nPPid:\t%d\n", p->pid, p->pid,
		  current->tgid);
	KUNIT_EXPECT_NOT_NULL(test, strstr(buf, want));
	KUNIT_EXPECT_NULL(test, strstr(buf, "VmRSS"));		/* no mm: no memory lines */

	/* a kernel thread: no arguments, no address space */
	KUNIT_EXPECT_EQ(test, read_proc(p->pid, "cmdline", buf, PAGE_SIZE), 0);
	KUNIT_EXPECT_EQ(test, read_proc(p->pid, "maps", buf, PAGE_SIZE), 0);

	/* it ran and returned: a zombie with its exit code until released */
	wake_up_process(p);
	while (p->exit_state != EXIT_ZOMBIE)
		schedule();
	read_proc(p->pid, "stat", buf, PAGE_SIZE);
	scnprintf(want, sizeof(want), "%d (procpid-a) Z ", p->pid);
	KUNIT_EXPECT_EQ(test, strncmp(buf, want, strlen(want)), 0);
	KUNIT_EXPECT_EQ(test, stat_field(buf, 52), 42);
	read_proc(p->pid, "status", buf, PAGE_SIZE);
	KUNIT_EXPECT_NOT_NULL(test, strstr(buf, "\nState:\tZ (zombie)\n"));

	/* released: the directory is gone */
	{
		int pid = p->pid;

		release_task(p);
		KUNIT_EXPECT_EQ(test, fs_lookup(dir, 0), -ENOENT);
		KUNIT_EXPECT_EQ(test, open_errno(pid, "stat"), -ENOENT);
		KUNIT_EXPECT_EQ(test, open_errno(pid, "status"), -ENOENT);
	}
	KUNIT_EXPECT_EQ(test, kmalloc_live_objects(), objects);
	KUNIT_EXPECT_EQ(test, nr_free_pages_drained(), pages);
	kfree(buf);
}

/* getdents64 on /proc: does it list name? */
static bool proc_lists(struct kunit *test, const char *name)
{
	struct file *f = filp_open("/proc", O_RDONLY | O_DIRECTORY, 0);
	char *buf = kmalloc(PAGE_SIZE, GFP_KERNEL);
	bool found = false;
	ssize_t n;

	KUNIT_ASSERT_FALSE(test, IS_ERR(f));
	KUNIT_ASSERT_NOT_NULL(test, buf);
	while ((n = vfs_getdents64(f, buf, PAGE_SIZE, false)) > 0) {
		for (ssize_t off = 0; off < n;) {
			struct linux_dirent64 *d = (void *)(buf + off);

			if (!strcmp(d->d_name, name))
				found = d->d_type == DT_DIR;
			off += d->d_reclen;
		}
	}
	KUNIT_EXPECT_EQ(test, n, 0);
	fput(f);
	kfree(buf);
	return found;
}

static void proc_lists_a_directory_per_task(struct kunit *test)
{
	struct task_struct *a, *b;
	char name[12];

	KUNIT_ASSERT_EQ(test, proc_root_init(), 0);
	a = kthread_create(return_42, NULL, "procpid-b1");
	b = kthread_create(return_42, NULL, "procpid-b2");
	KUNIT_ASSERT_TRUE(test, a && b);
	KUNIT_EXPECT_TRUE(test, proc_lists(test, "1"));		/* init_task */
	KUNIT_EXPECT_TRUE(test, proc_lists(test, "self"));
	scnprintf(name, sizeof(name), "%d", a->pid);
	KUNIT_EXPECT_TRUE(test, proc_lists(test, name));
	reap(a);
	KUNIT_EXPECT_FALSE(test, proc_lists(test, name));
	scnprintf(name, sizeof(name), "%d", b->pid);
	KUNIT_EXPECT_TRUE(test, proc_lists(test, name));
	reap(b);
	KUNIT_EXPECT_FALSE(test, proc_lists(test, name));
	/* proc_root_init again: a directory for each task, none for those gone */
	KUNIT_ASSERT_EQ(test, proc_root_init(), 0);
	KUNIT_EXPECT_FALSE(test, proc_lists(test, name));
	scnprintf(name, sizeof(name), "%d", current->pid);
	KUNIT_EXPECT_TRUE(test, proc_lists(test, name));
}

/*
 * A file opened while its task lived reads the text made at open after
 * the task is freed; pagemap, read at each read, says -ESRCH.  A directory
 * left where release_task() did not look (another root was in use) has
 * files whose open is -ESRCH, never a look at the freed task.
 */
static void files_of_a_task_that_went(struct kunit *test)
{
	char *buf = kmalloc(PAGE_SIZE, GFP_KERNEL);
	struct fs_struct saved = init_fs;
	struct file *stat, *pagemap;
	struct task_struct *p;
	char path[48], want[32];
	loff_t pos = 0;
	u64 entry;
	int pid;

	KUNIT_ASSERT_NOT_NULL(test, buf);
	KUNIT_ASSERT_EQ(test, proc_root_init(), 0);
	p = kthread_create(return_42, NULL, "procpid-c");
	KUNIT_ASSERT_NOT_NULL(test, p);
	pid = p->pid;
	scnprintf(path, sizeof(path), "/proc/%d/stat", pid);
	stat = filp_open(path, O_RDONLY, 0);
	KUNIT_ASSERT_FALSE(test, IS_ERR(stat));
	scnprintf(path, sizeof(path), "/proc/%d/pagemap", pid);
	pagemap = filp_open(path, O_RDONLY, 0);
	KUNIT_ASSERT_FALSE(test, IS_ERR(pagemap));
	reap(p);
	KUNIT_EXPECT_EQ(test, open_errno(pid, "stat"), -ENOENT);
	KUNIT_EXPECT_GT(test, kernel_read(stat, buf, PAGE_SIZE - 1, &pos), 0);
	scnprintf(want, sizeof(want), "%d (procpid-c) D ", pid);
	KUNIT_EXPECT_EQ(test, strncmp(buf, want, strlen(want)), 0);
	pos = 0;
	KUNIT_EXPECT_EQ(test, kernel_read(pagemap, &entry, 8, &pos), -ESRCH);
	fput(stat);
	fput(pagemap);

	/* released while another root was the root: its /proc/PID/ stays here */
	p = kthread_create(return_42, NULL, "procpid-d");
	KUNIT_ASSERT_NOT_NULL(test, p);
	pid = p->pid;
	init_fs.root = init_fs.pwd = ramfs_new_root();
	KUNIT_ASSERT_NOT_NULL(test, init_fs.root);
	reap(p);
	ramfs_kill_root(init_fs.root);
	init_fs = saved;
	KUNIT_EXPECT_EQ(test, open_errno(pid, "stat"), -ESRCH);
	KUNIT_EXPECT_EQ(test, open_errno(pid, "status"), -ESRCH);
	KUNIT_EXPECT_EQ(test, open_errno(pid, "cmdline"), -ESRCH);
	KUNIT_EXPECT_EQ(test, open_errno(pid, "maps"), -ESRCH);
	KUNIT_EXPECT_EQ(test, read_proc(pid, "pagemap", buf, 9), -ESRCH);
	kfree(buf);				/* fs_case_exit frees the stale directory */
}

/*
 * cmdline: the bytes from mm->arg_start to arg_end of the task's mm, read
 * through its page tables, across a page boundary, up to the first page
 * that is not there; the same for /proc/self and /proc/PID, and for a
 * task that is not the reader.  maps of /proc/PID is that of /proc/self.
 */
static void cmdline_and_maps_of_a_task(struct kunit *test)
{
	static const char args[] = "prog\0-x\0an argument";	/* three strings, NULs kept */
	struct mm_struct *mm = vm_case_mm(test);
	unsigned long addr = VM_MMAP(test, 3 * PAGE_SIZE);
	char *buf = kmalloc(2 * PAGE_SIZE, GFP_KERNEL), *self = kmalloc(PAGE_SIZE, GFP_KERNEL);
	struct task_struct *p;
	char want[64];

	KUNIT_ASSERT_TRUE(test, buf && self);
	KUNIT_ASSERT_EQ(test, proc_root_init(), 0);
	mm->arg_start = addr + PAGE_SIZE - 6;		/* "prog\0-" in page 0, the rest in page 1 */
	mm->arg_end = mm->arg_start + sizeof(args);
	memcpy((void *)mm->arg_start, args, sizeof(args));
	KUNIT_EXPECT_EQ(test, read_proc(0, "cmdline", buf, PAGE_SIZE), (long)sizeof(args));
	KUNIT_EXPECT_MEMEQ(test, buf, args, sizeof(args));
	KUNIT_EXPECT_EQ(test, read_proc(current->pid, "cmdline", buf, PAGE_SIZE),
			(long)sizeof(args));
	KUNIT_EXPECT_MEMEQ(test, buf, args, sizeof(args));
	read_proc(0, "stat", buf, PAGE_SIZE);
	KUNIT_EXPECT_EQ(test, stat_field(buf, 48), (long)mm->arg_start);
	KUNIT_EXPECT_EQ(test, stat_field(buf, 49), (long)mm->arg_end);
	KUNIT_EXPECT_EQ(test, stat_field(buf, 23), 3 * PAGE_SIZE);	/* vsize */
	KUNIT_EXPECT_EQ(test, stat_field(buf, 24), 2);			/* rss: 2 pages touched */

	/* another task with that mm: read through the mm, not the reader's CR3 */
	p = kthread_create(return_42, NULL, "procpid-e");
	KUNIT_ASSERT_NOT_NULL(test, p);
	p->mm = mm;
	KUNIT_EXPECT_EQ(test, read_proc(p->pid, "cmdline", buf, PAGE_SIZE), (long)sizeof(args));
	KUNIT_EXPECT_MEMEQ(test, buf, args, sizeof(args));
	KUNIT_EXPECT_GT(test, read_proc(p->pid, "maps", buf, PAGE_SIZE), 0);
	KUNIT_EXPECT_GT(test, read_proc(0, "maps", self, PAGE_SIZE), 0);
	KUNIT_EXPECT_STREQ(test, buf, self);
	scnprintf(want, sizeof(want), "%08lx-%08lx rw-p ", addr, addr + 3 * PAGE_SIZE);
	KUNIT_EXPECT_NOT_NULL(test, strstr(buf, want));
	p->mm = NULL;
	reap(p);

	/* the third page was never touched: the text stops where it starts */
	mm->arg_end = addr + 2 * PAGE_SIZE + 10;
	KUNIT_EXPECT_EQ(test, read_proc(0, "cmdline", buf, 2 * PAGE_SIZE), PAGE_SIZE + 6);
	mm->arg_start = mm->arg_end = 0;
	KUNIT_EXPECT_EQ(test, read_proc(0, "cmdline", buf, PAGE_SIZE), 0);
	kfree(buf);
	kfree(self);
}

static struct kunit_case procpid_cases[] = {
	KUNIT_CASE(stat_and_status_of_a_kthread),
	KUNIT_CASE(proc_lists_a_directory_per_task),
	KUNIT_CASE(files_of_a_task_that_went),
	KUNIT_CASE(cmdline_and_maps_of_a_task),
	{}
};

static struct kunit_suite procpid_suite = {
	.name = "procpid",
	.init = proc_case_init,		/* fs_check.h: a root with /proc, an mm */
	.exit = proc_case_exit,
	.test_cases = procpid_cases,
};
kunit_test_suite(procpid_suite);
