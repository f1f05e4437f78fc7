/* input.c — a window over the input stream that readers parse in place.
 *
 * Records are parsed where they lie in this buffer (no copy per field); a record cut by the end of the
 * buffer is moved to the front and the rest read after it. The buffer only grows when one record is larger
 * than it, so memory follows the longest record, not the size of the file.
 */
#include <errno.h>
#include <stdlib.h>

#include "zirt.h"

int zi_input_init(struct zi_input *in, FILE *f, size_t chunk)
{
    in->f = f;
    in->cap = chunk ? chunk : ZI_INPUT_CHUNK;
    in->len = in->pos = 0;
    in->eof = 0;
    in->error = 0;
    in->dropped = 0;
    in->buf = malloc(in->cap + ZI_INPUT_PAD);
    if (!in->buf) return -1;
    memset(in->buf, 0, ZI_INPUT_PAD);
    return 0;
}

void zi_input_free(struct zi_input *in)
{
    free(in->buf);
    in->buf = NULL;
}

long zi_input_more(struct zi_input *in)
{
    if (in->error) return -1;
    if (in->eof) return 0;
    if (in->pos > 0) {
        memmove(in->buf, in->buf + in->pos, in->len - in->pos);
        in->dropped += in->pos;
        in->len -= in->pos;
        in->pos = 0;
    }
    if (in->len == in->cap) {
        if (in->cap >= ZI_INPUT_MAX) {
            in->error = E2BIG;
            return -1;
        }
        size_t cap = in->cap * 2;
        char *p = realloc(in->buf, cap + ZI_INPUT_PAD);
        if (!p) {
            in->error = ENOMEM;
            return -1;
        }
        in->buf = p;
        in->cap = cap;
    }
    size_t got = fread(in->buf + in->len, 1, in->cap - in->len, in->f);
    in->len += got;
    memset(in->buf + in->len, 0, ZI_INPUT_PAD);
    if (got == 0) {
        if (ferror(in->f)) {
            in->error = errno ? errno : EIO;
            return -1;
        }
        in->eof = 1;
        return 0;
    }
    return (long)got;
}
