/* zic_sign.h — `zic keygen` and `zic build --sign`: the files around libzirt's signatures (zi/runtime.h). */
#ifndef ZIC_SIGN_H
#define ZIC_SIGN_H

#include <stddef.h>

/* Makes a key pair: the secret key in `keyfile` (mode 0600, never over an existing file) and the public key
 * in `keyfile`.pub, named after the file. Prints what it made, or the problem, on stderr; returns the exit
 * status (0, or 2). */
int zic_keygen(const char *keyfile);

/* Appends to the module at `module_path` the signature of its bytes with the secret key in `keyfile`.
 * 0, or -1 with a one-line message in err (the module may then be partly written: the caller throws it away).
 */
int zic_sign_module(const char *module_path, const char *keyfile, char *err, size_t errlen);

#endif /* ZIC_SIGN_H */
