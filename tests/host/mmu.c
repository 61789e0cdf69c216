/*
 * tests/host/mmu.c - the software MMU of the host build.
 *
 * mmlab's user addresses are addresses of the test program too: the window
 * [HOST_USER_START, TASK_SIZE_MAX] is reserved PROT_NONE, so the first
 * access to a page there raises SIGSEGV (copy_to_user asks first instead,
 * uaccess.c).  Then we do what the CPU does on a TLB miss: walk mmlab's own
 * page tables from "CR3" (host_cr3), setting the accessed and dirty bits,
 * and if the entries allow the access, fill the "TLB": map that 4 KiB or
 * 2 MiB page of the RAM memfd at the address - writable only if the entry
 * is writable and already dirty, so the first write walks again and sets D,
 * as on x86.  If they do not allow it, it is a #PF: the mm/fault.c handler
 * the kernel's trap handler calls gets a pt_regs with the error code, and
 * the walk is retried.  A fault it cannot resolve is an oops, as in the
 * kernel: the run ends (die()).
 *
 * The host mappings stay until the mm flushes them (tlb.c), so what the
 * device and the migration code write through __va() and what the tests
 * read through user addresses are one memory, kept coherent exactly by
 * the mm's own TLB flushes.  Linux: arch/x86/mm/fault.c; Intel SDM vol. 3
 * ch. 4 (paging) for the walk.
 */
#include <asm/traps.h>
#include <asm/pgtable.h>
#include <kernel/panic.h>
#include <kernel/printk.h>
#include <kernel/sched.h>
#include <kernel/errno.h>
#include <mm/mmap.h>
#include <mm/mm.h>
#include <mm/mm_init.h>
#include <mm/memory.h>
#include "host.h"

/* A fault "resolved" this often in a row would loop forever on the CPU. */
#define MAX_FAULT_RETRIES	8

void host_mmu_init(void)
{
	host_user_window_create(HOST_USER_START, TASK_SIZE_MAX + PAGE_SIZE);
}

/* The RAM page an entry points to, checked: a bad entry is a kernel bug. */
static unsigned long *table_of(unsigned long entry)
{
	unsigned long phys = entry & PTE_PFN_MASK;

	if (PFN_DOWN(phys) >= max_pfn)
		panic("software MMU: page-table entry %#lx points beyond RAM", entry);
	return __va(phys);
}

/*
 * The CPU's walk for one access: the entry that maps addr (its size in
 * *size) if the page tables allow the access, with A (and D for a write)
 * set; else NULL and the #PF error code in *error.
 */
static unsigned long *walk(unsigned long addr, bool write, unsigned long *size,
			   unsigned long *error)
{
	static const unsigned int shift[] = { PGDIR_SHIFT, PUD_SHIFT, PMD_SHIFT, PAGE_SHIFT };
	unsigned long *table = __va(host_cr3), *entry;

	for (int level = 0;; level++) {
		entry = &table[(addr >> shift[level]) & 511];
		if (!(*entry & _PAGE_PRESENT)) {
			*error = write ? X86_PF_WRITE : 0;
			return NULL;
		}
		if (write && !(*entry & _PAGE_RW)) {
			*error = X86_PF_PROT | X86_PF_WRITE;
			return NULL;
		}
		*entry |= _PAGE_ACCESSED;
		if (level == 3 || (level == 2 && (*entry & _PAGE_PSE))) {
			*size = 1UL << shift[level];
			break;
		}
		if (*entry & _PAGE_PSE)
			panic("software MMU: 1 GiB page at %#lx (mmlab has none)", addr);
		table = table_of(*entry);
	}
	if (write)
		*entry |= _PAGE_DIRTY;
	return entry;
}

/* Fills the TLB: writable only once the entry is dirty. */
static void fill(unsigned long addr, unsigned long entry, unsigned long size)
{
	unsigned long virt = addr & ~(size - 1), phys = entry & PTE_PFN_MASK;

	if (!IS_ALIGNED(phys, size) || PFN_DOWN(phys + size - 1) >= max_pfn)
		panic("software MMU: entry %#lx for %#lx is misaligned or beyond RAM", entry, addr);
	host_tlb_filled(virt, size);
	host_map(virt, size, phys, (entry & _PAGE_RW) && (entry & _PAGE_DIRTY));
}

/* The access, through as many faults as it takes; 0 or -EFAULT. */
static int mmu_access(unsigned long addr, bool write, unsigned long ip, unsigned long *error)
{
	struct pt_regs regs = { .ip = ip };	/* cs 0: a kernel-mode access */
	unsigned long *entry, size;

	for (int tries = 0; tries <= MAX_FAULT_RETRIES; tries++) {
		entry = walk(addr, write, &size, error);
		if (entry && addr < HOST_USER_START) {
			pr_emerg("software MMU: mmlab maps user address %#lx, below the host's "
				 "user window [%#lx, %#lx]: the host build cannot back it\n",
				 addr, HOST_USER_START, TASK_SIZE_MAX);
			return -EFAULT;
		}
		if (entry) {
			fill(addr, *entry, size);
			return 0;
		}
		/* A #PF drops the TLB's translation of the address (SDM 4.10.4.1). */
		if (addr >= HOST_USER_START)
			host_flush_tlb_one(addr);
		regs.orig_ax = *error;
		if (!page_fault_hook || !page_fault_hook(&regs, addr))
			return -EFAULT;
	}
	dump_pagetable(current->mm, addr);
	panic("software MMU: the fault at %#lx was resolved %d times, yet the page tables "
	      "still refuse the %s (the CPU would loop forever)", addr, MAX_FAULT_RETRIES,
	      write ? "write" : "read");
}

int host_mmu_access(unsigned long addr, bool write)
{
	unsigned long error;

	return mmu_access(addr, write, (unsigned long)__builtin_return_address(0), &error);
}

/* As kernel/traps.c's do_trap() for a #PF nobody resolves. */
static void __noreturn oops(unsigned long addr, unsigned long error, const struct pt_regs *regs)
{
	char line[192];

	snprintf(line, sizeof(line),
		 "#PF page fault, error code 0x%lx [%s %s kernel-mode] at address 0x%lx",
		 error, error & X86_PF_PROT ? "protection-violation" : "not-present",
		 error & X86_PF_WRITE ? "write" : "read", addr);
	printk(KERN_EMERG "mmlab: oops: %s\n", line);
	if (page_fault_oops_hook)
		page_fault_oops_hook(addr);
	printk(KERN_EMERG "RIP: %016lx %pS\n", regs->ip, (void *)regs->ip);
	printk(KERN_EMERG "RSP: %016lx RBP: %016lx CR3 (software MMU): %016lx\n",
	       regs->sp, regs->bp, host_cr3);
	show_backtrace(regs->bp, regs->ip);
	die(line);
}

/*
 * A #PF at addr (host_main.c's SIGSEGV handler), with the registers of the
 * access.  As in the kernel, an address up to TASK_SIZE_MAX is the mm's
 * business: returns 1 once the access can run again, -1 if the mm refuses
 * it and a user copy's fixup can take over, and otherwise oopses.  Above is
 * the rest of the program (a real crash, which ASan reports): returns 0.
 */
int host_user_fault(unsigned long addr, bool write, unsigned long ip, unsigned long sp,
		    unsigned long bp, bool fixup)
{
	struct pt_regs regs = { .ip = ip, .sp = sp, .bp = bp };
	unsigned long error;

	if (addr > TASK_SIZE_MAX)
		return 0;
	if (!mmu_access(addr, write, ip, &error))
		return 1;
	if (fixup)
		return -1;
	oops(addr, error, &regs);
}
