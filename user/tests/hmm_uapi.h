/*
 * user/tests/hmm_uapi.h - /dev/hmm_dmirror's ioctls as user programs see
 * them: Linux's lib/test_hmm_uapi.h (musl has no kernel headers), plus
 * mmlab's HMM_DMIRROR_FLAGS (from a newer Linux).
 */
#ifndef USER_TESTS_HMM_UAPI_H
#define USER_TESTS_HMM_UAPI_H

#include <stdint.h>
#include <sys/ioctl.h>

struct hmm_dmirror_cmd {
	uint64_t addr, ptr, npages, cpages, faults;
};
#define HMM_DMIRROR_READ		_IOWR('H', 0x00, struct hmm_dmirror_cmd)
#define HMM_DMIRROR_WRITE		_IOWR('H', 0x01, struct hmm_dmirror_cmd)
#define HMM_DMIRROR_MIGRATE_TO_DEV	_IOWR('H', 0x02, struct hmm_dmirror_cmd)
#define HMM_DMIRROR_MIGRATE_TO_SYS	_IOWR('H', 0x03, struct hmm_dmirror_cmd)
#define HMM_DMIRROR_SNAPSHOT		_IOWR('H', 0x04, struct hmm_dmirror_cmd)
#define HMM_DMIRROR_FLAGS		_IOWR('H', 0x08, struct hmm_dmirror_cmd)
#define HMM_DMIRROR_FLAG_FAIL_ALLOC	(1ULL << 0)
#define HMM_DMIRROR_PROT_WRITE		0x02
#define HMM_DMIRROR_PROT_PMD		0x04
#define HMM_DMIRROR_PROT_DEV_PRIVATE_LOCAL 0x20

#endif
