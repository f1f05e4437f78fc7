/* zi/encoding.h — UTF-8 and Windows-1252, the two encodings text reaches zic and zirun in: which bytes are
 * valid UTF-8, and what a Windows-1252 ("ANSI") byte stands for. One copy for the compiler (a .zi file saved
 * as ANSI, error E007) and the runtime (unit ids Excel saved as ANSI), in library zi_encoding, which both
 * link. Not part of libzirt's API (zi/runtime.h). Pure functions: no state, nothing allocated.
 */
#ifndef ZI_ENCODING_H
#define ZI_ENCODING_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Bytes in the valid multi-byte UTF-8 character at text[i] (of `len` bytes), or 0 when the bytes there are
 * none: ASCII, a stray or cut sequence, an overlong form, a surrogate, a code point above U+10FFFF. */
size_t zi_utf8_valid_length(const char *text, size_t i, size_t len);

/* Nonzero when the `len` bytes at `text` are all valid UTF-8. */
int zi_utf8_valid(const char *text, size_t len);

/* The code point byte `b` stands for in Windows-1252: `b` itself below 0x80 and from 0xA0 (Latin-1), the
 * Windows-1252 characters of 0x80–0x9F, and 0 for the five bytes it leaves undefined. */
uint32_t zi_cp1252_code_point(unsigned char b);

/* Writes code point `cp` (at most U+FFFF, as every Windows-1252 character is) as UTF-8 to `out`; returns the
 * number of bytes written, 1 to 3. */
size_t zi_utf8_encode_bmp(uint32_t cp, char out[3]);

#ifdef __cplusplus
}
#endif

#endif /* ZI_ENCODING_H */
