/*
 * tests/host/host.h - how the host files of the kernel side (shim.c, arch.c,
 * mmu.c, tlb.c, uaccess.c) reach each other and the libc side (host_main.c).
 */
#ifndef _TESTS_HOST_HOST_H
#define _TESTS_HOST_HOST_H

#include <kernel/types.h>
#include <kernel/compiler.h>

/* host_main.c: the only calls into Linux */
void host_write(const char *s, unsigned long n);
void __noreturn host_exit(int status);
void __noreturn host_abort(void);
void host_ram_create(unsigned long base, unsigned long size, bool populate);
void host_user_window_create(unsigned long start, unsigned long end);
void host_map(unsigned long virt, unsigned long len, unsigned long phys, bool writable);
void host_unmap(unsigned long virt, unsigned long len);
void host_release(unsigned long virt, unsigned long len);
unsigned long host_mapping_count(void);
void host_stack_bounds(unsigned long *lo, unsigned long *hi);
/*
 * Runs fn(arg); a host_group_exit(code) in it returns here: 0 or the code.
 * host_group_exit() returns false if no one is catching (then it is a bug).
 */
int host_catch_group_exit(void (*fn)(void *), void *arg);
bool host_group_exit(int code);
/* A user copy in the window; returns the bytes not copied (uaccess.c). */
unsigned long host_copy_user(void *to, const void *from, unsigned long n, unsigned long uaddr);

/* kallsyms.c: the symbol table, from the program's own ELF file */
void host_kallsyms_init(void);

/* arch.c: what boot code and kernel/ would have set up */
void host_arch_init(void);
/* The "CR3" of the software MMU: physical address of the PML4 in use. */
extern unsigned long host_cr3;

/* mmu.c: the software MMU */
void host_mmu_init(void);
/*
 * Makes the page at a user address accessible as the CPU would for this
 * access, faulting through the mm if the page tables refuse it:
 * 0, or -EFAULT if the mm could not resolve the fault.
 */
int host_mmu_access(unsigned long addr, bool write);

/* tlb.c: host mappings are released every HOST_TLB_SWEEP_OPS fills and flushes */
#define HOST_TLB_SWEEP_OPS	16384
/* tlb.c: [virt, virt + len) is about to get a translation (4 KiB or 2 MiB) */
void host_tlb_filled(unsigned long virt, unsigned long len);
/* drop the translation of addr's page (invlpg) */
void host_flush_tlb_one(unsigned long addr);
/* drop every translation the software MMU has made (a CR3 load) */
void host_flush_tlb_all(void);

#endif
