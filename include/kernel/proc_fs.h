/*
 * include/kernel/proc_fs.h - what the files of /proc show.  Each is a
 * show() for seq_render() (include/kernel/seq_file.h), with m->private the
 * mm or task it is about; the file system that gives them names and file
 * descriptors calls these.  Linux: fs/proc/ (meminfo.c, task_mmu.c,
 * array.c), mm/vmstat.c.
 */
#ifndef _KERNEL_PROC_FS_H
#define _KERNEL_PROC_FS_H

#include <kernel/types.h>

struct seq_file;
struct mm_struct;

int meminfo_proc_show(struct seq_file *m, void *v);	/* /proc/meminfo */
int show_map(struct seq_file *m, void *v);		/* /proc/PID/maps; private: mm */
int show_smap(struct seq_file *m, void *v);		/* /proc/PID/smaps; private: mm */
int proc_pid_status(struct seq_file *m, void *v);	/* /proc/PID/status; private: task */
int proc_pid_stat(struct seq_file *m, void *v);		/* /proc/PID/stat; private: task */
int proc_pid_cmdline(struct seq_file *m, void *v);	/* /proc/PID/cmdline; private: task */

/*
 * Creates the files of /proc and /sys in the root file system (after the
 * initramfs is unpacked); again later, it leaves what exists.  0 or -errno.
 */
int proc_root_init(void);

struct task_struct;
/*
 * /proc/PID/ for task p: the directory (named p->pid) and its files
 * (stat, status, cmdline, maps, smaps, pagemap), each rendered from the
 * task found by pid when it is opened.  Called when a task joins the task
 * list (kthread_create, fork) and by proc_root_init() for those already
 * on it; a root without /proc (early boot, before proc_root_init) is
 * left alone and 0 returned.  0 or -errno (nothing left half-made).
 */
int proc_pid_create(struct task_struct *p);
/*
 * Removes /proc/PID/ of p (release_task, before p is freed).  A file
 * still open keeps the text it rendered at open; opening is -ENOENT.
 */
void proc_pid_remove(struct task_struct *p);

/*
 * /proc/PID/pagemap: one 64-bit entry per virtual page, the file offset
 * being (address / 4096) * 8.  Fills buf with count bytes read at pos and
 * returns how many (0 past the end of the address space), or -EINVAL if
 * pos or count is not a multiple of 8, as Linux's pagemap_read().
 */
long pagemap_read(struct mm_struct *mm, u64 *buf, size_t count, u64 pos);

/* The bits of a pagemap entry (Linux: fs/proc/task_mmu.c). */
#define PM_ENTRY_BYTES		8
#define PM_PFRAME_BITS		55
#define PM_PFRAME_MASK		((1ULL << PM_PFRAME_BITS) - 1)
#define PM_SOFT_DIRTY		(1ULL << 55)
#define PM_MMAP_EXCLUSIVE	(1ULL << 56)
#define PM_UFFD_WP		(1ULL << 57)
#define PM_FILE			(1ULL << 61)
#define PM_SWAP			(1ULL << 62)
#define PM_PRESENT		(1ULL << 63)
#define MAX_SWAPFILES_SHIFT	5	/* a swap entry's frame: type | offset << 5 */

#endif
