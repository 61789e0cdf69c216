/*
 * kernel/fs/proc/base.c - /proc/PID/cmdline: the task's argument strings,
 * each ending in its NUL, as the ELF loader left them on its stack
 * (mm->arg_start .. arg_end, set by create_elf_tables in
 * kernel/exec_elf.c).  They are read from the task's own page tables
 * through the direct map, not through CR3, so any task's can be read; a
 * task without an mm (a kernel thread) or without arguments has an empty
 * cmdline, as in Linux.  Linux: fs/proc/base.c (proc_pid_cmdline_read,
 * get_mm_cmdline), mm/memory.c (access_remote_vm).
 */
#include <kernel/proc_fs.h>
#include <kernel/seq_file.h>
#include <kernel/sched.h>
#include <mm/mm_types.h>
#include <mm/memory.h>
#include <mm/mm.h>

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
