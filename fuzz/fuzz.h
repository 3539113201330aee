/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef VMS_FUZZ_H
#define VMS_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

/*
 * A harness is one file fuzz/fuzz_NAME.c with one FUZZ_TARGET(NAME) body.
 * Built with clang and -fsanitize=fuzzer (make fuzz) it is libFuzzer's
 * LLVMFuzzerTestOneInput; built with the normal compiler it registers
 * itself with fuzz/replay.c, which make check runs over the seeds and the
 * saved crash inputs (fuzz/seeds/NAME, fuzz/regressions/NAME).
 */
struct fuzz_target {
	const char *name;
	int (*one)(const uint8_t *data, size_t size);
	struct fuzz_target *next;
};

void fuzz_register(struct fuzz_target *t);

#ifdef FUZZ_LIBFUZZER
#define FUZZ_TARGET(name)						\
	int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);	\
	int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
#else
#define FUZZ_TARGET(name)						\
	static int fuzz_##name##_one(const uint8_t *data, size_t size);	\
	static struct fuzz_target fuzz_##name##_target = {		\
		#name, fuzz_##name##_one, NULL				\
	};								\
	__attribute__((constructor)) static void fuzz_##name##_reg(void) \
	{								\
		fuzz_register(&fuzz_##name##_target);			\
	}								\
	static int fuzz_##name##_one(const uint8_t *data, size_t size)
#endif

/* A broken property: say which and abort, so both drivers report it. */
#define FUZZ_CHECK(cond)						\
	do {								\
		if (!(cond)) {						\
			fprintf(stderr, "%s:%d: check failed: %s\n",	\
				__FILE__, __LINE__, #cond);		\
			abort();					\
		}							\
	} while (0)

#endif
