/*
 * include/asm/desc.h - GDT, TSS and IDT setup (kernel/desc.c).
 */
#ifndef _ASM_DESC_H
#define _ASM_DESC_H

#define IST_DOUBLE_FAULT	1	/* #DF runs on its own stack */
#define IST_NMI			2	/* so does NMI: it may hit entry_SYSCALL_64's first lines */
#define IST_STACK_SIZE		(8 * 1024)

/* Offsets in struct x86_hw_tss, for entry_64.S. */
#define TSS_sp0			4
#define TSS_sp2			20

#ifndef __ASSEMBLER__
#include <kernel/types.h>
#include <kernel/compiler.h>

/* The 64-bit TSS as the CPU reads it.  Linux: arch/x86/include/asm/processor.h. */
struct x86_hw_tss {
	u32 reserved1;
	u64 sp0;		/* %rsp loaded when ring 3 is interrupted */
	u64 sp1;
	u64 sp2;		/* unused by the CPU: entry_SYSCALL_64's scratch */
	u64 reserved2;
	u64 ist[7];		/* stacks for gates that ask for one */
	u32 reserved3;
	u32 reserved4;
	u16 reserved5;
	u16 io_bitmap_base;	/* past the limit: no I/O port is allowed in ring 3 */
} __packed;

struct tss_struct {
	struct x86_hw_tss x86_tss;
};
extern struct tss_struct cpu_tss_rw;	/* Linux: one per CPU */

struct task_struct;

void cpu_init_descriptors(void);
/* MSRs for syscall/sysretq (Linux: arch/x86/kernel/cpu/common.c). */
void syscall_init(void);
/* TSS.sp0 := the task's kernel stack top for user mode (Linux: update_task_stack). */
void update_task_stack(struct task_struct *task);
bool on_kernel_stack(unsigned long addr, size_t len);
/* Load an empty IDT: the next exception triple-faults (runner self-test). */
void load_null_idt(void);
#endif

#endif
