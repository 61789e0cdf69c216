/*
 * kernel/desc.c - the segment and interrupt descriptor tables, and the MSRs
 * that make `syscall` work.
 *
 * Long mode barely uses segments, but the CPU still wants a GDT: kernel
 * and user code and data (their order is forced by syscall/sysretq, see
 * asm/segment.h), and a TSS.  The TSS gives the CPU the stack to switch to
 * when ring 3 is interrupted (sp0, the current task's) and known-good IST
 * stacks for #DF (so a kernel stack overflow is reported instead of
 * triple-faulting) and NMI.  The IDT points each of the 32 exception
 * vectors at its stub in entry.S.  Linux: arch/x86/kernel/cpu/common.c,
 * idt.c.
 */
#include <asm/desc.h>
#include <asm/traps.h>
#include <asm/boot.h>
#include <asm/segment.h>
#include <asm/processor.h>
#include <kernel/sched.h>
#include <kernel/string.h>

struct gate_desc {
	u16 offset_low;
	u16 segment;
	u8 ist;
	u8 type_attr;		/* 0x8e: present, DPL 0, 64-bit interrupt gate */
	u16 offset_mid;
	u32 offset_high;
	u32 reserved;
} __packed;

struct desc_ptr {
	u16 size;
	u64 address;
} __packed;

extern const unsigned long trap_stubs[TIMER_VECTOR + 1];
extern char boot_stack[], boot_stack_top[];
extern char entry_SYSCALL_64[];

/* Linux's GDT_ENTRY_INIT values: flags (granularity, L/D bits), then access (P, DPL, type). */
static const u64 gdt_template[GDT_ENTRIES] = {
	[GDT_ENTRY_KERNEL_CS]		= 0x00af9b000000ffffUL,	/* 64-bit code, DPL 0 */
	[GDT_ENTRY_KERNEL_DS]		= 0x00cf93000000ffffUL,	/* data, DPL 0 */
	/* 32-bit user code with the present bit clear: a far jump to it is #NP. */
	[GDT_ENTRY_DEFAULT_USER32_CS]	= 0x00cf7b000000ffffUL,
	[GDT_ENTRY_DEFAULT_USER_DS]	= 0x00cff3000000ffffUL,	/* data, DPL 3 */
	[GDT_ENTRY_DEFAULT_USER_CS]	= 0x00affb000000ffffUL,	/* 64-bit code, DPL 3 */
};

static u64 gdt[GDT_ENTRIES] __aligned(16);
struct tss_struct cpu_tss_rw __aligned(16);
static struct gate_desc idt[256] __aligned(16);
static char df_stack[IST_STACK_SIZE] __aligned(16);
static char nmi_stack[IST_STACK_SIZE] __aligned(16);

_Static_assert(__builtin_offsetof(struct x86_hw_tss, sp0) == TSS_sp0, "TSS_sp0");
_Static_assert(__builtin_offsetof(struct x86_hw_tss, sp2) == TSS_sp2, "TSS_sp2");

static void set_tss_descriptor(u64 *slot, struct x86_hw_tss *t)
{
	u64 base = (u64)t, limit = sizeof(*t) - 1;

	slot[0] = (limit & 0xffff) | ((base & 0xffffff) << 16) |
		  (0x89UL << 40) |		/* present, 64-bit TSS (available) */
		  (((limit >> 16) & 0xf) << 48) | (((base >> 24) & 0xff) << 56);
	slot[1] = base >> 32;
}

/* dpl 3 lets ring 3 raise the vector itself (int3); any other `int n` is #GP. */
static void set_gate(int vec, unsigned long handler, int ist, int dpl)
{
	struct gate_desc *g = &idt[vec];

	g->offset_low = handler & 0xffff;
	g->segment = __KERNEL_CS;
	g->ist = ist;
	g->type_attr = 0x8e | (dpl << 5);
	g->offset_mid = (handler >> 16) & 0xffff;
	g->offset_high = handler >> 32;
	g->reserved = 0;
}

static int gate_ist(int vec)
{
	return vec == 8 ? IST_DOUBLE_FAULT : vec == 2 ? IST_NMI : 0;
}

