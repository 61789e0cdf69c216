/*
 * kernel/fs/proc/generic.c - the files of /proc and /sys in the file
 * system: each name gets an inode whose file operations run the file's
 * show() at open (seq_render) and read from that text, so a program sees
 * one consistent snapshot however it reads.  /proc/self/... is about the
 * task that opens it; /proc/PID/... (one directory per task on the task
 * list, made by proc_pid_create) about the task with that pid, looked up
 * when the file is opened: -ESRCH if it has gone.  The pid is the
 * directory inode's i_private (Linux: proc_inode->pid).  pagemap is
 * computed at each read, at the file position; the transparent_hugepage
 * files take writes as sysfs does.  Linux: fs/proc/generic.c,
 * fs/proc/base.c (proc_self, proc_pid_lookup, pid_entry tgid_base_stuff),
 * fs/seq_file.c (single_open), fs/kernfs/file.c and fs/sysfs/file.c
 * (sysfs_kf_write).
 */
#include <kernel/proc_fs.h>
#include <kernel/trace.h>
#include <kernel/seq_file.h>
#include <kernel/fs.h>
#include <kernel/uio.h>
#include <kernel/sched.h>
#include <kernel/errno.h>
#include <kernel/printk.h>
#include <mm/slab.h>
#include <mm/gfp.h>
#include <mm/vmstat.h>
#include <mm/huge_mm.h>
#include <mm/mmap.h>
#include <kernel/string.h>
#include <asm/page.h>
#include "../internal.h"

/* What a file shows: the system, a task's mm, or the task. */
enum proc_about { PROC_GLOBAL, PROC_TASK_MM, PROC_TASK };

struct proc_file {
	const char *path;
	int (*show)(struct seq_file *m, void *v);
	long (*store)(const char *buf, size_t count);	/* writable sysfs files */
	void (*truncate)(void);		/* opened for writing with O_TRUNC (tracefs) */
	umode_t mode;			/* 0: 0644 if it takes writes, else 0444 */
	enum proc_about about;
	const struct file_operations *fops;	/* a file of its own kind (no show) */
};

struct proc_text {
	char *text;
	size_t len;
};

