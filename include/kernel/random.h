/*
 * include/kernel/random.h - a small seeded pseudo-random generator.
 *
 * Tests and fault injection need random-looking numbers that repeat
 * exactly for the same seed, so a failure can be replayed.  xorshift64*
 * is two lines and good enough.  Linux: include/linux/prandom.h (names).
 */
#ifndef _KERNEL_RANDOM_H
#define _KERNEL_RANDOM_H

#include <kernel/types.h>

struct rnd_state {
	u64 s;
};

static inline void prandom_seed_state(struct rnd_state *state, u64 seed)
{
	state->s = seed ? seed : 0x9e3779b97f4a7c15ULL;	/* never 0 */
}

static inline u32 prandom_u32_state(struct rnd_state *state)
{
	u64 x = state->s;

	x ^= x >> 12;
	x ^= x << 25;
	x ^= x >> 27;
	state->s = x;
	return (u32)((x * 0x2545f4914f6cdd1dULL) >> 32);
}

/* Uniform in [0, ceil). */
static inline u32 prandom_u32_below(struct rnd_state *state, u32 ceil)
{
	return (u32)(((u64)prandom_u32_state(state) * ceil) >> 32);
}

/*
 * Bytes for /dev/urandom and AT_RANDOM: xorshift64* seeded from the TSC at
 * first use.  Unpredictable enough for a teaching kernel, NOT a
 * cryptographic generator as Linux's is (kernel/lib/random.c).
 */
void get_random_bytes(void *buf, size_t len);

#endif
