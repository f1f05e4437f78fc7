/* chars.h — what to tell a writer about a character: the Unicode name of the odd ones that reach a .zi file
 * from word processors and spreadsheets (no-break spaces, curly quotes, ≥), what to type instead, and how a
 * byte of a Windows-1252 ("ANSI") file reads, to recognise a file that was not saved as UTF-8. */
#ifndef ZI_CHARS_H
#define ZI_CHARS_H

#include <stddef.h>
#include <stdint.h>

#include "zi/encoding.h" /* zi_utf8_valid_length, the Windows-1252 table */

struct zi_char_info {
    const char *name;        /* Unicode name, "NO-BREAK SPACE"; NULL when the table does not know it */
    const char *replacement; /* what to write instead ("" to delete), or NULL when nothing fits */
    int is_space;            /* it looks like a space: the scanner reads past it as one after reporting */
};

/* Decodes the valid UTF-8 sequence of `len` bytes at `text` (as the scanner matched it). */
uint32_t zi_utf8_decode(const char *text, size_t len);

/* What is known of code point `cp`. Never fails: unknown characters get a NULL name. */
struct zi_char_info zi_char_info(uint32_t cp);

/* The character byte `b` (0x80–0xFF) stands for in Windows-1252, as UTF-8 in `out` (at least 4 bytes);
 * returns 0 for the five bytes Windows-1252 leaves undefined. */
int zi_cp1252_char(unsigned char b, char out[4]);

#endif
