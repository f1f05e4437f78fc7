/* cp1252.c — unit ids saved by Excel in Windows-1252 instead of UTF-8.
 *
 * Excel on Windows saves "CSV (Comma delimited)" in the machine's code page, Windows-1252 in Indonesia, so
 * a unit named "Café" reaches zirun as the byte 0xE9, which no UTF-8 reader can show ("Caf\xe9", or "Caf�"
 * in a browser). A valid UTF-8 text of more than a few bytes is almost never also valid Windows-1252 with
 * letters above 0x7F, and the reverse holds too, so an id that is not UTF-8 is read as Windows-1252 — every
 * byte is a character there — and the run says so once per file (source.c). Ids only: cells are compared
 * with the criteria's labels, which are ASCII, and a cell that is not one is an error quoting its bytes.
 */
#include "zirt.h"

void zi_cp1252_to_utf8(const char *text, size_t len, struct zi_buf *out)
{
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)text[i];
        uint32_t u = zi_cp1252_code_point(c);
        char t[3];
        zi_buf_append(out, t, zi_utf8_encode_bmp(u || !c ? u : 0xFFFD, t)); /* undefined bytes: U+FFFD */
    }
}
