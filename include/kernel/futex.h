/*
 * include/kernel/futex.h - fast user-space locking: sleep until a word in
 * user memory changes (FUTEX_WAIT), wake sleepers on it (FUTEX_WAKE).
 * musl's pthreads are built on it, and a thread's exit wakes whoever joins
 * it (CLONE_CHILD_CLEARTID).  Linux: include/linux/futex.h, kernel/futex/.
 */
#ifndef _KERNEL_FUTEX_H
#define _KERNEL_FUTEX_H

#include <kernel/types.h>
#include <kernel/compiler.h>

#define FUTEX_WAIT		0
#define FUTEX_WAKE		1
#define FUTEX_WAIT_BITSET	9
#define FUTEX_WAKE_BITSET	10
#define FUTEX_PRIVATE_FLAG	128
#define FUTEX_CLOCK_REALTIME	256
#define FUTEX_BITSET_MATCH_ANY	0xffffffff

/* Wakes up to nr_wake tasks waiting on uaddr (in current's mm); how many woke. */
int futex_wake(u32 __user *uaddr, unsigned int flags, int nr_wake, u32 bitset);

#endif