/* The sysfs show()s fill a page; as seq_file show()s they print it. */
#define SYSFS_SEQ_SHOW(name)						\
static int name##_seq(struct seq_file *m, void *v)			\
{									\
	char *buf = kmalloc(PAGE_SIZE, GFP_KERNEL);			\
									\
	if (!buf)							\
		return -ENOMEM;						\
	seq_printf(m, "%.*s", (int)name##_show(buf), buf);		\
	kfree(buf);							\
	return 0;							\
}
SYSFS_SEQ_SHOW(enabled)
SYSFS_SEQ_SHOW(defrag)
SYSFS_SEQ_SHOW(hpage_pmd_size)

/* A kernel thread has no address space: its maps are empty, as in Linux. */
static int show_nothing(struct seq_file *m, void *v)
{
	return 0;
}

/*
 * The task a file of /proc/self or /proc/PID is about: the reader for
 * /proc/self (its directory has no pid), else the task with the
 * directory's pid, or NULL if it has gone.  Good until the caller sleeps.
 */
struct task_struct *proc_file_task(struct file *file)
{
	long pid = (long)file->f_dentry->d_parent->d_inode->i_private;

	return pid ? find_task_by_vpid(pid) : current;
}

static int proc_open(struct inode *inode, struct file *file)
{
	const struct proc_file *pf = inode->i_private;
	int (*show)(struct seq_file *, void *) = pf->show;
	struct mm_struct *mm = NULL;
	struct task_struct *task = NULL;
	void *priv = NULL;
	struct proc_text *t;

	if (pf->truncate && (file->f_mode & FMODE_WRITE) && (file->f_flags & O_TRUNC))
		pf->truncate();
	if (pf->about != PROC_GLOBAL) {
		task = proc_file_task(file);
		if (!task)
			return -ESRCH;		/* as Linux's proc_single_open, proc_maps_open */
		priv = task;
	}
	if (pf->about == PROC_TASK_MM) {
		priv = mm = task->mm;
		if (!mm)
			show = show_nothing;
		else
			mmget(mm);		/* Linux: get_task_mm() */
	}
	t = kmalloc(sizeof(*t), GFP_KERNEL);
	if (t)
		t->text = seq_render(show, priv, &t->len);
	mmput(mm);
	if (!t)
		return -ENOMEM;
	if (IS_ERR(t->text)) {
		long err = PTR_ERR(t->text);

		kfree(t);
		return err;
	}
	file->private_data = t;
	return 0;
}

static int proc_release(struct inode *inode, struct file *file)
{
	struct proc_text *t = file->private_data;

	if (t)
		kfree(t->text);
	kfree(t);
	return 0;
}

static ssize_t proc_read_iter(struct file *file, struct iov_iter *to, loff_t *pos)
{
	struct proc_text *t = file->private_data;
	size_t n, copied;

	if (*pos >= (loff_t)t->len)
		return 0;
	n = min(iov_iter_count(to), t->len - (size_t)*pos);
	copied = copy_to_iter(t->text + *pos, n, to);
	if (!copied && n)
		return -EFAULT;
	*pos += copied;
	return copied;
}

/* sysfs: the bytes written, NUL-terminated, go to store(); 0 bytes do nothing. */
static ssize_t sysfs_write_iter(struct file *file, struct iov_iter *from, loff_t *pos)
{
	const struct proc_file *pf = file->f_inode->i_private;
	size_t count = min(iov_iter_count(from), (size_t)PAGE_SIZE - 1);
	char *buf;
	ssize_t ret;

	if (!count)
		return 0;
	buf = kmalloc(PAGE_SIZE, GFP_KERNEL);
	if (!buf)
		return -ENOMEM;
	ret = copy_from_iter(buf, count, from) == count ? 0 : -EFAULT;
	if (!ret) {
		buf[count] = 0;
		ret = pf->store(buf, count);
	}
	kfree(buf);
	return ret;
}

/* SEEK_SET and SEEK_CUR (and SEEK_END for text), as Linux's seq_lseek and mem_lseek. */
static loff_t proc_llseek(struct file *file, loff_t offset, int whence)
{
	struct proc_text *t = file->private_data;
	loff_t base;

	switch (whence) {
	case SEEK_SET:	base = 0; break;
	case SEEK_CUR:	base = file->f_pos; break;
	case SEEK_END:
		if (!t)
			return -EINVAL;
		base = t->len;
		break;
	default:
		return -EINVAL;
	}
	if (__builtin_add_overflow(base, offset, &offset) || offset < 0)
		return -EINVAL;
	file->f_pos = offset;
	return offset;
}

/* pagemap: entries for the file position, 64 at a time. */
static ssize_t pagemap_read_iter(struct file *file, struct iov_iter *to, loff_t *pos)
{
	struct task_struct *task = proc_file_task(file);
	size_t count = iov_iter_count(to);
	ssize_t done = 0;
	u64 buf[64];

	if (!task)
		return -ESRCH;
	if (!task->mm)
		return 0;
	if (*pos % PM_ENTRY_BYTES || count % PM_ENTRY_BYTES)
		return -EINVAL;
	while (count) {
		long got = pagemap_read(task->mm, buf, min(count, sizeof(buf)), *pos);
		size_t copied;

		if (got <= 0)
			return done ? done : got;
		copied = copy_to_iter(buf, got, to);
		*pos += copied;
		done += copied;
		if (copied < (size_t)got)
			return done ? done : -EFAULT;
		count -= got;
	}
	return done;
}

static const struct file_operations proc_seq_fops = {
	.open = proc_open,
	.release = proc_release,
	.read_iter = proc_read_iter,
	.llseek = proc_llseek,
};

static const struct file_operations sysfs_fops = {
	.open = proc_open,
	.release = proc_release,
	.read_iter = proc_read_iter,
	.write_iter = sysfs_write_iter,
	.llseek = proc_llseek,
};

static const struct file_operations pagemap_fops = {
	.read_iter = pagemap_read_iter,
	.llseek = proc_llseek,
};

#define THP_DIR	"/sys/kernel/mm/transparent_hugepage/"
#define TRACING_DIR	"/sys/kernel/tracing/"

static const struct proc_file proc_files[] = {
	{ .path = "/proc/vmstat", .show = vmstat_show },
	{ .path = "/proc/meminfo", .show = meminfo_proc_show },
	{ .path = "/proc/buddyinfo", .show = frag_show },
	{ .path = THP_DIR "enabled", .show = enabled_seq, .store = enabled_store },
	{ .path = THP_DIR "defrag", .show = defrag_seq, .store = defrag_store },
	{ .path = THP_DIR "hpage_pmd_size", .show = hpage_pmd_size_seq },
	/* tracefs: Linux's TRACE_MODE_WRITE (0640) and TRACE_MODE_READ (0440) */
	{ .path = TRACING_DIR "trace", .show = trace_show, .store = tracing_write_stub,
	  .truncate = tracing_reset_online_cpus, .mode = 0640 },
	{ .path = TRACING_DIR "set_event", .show = set_event_show, .store = set_event_store,
	  .truncate = ftrace_clear_events, .mode = 0640 },
	{ .path = TRACING_DIR "available_events", .show = available_events_show, .mode = 0440 },
};

/* The files of /proc/self/ and of each /proc/PID/ (Linux: tgid_base_stuff). */
static const struct proc_file proc_pid_files[] = {
	{ .path = "stat", .show = proc_pid_stat, .about = PROC_TASK },
	{ .path = "status", .show = proc_pid_status, .about = PROC_TASK },
	{ .path = "cmdline", .show = proc_pid_cmdline, .about = PROC_TASK },
	{ .path = "maps", .show = show_map, .about = PROC_TASK_MM },
	{ .path = "smaps", .show = show_smap, .about = PROC_TASK_MM },
	{ .path = "pagemap", .about = PROC_TASK_MM },	/* no show: read by pages */
	{ .path = "fail-nth", .about = PROC_TASK, .fops = &proc_fail_nth_operations },
};

/* The directories, the file system each is in Linux (0: its parent's), and the mode. */
static const struct { const char *path; unsigned long magic; umode_t mode; } proc_dirs[] = {
	{ "/proc", PROC_SUPER_MAGIC, 0555 }, { "/sys", SYSFS_MAGIC, 0555 },
	{ "/sys/kernel", 0, 0755 }, { "/sys/kernel/mm", 0, 0755 },
	{ "/sys/kernel/mm/transparent_hugepage", 0, 0755 },
	{ "/sys/kernel/tracing", TRACEFS_MAGIC, 0700 },	/* tracefs's root */
};

/* The directory path, made if it is not there; *d referenced (dput it). */
static int proc_dir_create(const char *path, umode_t mode, struct dentry **d)
{
	int err = vfs_mkdir(path, mode);

	if (err && err != -EEXIST)
		return err;
	return kern_path(path, LOOKUP_DIRECTORY, d);
}

static int proc_create(const char *path, const struct proc_file *pf)
{
	struct dentry *d;
	int err;

	d = vfs_create_node(path, S_IFREG | (pf->mode ? pf->mode : pf->store || pf->fops ? 0644 : 0444),
			    &err);
	if (!d)
		return err == -EEXIST ? 0 : err;
	d->d_inode->i_private = (void *)pf;
	d->d_inode->i_fop = pf->fops ? pf->fops : !pf->show ? &pagemap_fops :
			    pf->store ? &sysfs_fops : &proc_seq_fops;
	dput(d);
	return 0;
}

#define PROC_PATH_MAX	32	/* "/proc/" INT_MAX "/" "pagemap" */

/* Unlinks the files of /proc/name/ that exist, then the directory. */
static void proc_task_dir_remove(const char *name)
{
	char path[PROC_PATH_MAX];

	for (unsigned int i = 0; i < ARRAY_SIZE(proc_pid_files); i++) {
		scnprintf(path, sizeof(path), "/proc/%s/%s", name, proc_pid_files[i].path);
		vfs_unlink(path);
	}
	scnprintf(path, sizeof(path), "/proc/%s", name);
	vfs_rmdir(path);
}

/*
 * /proc/name/ and its files, the directory's i_private being pid (0 for
 * self: the reader).  An existing directory is filled in, not an error.
 */
static int proc_task_dir_create(const char *name, long pid)
{
	char path[PROC_PATH_MAX];
	struct dentry *d;
	int err;

	scnprintf(path, sizeof(path), "/proc/%s", name);
	err = proc_dir_create(path, 0555, &d);
	if (err)
		return err;
	d->d_inode->i_private = (void *)pid;
	dput(d);
	for (unsigned int i = 0; i < ARRAY_SIZE(proc_pid_files); i++) {
		scnprintf(path, sizeof(path), "/proc/%s/%s", name, proc_pid_files[i].path);
		err = proc_create(path, &proc_pid_files[i]);
		if (err)
			return err;
	}
	return 0;
}

int proc_pid_create(struct task_struct *p)
{
	char name[12];
	struct dentry *d;
	int err;

	if (!p->pid)
		return 0;		/* swapper, pid 0, has none (as in Linux) */
	if (!init_fs.root || kern_path("/proc", LOOKUP_DIRECTORY, &d))
		return 0;		/* no /proc yet: proc_root_init() will do it */
	dput(d);
	scnprintf(name, sizeof(name), "%d", p->pid);
	err = proc_task_dir_create(name, p->pid);
	if (err)
		proc_task_dir_remove(name);
	return err;
}

void proc_pid_remove(struct task_struct *p)
{
	char name[12];

	if (!init_fs.root)
		return;
	scnprintf(name, sizeof(name), "%d", p->pid);
	proc_task_dir_remove(name);
}

int proc_root_init(void)
{
	struct task_struct *p = &init_task;
	int err;

	for (unsigned int i = 0; i < ARRAY_SIZE(proc_dirs); i++) {
		struct dentry *d;

		err = proc_dir_create(proc_dirs[i].path, proc_dirs[i].mode, &d);
		if (err)
			return err;
		if (proc_dirs[i].magic)		/* what is made in it inherits it */
			d->d_inode->i_sb_magic = proc_dirs[i].magic;
		dput(d);
	}
	for (unsigned int i = 0; i < ARRAY_SIZE(proc_files); i++) {
		err = proc_create(proc_files[i].path, &proc_files[i]);
		if (err)
			return err;
	}
	err = proc_task_dir_create("self", 0);
	if (!err)		/* the caller too: mmlab has no /proc/PID/task/TID/ to link to */
		err = proc_task_dir_create("thread-self", 0);
	if (err)
		return err;
	do {				/* init_task, and any task made before /proc was */
		err = proc_pid_create(p);
		if (err)
			return err;
		p = list_entry(p->tasks.next, struct task_struct, tasks);
	} while (p != &init_task);
	return 0;
}
