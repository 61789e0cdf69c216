/*
 * kernel/fpu.c - turning SSE on for user mode, and the per-task fxsave area.
 *
 * CR0.EM clear and CR4.OSFXSR set let SSE instructions run at all (without
 * OSFXSR every movaps in user code is #UD); CR0.MP and CR0.NE make x87
 * errors raise #MF, and CR4.OSXMMEXCPT makes an unmasked SSE error raise
 * #XM, both of which a user program then dies of with SIGFPE.  CR0.TS stays
 * clear: mmlab saves state eagerly, as Linux has done since 4.x, instead of
 * trapping the first use (#NM).  Linux: arch/x86/kernel/fpu/init.c, core.c.
 */
#include <asm/fpu.h>
#include <asm/processor.h>
#include <kernel/string.h>

u32 mxcsr_feature_mask = 0x0000ffbf;

static void mxcsr_feature_mask_init(void)
{
	static struct fxregs_state fx;

	__asm__ __volatile__("fxsaveq %0" : "=m"(fx));
	if (fx.mxcsr_mask)
		mxcsr_feature_mask = fx.mxcsr_mask;
}

void fpu__init_cpu(void)
{
	unsigned long cr0 = read_cr0();

	cr0 &= ~(X86_CR0_EM | X86_CR0_TS);
	/* CR0.AM: a user program that sets EFLAGS.AC gets #AC (SIGBUS) for a misaligned access */
	write_cr0(cr0 | X86_CR0_MP | X86_CR0_NE | X86_CR0_AM);
	write_cr4(read_cr4() | X86_CR4_OSFXSR | X86_CR4_OSXMMEXCPT);
	__asm__ __volatile__("fninit");
	mxcsr_feature_mask_init();
}

void fpstate_init_user(struct fpstate *fps)
{
	memset(fps, 0, sizeof(*fps));
	fps->regs.fxsave.cwd = FCW_DEFAULT;
	fps->regs.fxsave.mxcsr = MXCSR_DEFAULT;
}

void save_fpregs_to_fpstate(struct fpu *fpu)
{
	__asm__ __volatile__("fxsaveq %0" : "=m"(fpu->fpstate.regs.fxsave));
}

void restore_fpregs_from_fpstate(struct fpstate *fps)
{
	__asm__ __volatile__("fxrstorq %0" : : "m"(fps->regs.fxsave));
}
