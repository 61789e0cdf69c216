/*
 * include/asm/segment.h - the GDT's layout and its selectors.
 *
 * Long mode ignores segment bases and limits, but CS and SS still say which
 * ring runs, and `syscall`/`sysretq` find their selectors by position: STAR
 * names the kernel CS (SS is the next slot) and a user base B from which
 * sysretq takes SS = B+8 and CS = B+16.  So the order below is forced, and
 * it is Linux's (arch/x86/include/asm/segment.h), which also makes a
 * register dump read the same: user CS 0x33, SS 0x2b.
 */
#ifndef _ASM_SEGMENT_H
#define _ASM_SEGMENT_H

#define GDT_ENTRY_KERNEL32_CS	1	/* unused by mmlab: left empty */
#define GDT_ENTRY_KERNEL_CS	2
#define GDT_ENTRY_KERNEL_DS	3
#define GDT_ENTRY_DEFAULT_USER32_CS 4	/* not present: no 32-bit user code */
#define GDT_ENTRY_DEFAULT_USER_DS 5
#define GDT_ENTRY_DEFAULT_USER_CS 6
#define GDT_ENTRY_TSS		8	/* 16 bytes: slots 8 and 9 */
#define GDT_ENTRIES		10

#define __KERNEL_CS		(GDT_ENTRY_KERNEL_CS * 8)		/* 0x10 */
#define __KERNEL_DS		(GDT_ENTRY_KERNEL_DS * 8)		/* 0x18 */
#define __USER32_CS		(GDT_ENTRY_DEFAULT_USER32_CS * 8 + 3)	/* 0x23 */
#define __USER_DS		(GDT_ENTRY_DEFAULT_USER_DS * 8 + 3)	/* 0x2b */
#define __USER_CS		(GDT_ENTRY_DEFAULT_USER_CS * 8 + 3)	/* 0x33 */
#define __TSS_SEL		(GDT_ENTRY_TSS * 8)			/* 0x40 */

#endif
