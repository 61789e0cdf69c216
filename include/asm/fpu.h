/*
 * include/asm/fpu.h - the x87/SSE register state a user task owns.
 *
 * Every C program on Linux uses SSE (gcc passes doubles and copies structs
 * in xmm registers), so user mode needs CR4.OSFXSR and each task needs a
 * place to keep its xmm0-15, MXCSR and x87 state while it is not running.
 * mmlab's kernel is built with -mno-sse, so kernel code never touches these
 * registers: the user's values stay live in the CPU across a system call or
 * an exception, and only entering or leaving a task needs fxrstor/fxsave.
 * The 512-byte fxsave image is the CPU's layout (Intel SDM vol. 1, 10.5.1).
 * Linux: arch/x86/include/asm/fpu/types.h, arch/x86/kernel/fpu/core.c.
 */
#ifndef _ASM_FPU_H
#define _ASM_FPU_H

#include <kernel/types.h>
#include <kernel/compiler.h>

#define MXCSR_DEFAULT		0x1f80	/* all SSE exceptions masked, round to nearest */
#define FCW_DEFAULT		0x037f	/* x87: all exceptions masked, 64-bit precision */

struct fxregs_state {
	u16 cwd;		/* x87 control word */
	u16 swd;		/* x87 status word */
	u16 twd;		/* abridged tag word */
	u16 fop;
	u64 rip;
	u64 rdp;
	u32 mxcsr;
	u32 mxcsr_mask;
	u32 st_space[32];	/* 8 x87 registers, 16 bytes each */
	u32 xmm_space[64];	/* xmm0-15, 16 bytes each */
	u32 padding[24];
} __aligned(16);

union fpregs_state {
	struct fxregs_state fxsave;
	u8 __padding[512];
};

/* Linux's fpstate also sizes XSAVE areas; mmlab only uses fxsave. */
struct fpstate {
	union fpregs_state regs;
};

struct fpu {
	struct fpstate fpstate;
};

/* CR0/CR4 so that user code may use SSE (Linux: fpu__init_cpu). */
void fpu__init_cpu(void);
/*
 * The MXCSR bits this CPU has (FXSAVE's mxcsr_mask; 0xffbf if it says 0,
 * i.e. no DAZ): what rt_sigreturn keeps of a frame's MXCSR, since a
 * reserved bit makes fxrstor fault.  Linux: mxcsr_feature_mask_init().
 */
extern u32 mxcsr_feature_mask;
/* The state a new program starts with: Linux's defaults (FCW, MXCSR). */
void fpstate_init_user(struct fpstate *fps);
/* CPU registers -> fpu, and back. */
void save_fpregs_to_fpstate(struct fpu *fpu);
void restore_fpregs_from_fpstate(struct fpstate *fps);

#endif
