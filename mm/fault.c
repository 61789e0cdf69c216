/*
 * mm/fault.c - a page fault on a user address: find the VMA, check the
 * access, and let handle_mm_fault() map the page.
 *
 * Called first by the trap handler (kernel/traps.c) for every #PF.  If the
 * fault is not resolved here, user code gets SIGSEGV (SIGBUS where the
 * mm cannot back a mapped address: -SIGBUS tells the trap); in the kernel the
 * exception table gets its chance (a user copy then returns an error), and
 * otherwise the oops prints why we gave up (no VMA, a write to a read-only
 * VMA, out of memory) with the VMA's state.
 * Linux: arch/x86/mm/fault.c (do_user_addr_fault, access_error).
 */
#include <mm/oom.h>
#include <mm/memory.h>
#include <mm/mmap.h>
#include <kernel/sched.h>
#include <kernel/printk.h>
#include <kernel/signal.h>
#include <asm/traps.h>

static char last_reason[160];

/* Would this access break the VMA's permissions?  (Linux: access_error) */
static bool access_error(unsigned long error, const struct vm_area_struct *vma)
{
	if (error & X86_PF_INSTR)	/* Linux maps the page, then faults again on NX */
		return !(vma->vm_flags & VM_EXEC);
	if (error & X86_PF_WRITE)
		return !(vma->vm_flags & VM_WRITE);
	if (error & X86_PF_PROT)
		return true;		/* a read of a present page can't be fixed */
	return !vma_is_accessible(vma);	/* x86: write or exec implies read */
}

static void describe_vma(const char *what, const struct vm_area_struct *vma)
{
	if (vma)
		snprintf(last_reason, sizeof(last_reason), "%s [%#lx-%#lx) %c%c%s", what,
			 vma->vm_start, vma->vm_end, vma->vm_flags & VM_READ ? 'r' : '-',
			 vma->vm_flags & VM_WRITE ? 'w' : '-',
			 vma->vm_flags & VM_HUGEPAGE ? " hugepage" : "");
	else
		snprintf(last_reason, sizeof(last_reason), "%s", what);
}

static int do_user_addr_fault(struct pt_regs *regs, unsigned long address)
{
	struct mm_struct *mm = current->mm;
	unsigned long error = regs->orig_ax;
	struct vm_area_struct *vma;
	vm_fault_t ret;

	last_reason[0] = '\0';
	if (address > TASK_SIZE_MAX)
		return 0;			/* a kernel address: not ours */
	if (!mm) {
		describe_vma("no user address space in use (current->mm is NULL)", NULL);
		return 0;
	}
	vma = vma_lookup(mm, address);
	if (!vma) {
		describe_vma("no VMA covers it; next VMA", find_vma(mm, address));
		return 0;
	}
	if (access_error(error, vma)) {
		describe_vma(error & X86_PF_WRITE ? "write not allowed by VMA" :
			     error & X86_PF_INSTR ? "exec not allowed by VMA" :
			     "read not allowed by VMA", vma);
		return 0;
	}
	ret = handle_mm_fault(vma, address, error & X86_PF_WRITE ? FAULT_FLAG_WRITE : 0);
	if ((ret & VM_FAULT_OOM) && user_mode(regs)) {
		pagefault_out_of_memory();	/* someone dies; the access is retried */
		return 1;
	}
	if (ret & VM_FAULT_ERROR) {
		describe_vma(ret & VM_FAULT_OOM ? "out of memory in VMA" :
			     "handle_mm_fault failed in VMA", vma);
		if (!user_mode(regs))
			return 0;	/* the exception table's, or an oops */
		/* Linux: mm_fault_error() - do_sigbus(), or bad_area_nosemaphore() */
		return ret & VM_FAULT_SIGBUS ? -SIGBUS : ret & VM_FAULT_SIGSEGV ? -SIGSEGV : 0;
	}
	return 1;
}

static void explain_user_fault(unsigned long address)
{
	if (last_reason[0])
		printk(KERN_EMERG "mmlab: page fault at %#lx not resolved: %s\n",
		       address, last_reason);
}

void mm_fault_init(void)
{
	page_fault_hook = do_user_addr_fault;
	page_fault_oops_hook = explain_user_fault;
}
