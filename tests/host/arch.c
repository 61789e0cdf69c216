/*
 * tests/host/arch.c - what boot code and kernel/ give the mm, on the host:
 * the one thread and its borrowed mm (kernel/kthread.c), the kernel's page
 * tables (mm/direct_map.c), the page-fault hooks (kernel/traps.c), the
 * stack backtraces may walk (kernel/desc.c), and __pa_symbol for the one
 * page of the kernel's image the mm maps.
 *
 * The kernel's image is not in the simulated RAM, but two of its pages must
 * be: the zero page, which user PTEs map, and the kernel's PML4, whose
 * upper half every mm_alloc() copies (empty here: the host's kernel half is
 * its own).  They live in the reserved first MiB, and the zero page of the
 * image (empty_zero_page) is made an alias of its RAM page.
 */
#include <kernel/sched.h>
#include <kernel/panic.h>
#include <mm/mm_types.h>
#include <mm/memory.h>
#include <mm/direct_map.h>
#include <mm/memblock.h>
#include <asm/traps.h>
#include <asm/page.h>
#include <asm/desc.h>
#include "host.h"

#define HOST_ZERO_PAGE_PHYS	0x1000UL
#define HOST_INIT_PGT_PHYS	0x2000UL

/* The registers user mode would have: at the top of its "kernel stack" (task_pt_regs). */
static struct pt_regs init_user_regs;

struct task_struct init_task = {
	.pid = 1, .tgid = 1, .comm = "mmlab",
	.tasks = { &init_task.tasks, &init_task.tasks },	/* the task list: only it */
	.children = { &init_task.children, &init_task.children },
	.sighand = &init_task.own_sighand,	/* signals: tests/host/exit.c */
	.group_leader = &init_task,
	.thread = { .sp0 = (unsigned long)(&init_user_regs + 1) },
};
struct task_struct *current_task = &init_task;

unsigned long direct_map_bytes;
unsigned long __supported_pte_mask = ~0UL;	/* NX is there, as on any x86-64 CPU */
unsigned long init_top_pgt_phys = HOST_INIT_PGT_PHYS;

int (*page_fault_hook)(struct pt_regs *regs, unsigned long address);
void (*page_fault_oops_hook)(unsigned long address);

unsigned long host_cr3 = HOST_INIT_PGT_PHYS;

unsigned long host_pa_symbol(const void *addr)
{
	if (addr != empty_zero_page)
		panic("__pa_symbol(%p): the host build only has the zero page of the image", addr);
	return HOST_ZERO_PAGE_PHYS;
}

static unsigned long stack_lo, stack_hi;

/* Backtraces (kernel/panic.c) walk frame pointers while on this stack. */
bool on_kernel_stack(unsigned long addr, size_t len)
{
	return addr >= stack_lo && addr + len <= stack_hi;
}

void host_arch_init(void)
{
	host_stack_bounds(&stack_lo, &stack_hi);
	host_map((unsigned long)empty_zero_page, PAGE_SIZE, HOST_ZERO_PAGE_PHYS, true);
	direct_map_bytes = memblock_end_of_DRAM();
}

/* As kernel/kthread.c, with "CR3" the software MMU's (a load flushes it). */
void kthread_use_mm(struct mm_struct *mm)
{
	BUG_ON(current->mm);		/* one at a time, as in Linux */
	current->mm = mm;
	current->active_mm = mm;
	host_cr3 = __pa(mm->pgd);
	host_flush_tlb_all();
}

void kthread_unuse_mm(struct mm_struct *mm)
{
	BUG_ON(current->mm != mm);
	current->mm = NULL;
	current->active_mm = NULL;
	host_cr3 = init_top_pgt_phys;
	host_flush_tlb_all();
}
