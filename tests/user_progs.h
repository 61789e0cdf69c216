/*
 * tests/user_progs.h - where the hand-written user programs of
 * tests/user_progs.S run, and their names for C.
 *
 * Each program is position-independent machine code between `name` and
 * `name_end`; the test copies it to USER_CODE in a fresh mm and runs it
 * with its stack below USER_STACK_TOP.  Programs report results by storing
 * them at fixed offsets in the data page(s) at USER_DATA, which the test
 * reads back through the mm, then exit.
 */
#ifndef _TESTS_USER_PROGS_H
#define _TESTS_USER_PROGS_H

#define USER_CODE	0x400000	/* read + exec, one page */
#define USER_DATA	0x600000	/* read + write unless a case says otherwise */
#define USER_DATA_PAGES	2
#define USER_UNMAPPED	0x500000	/* never mapped */
#define USER_STACK_TOP	0x800000	/* 4 pages below it */
#define USER_STACK_PAGES 4
#define USER_FUZZ_CALLS	100000
#define USER_SPIN_LOOPS	50000000	/* a quarter of a second or so under TCG: many ticks */
#define USER_RO		0x640000	/* a read-only page, when a case maps it */
/* user_syscall_row: the number, six arguments, and where the result goes */
#define ROW_NR		0x800
#define ROW_ARGS	0x808
#define ROW_RET		0x840

#ifndef __ASSEMBLER__
#define DECLARE_USER_PROG(name) extern const char name[], name##_end[]

DECLARE_USER_PROG(user_hello);
DECLARE_USER_PROG(user_ids);
DECLARE_USER_PROG(user_bad_pointers);
DECLARE_USER_PROG(user_enosys);
DECLARE_USER_PROG(user_regs);
extern const char user_regs_after_syscall[];
DECLARE_USER_PROG(user_sse);
DECLARE_USER_PROG(user_fpu_fresh);
DECLARE_USER_PROG(user_fsbase);
DECLARE_USER_PROG(user_syscall_fuzz);
DECLARE_USER_PROG(user_syscall_row);
DECLARE_USER_PROG(user_spin);
DECLARE_USER_PROG(user_load_unmapped);
DECLARE_USER_PROG(user_store_data);
DECLARE_USER_PROG(user_store_code);
DECLARE_USER_PROG(user_read_kernel);
DECLARE_USER_PROG(user_exec_data);
DECLARE_USER_PROG(user_ud2);
DECLARE_USER_PROG(user_int3);
DECLARE_USER_PROG(user_div0);
DECLARE_USER_PROG(user_hlt);
DECLARE_USER_PROG(user_int80);
DECLARE_USER_PROG(user_simd_div0);
DECLARE_USER_PROG(user_x87_div0);
#endif

#endif
