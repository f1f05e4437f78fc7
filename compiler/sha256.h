/* sha256.h — SHA-256 (FIPS 180-4), for the source hash a module carries as provenance: auditors compare it
 * with `sha256sum criteria.zi`. */
#ifndef ZI_SHA256_H
#define ZI_SHA256_H

#include <stddef.h>

/* Writes the lowercase hex digest of `data` (64 characters and a NUL) to `hex`. */
void zi_sha256_hex(const void *data, size_t len, char hex[65]);

#endif