void cpu_init_descriptors(void)
{
	struct desc_ptr gdtr = { sizeof(gdt) - 1, (u64)gdt };
	struct desc_ptr idtr = { sizeof(idt) - 1, (u64)idt };
	struct x86_hw_tss *tss = &cpu_tss_rw.x86_tss;

	memcpy(gdt, gdt_template, sizeof(gdt));
	tss->ist[IST_DOUBLE_FAULT - 1] = (u64)(df_stack + sizeof(df_stack));
	tss->ist[IST_NMI - 1] = (u64)(nmi_stack + sizeof(nmi_stack));
	tss->sp0 = (u64)boot_stack_top;
	tss->io_bitmap_base = sizeof(*tss);
	set_tss_descriptor(&gdt[GDT_ENTRY_TSS], tss);

	__asm__ __volatile__(
		"lgdt %0\n\t"
		"pushq %1\n\t"			/* reload CS with a far return */
		"leaq 1f(%%rip), %%rax\n\t"
		"pushq %%rax\n\t"
		"lretq\n"
		"1:\n\t"
		"movl %2, %%eax\n\t"
		"movl %%eax, %%ds\n\t"
		"movl %%eax, %%es\n\t"
		"movl %%eax, %%ss\n\t"
		"ltr %w3"
		: : "m"(gdtr), "i"(__KERNEL_CS), "i"(__KERNEL_DS), "r"(__TSS_SEL)
		: "rax", "memory");

	for (int v = 0; v < 32; v++)
		set_gate(v, trap_stubs[v], gate_ist(v), v == 3 ? 3 : 0);
	set_gate(TIMER_VECTOR, trap_stubs[TIMER_VECTOR], 0, 0);
	__asm__ __volatile__("lidt %0" : : "m"(idtr));
}

/*
 * syscall: CS/SS from STAR[47:32] (kernel), RIP from LSTAR, RFLAGS &= ~FMASK.
 * sysretq: CS/SS from STAR[63:48] + 16 / + 8, with RPL 3.  FMASK clears IF
 * (the entry runs on the user's stack until it switches), DF (C expects
 * it clear), TF and AC, and the rest Linux clears.
 */
void syscall_init(void)
{
	wrmsr(MSR_STAR, ((u64)__USER32_CS << 48) | ((u64)__KERNEL_CS << 32));
	wrmsr(MSR_LSTAR, (u64)entry_SYSCALL_64);
	wrmsr(MSR_CSTAR, 0);		/* no compat mode: USER32_CS is not present */
	wrmsr(MSR_SYSCALL_MASK, X86_EFLAGS_CF | X86_EFLAGS_PF | X86_EFLAGS_AF |
	      X86_EFLAGS_ZF | X86_EFLAGS_SF | X86_EFLAGS_TF | X86_EFLAGS_IF |
	      X86_EFLAGS_DF | X86_EFLAGS_OF | X86_EFLAGS_IOPL | X86_EFLAGS_NT |
	      X86_EFLAGS_RF | X86_EFLAGS_AC | X86_EFLAGS_ID);
	wrmsr(MSR_EFER, rdmsr(MSR_EFER) | EFER_SCE);
}

void update_task_stack(struct task_struct *task)
{
	cpu_tss_rw.x86_tss.sp0 = task->thread.sp0;
}

/* Is [addr, addr+len) inside one of the kernel's stacks? (for backtraces) */
bool on_kernel_stack(unsigned long addr, size_t len)
{
	unsigned long b0 = (unsigned long)boot_stack, b1 = (unsigned long)boot_stack_top;
	unsigned long d0 = (unsigned long)df_stack, d1 = d0 + sizeof(df_stack);
	unsigned long n0 = (unsigned long)nmi_stack, n1 = n0 + sizeof(nmi_stack);
	unsigned long t0 = (unsigned long)current->stack, t1 = t0 + THREAD_SIZE;

	return (addr >= t0 && addr + len <= t1) || (addr >= b0 && addr + len <= b1) || (addr >= d0 && addr + len <= d1) ||
	       (addr >= n0 && addr + len <= n1);
}

void load_null_idt(void)
{
	struct desc_ptr idtr = { 0, 0 };

	__asm__ __volatile__("lidt %0" : : "m"(idtr));
}
