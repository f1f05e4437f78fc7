/* fuzz.h — what the fuzz targets share (fuzz/README.md says how to build and run them). */
#ifndef ZI_FUZZ_H
#define ZI_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "zi/runtime.h"

/* libFuzzer's entry points. */
int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The runtime tests' hand-written module (tests/runtime/fixture_module.c, linked into the target), with its
 * checksum computed here the way gen_checksum.c does: a valid descriptor with native entry points. Built on
 * the first call; never NULL. */
const struct zi_module *zi_fuzz_fixture(void);

/* /dev/null, opened once for writing: reports and diagnostics go through their whole code path, and
 * nowhere. Aborts when it cannot be opened, which is a broken machine rather than a finding. */
static inline FILE *zi_fuzz_null(void)
{
    static FILE *null;
    if (!null && !(null = fopen("/dev/null", "w"))) abort();
    return null;
}

/* A read stream over the fuzzer's bytes (fmemopen refuses an empty buffer: /dev/null stands in). The
 * caller fcloses it. Aborts when it cannot be made. */
static inline FILE *zi_fuzz_stream(const uint8_t *data, size_t size)
{
    FILE *f = size ? fmemopen((void *)data, size, "rb") : fopen("/dev/null", "rb");
    if (!f) abort();
    return f;
}

#endif
