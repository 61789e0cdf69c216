/*
 * include/kernel/atomic.h - atomic_t, as Linux spells it.
 *
 * mmlab runs on one CPU with interrupts off, so a plain int is atomic
 * enough; the type and helpers keep Linux's names so code reads the same
 * (page refcounts and mapcounts are atomic_t in Linux).
 */
#ifndef _KERNEL_ATOMIC_H
#define _KERNEL_ATOMIC_H

typedef struct {
	int counter;
} atomic_t;

#define ATOMIC_INIT(i)	{ (i) }

static inline int atomic_read(const atomic_t *v) { return *(volatile const int *)&v->counter; }
static inline void atomic_set(atomic_t *v, int i) { v->counter = i; }
static inline void atomic_add(int i, atomic_t *v) { v->counter += i; }
static inline void atomic_sub(int i, atomic_t *v) { v->counter -= i; }
static inline void atomic_inc(atomic_t *v) { v->counter++; }
static inline void atomic_dec(atomic_t *v) { v->counter--; }
static inline int atomic_inc_return(atomic_t *v) { return ++v->counter; }
static inline int atomic_dec_return(atomic_t *v) { return --v->counter; }
static inline int atomic_add_return(int i, atomic_t *v) { return v->counter += i; }
static inline int atomic_sub_return(int i, atomic_t *v) { return v->counter -= i; }
static inline int atomic_dec_and_test(atomic_t *v) { return --v->counter == 0; }
static inline int atomic_inc_and_test(atomic_t *v) { return ++v->counter == 0; }
static inline int atomic_add_negative(int i, atomic_t *v) { return (v->counter += i) < 0; }

#endif
