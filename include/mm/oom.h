/*
 * include/mm/oom.h - the out-of-memory killer (mm/oom_kill.c): a user
 * fault that cannot get a page kills the biggest process.  Linux:
 * include/linux/oom.h.
 */
#ifndef _MM_OOM_H
#define _MM_OOM_H

/* A user fault returned VM_FAULT_OOM: kill a process (or panic); the fault is retried. */
void pagefault_out_of_memory(void);

#endif
