/*
 * kernel/desc.c - the segment and interrupt descriptor tables.
 *
 * Long mode barely uses segments, but the CPU still wants a GDT with a
 * 64-bit code segment, a TSS (its IST slots give the double-fault handler a
 * known-good stack, so a kernel stack overflow is reported instead of
 * triple-faulting) and an IDT pointing each of the 32 exception vectors at
 * its stub in entry.S.  Linux: arch/x86/kernel/cpu/common.c, idt.c.
 */
#include <asm/desc.h>
#include <asm/boot.h>
#include <kernel/compiler.h>
#include <kernel/string.h>

struct tss64 {
	u32 reserved0;
	u64 rsp[3];
	u64 reserved1;
	u64 ist[7];
	u64 reserved2;
	u16 reserved3;
	u16 iomap_base;
} __packed;

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

extern const unsigned long trap_stubs[32];
extern char boot_stack[], boot_stack_top[];

static u64 gdt[5] __aligned(16);
static struct tss64 tss __aligned(16);
static struct gate_desc idt[256] __aligned(16);
static char df_stack[IST_STACK_SIZE] __aligned(16);

static void set_tss_descriptor(u64 *slot, struct tss64 *t)
{
	u64 base = (u64)t, limit = sizeof(*t) - 1;

	slot[0] = (limit & 0xffff) | ((base & 0xffffff) << 16) |
		  (0x89UL << 40) |		/* present, 64-bit TSS (available) */
		  (((limit >> 16) & 0xf) << 48) | (((base >> 24) & 0xff) << 56);
	slot[1] = base >> 32;
}

static void set_gate(int vec, unsigned long handler, int ist)
{
	struct gate_desc *g = &idt[vec];

	g->offset_low = handler & 0xffff;
	g->segment = __KERNEL_CS;
	g->ist = ist;
	g->type_attr = 0x8e;
	g->offset_mid = (handler >> 16) & 0xffff;
	g->offset_high = handler >> 32;
	g->reserved = 0;
}

void cpu_init_descriptors(void)
{
	struct desc_ptr gdtr = { sizeof(gdt) - 1, (u64)gdt };
	struct desc_ptr idtr = { sizeof(idt) - 1, (u64)idt };

	gdt[0] = 0;
	gdt[1] = 0x00af9a000000ffffUL;		/* __KERNEL_CS: 64-bit code */
	gdt[2] = 0x00cf92000000ffffUL;		/* __KERNEL_DS */
	tss.ist[IST_DOUBLE_FAULT - 1] = (u64)(df_stack + sizeof(df_stack));
	tss.iomap_base = sizeof(tss);
	set_tss_descriptor(&gdt[GDT_ENTRY_TSS], &tss);

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
		set_gate(v, trap_stubs[v], v == 8 ? IST_DOUBLE_FAULT : 0);
	__asm__ __volatile__("lidt %0" : : "m"(idtr));
}

/* Is [addr, addr+len) inside one of the kernel's stacks? (for backtraces) */
bool on_kernel_stack(unsigned long addr, size_t len)
{
	unsigned long b0 = (unsigned long)boot_stack, b1 = (unsigned long)boot_stack_top;
	unsigned long d0 = (unsigned long)df_stack, d1 = d0 + sizeof(df_stack);

	return (addr >= b0 && addr + len <= b1) || (addr >= d0 && addr + len <= d1);
}

void load_null_idt(void)
{
	struct desc_ptr idtr = { 0, 0 };

	__asm__ __volatile__("lidt %0" : : "m"(idtr));
}
