/*
 * kernel/fs/proc/base.c - /proc/PID/cmdline: the task's argument strings,
 * each ending in its NUL, as the ELF loader left them on its stack
 * (mm->arg_start .. arg_end, set by create_elf_tables in
 * kernel/exec_elf.c).  They are read from the task's own page tables
 * through the direct map, not through CR3, so any task's can be read; a
 * task without an mm (a kernel thread) or without arguments has an empty
 * cmdline, as in Linux.  Linux: fs/proc/base.c (proc_pid_cmdline_read,
 * get_mm_cmdline), mm/memory.c (access_remote_vm).
 *
 * And /proc/PID/fail-nth: the task's fault-injection countdown
 * (include/mm/fault-inject.h), a number read and written at each call.
 * Linux: proc_fail_nth_read/write (/proc/PID/fail-nth and
 * /proc/PID/task/TID/fail-nth).
 */
#include <kernel/proc_fs.h>
#include <kernel/seq_file.h>
#include <kernel/sched.h>
#include <mm/mm_types.h>
#include <mm/memory.h>
#include <mm/mm.h>
#include <kernel/fs.h>
#include <kernel/uio.h>
#include <kernel/errno.h>
#include <kernel/string.h>
#include <kernel/printk.h>
#include "../internal.h"

/*
 * Linux's access_remote_vm() faults in what is not there; mmlab reads only
 * present pages and stops at the first that is not (never touched,
 * PROT_NONE, on a device, being migrated): the bytes before it are shown.
 */
int proc_pid_cmdline(struct seq_file *m, void *v)
{
	struct task_struct *task = m->private;
	struct mm_struct *mm = task->mm;
	unsigned long addr;

	if (!mm || mm->arg_end <= mm->arg_start)
		return 0;
	for (addr = mm->arg_start; addr < mm->arg_end;) {
		unsigned long off = addr & ~PAGE_MASK;
		size_t n = min(mm->arg_end - addr, PAGE_SIZE - off);
		struct mm_mapping map;

		mm_find_mapping(mm, addr, &map);
		if (!map.present)
			break;
		if (seq_write(m, (char *)page_address(pfn_to_page(map.pfn)) + off, n))
			break;		/* seq_render grows the buffer and runs again */
		addr += n;
	}
	return 0;
}

static ssize_t proc_fail_nth_read(struct file *file, struct iov_iter *to, loff_t *pos)
{
	struct task_struct *task = proc_file_task(file);
	char buf[16];
	size_t len, copied;

	if (!task)
		return -ESRCH;
	len = scnprintf(buf, sizeof(buf), "%u\n", task->fail_nth);
	if (*pos >= (loff_t)len || !iov_iter_count(to))
		return 0;
	copied = copy_to_iter(buf + *pos, len - *pos, to);
	if (!copied)
		return -EFAULT;
	*pos += copied;
	return copied;
}

/*
 * The number in the first bytes written (Linux: kstrtouint_from_user - at
 * most 34 bytes are read: sign, 32 binary digits, newline; a longer write
 * is taken whole).  0 turns injection off.
 */
static ssize_t proc_fail_nth_write(struct file *file, struct iov_iter *from, loff_t *pos)
{
	size_t count = iov_iter_count(from);
	char buf[1 + sizeof(unsigned int) * 8 + 1 + 1];
	size_t len = min(count, sizeof(buf) - 1);
	struct task_struct *task;
	unsigned int n;
	int err;

	(void)pos;
	if (copy_from_iter(buf, len, from) != len)
		return -EFAULT;
	buf[len] = '\0';
	err = kstrtouint(buf, 0, &n);
	if (err)
		return err;
	task = proc_file_task(file);
	if (!task)
		return -ESRCH;
	task->fail_nth = n;
	return count;
}

/* No llseek, as Linux: lseek is -ESPIPE; pread works (syzkaller reads it so). */
const struct file_operations proc_fail_nth_operations = {
	.read_iter = proc_fail_nth_read,
	.write_iter = proc_fail_nth_write,
};
