/*
 * kernel/lib/random.c - get_random_bytes(): random-looking bytes.
 *
 * One xorshift64* state, seeded from the time stamp counter the first time
 * it is asked; good enough for AT_RANDOM's stack-protector canary and
 * /dev/urandom in a teaching kernel, and not a cryptographic generator
 * (Linux's drivers/char/random.c is: entropy pools and ChaCha20).
 */
#include <kernel/random.h>
#include <kernel/string.h>
#include <asm/processor.h>

static struct rnd_state random_state;

void get_random_bytes(void *buf, size_t len)
{
	u8 *p = buf;

	if (!random_state.s)
		prandom_seed_state(&random_state, rdtsc());
	while (len) {
		u32 word = prandom_u32_state(&random_state);
		size_t n = len < sizeof(word) ? len : sizeof(word);

		memcpy(p, &word, n);
		p += n;
		len -= n;
	}
}
