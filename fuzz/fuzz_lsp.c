/* fuzz_lsp.c — the language server (`zic lsp`, compiler/lsp*.c) on any messages. The input is cut at each
 * 0xFF byte (never part of UTF-8, so never part of a seed's JSON) into message bodies; each is framed with
 * its Content-Length and the whole stream, after an `initialize`, is served to /dev/null. So the fuzzer
 * explores JSON and the methods rather than the header syntax (which lsp_test.py covers): documents opened
 * and changed, positions anywhere, requests with missing or wrong params, bodies that are not JSON. Documents
 * are seeded with `untitled:` URIs: a `file:` URI would read the bases it `extends` from the disk.
 */
#include <string.h>

#include "fuzz.h"
#include "lsp.h"

static void frame(FILE *f, const uint8_t *body, size_t len)
{
    fprintf(f, "Content-Length: %zu\r\n\r\n", len);
    fwrite(body, 1, len, f);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *stream = NULL;
    size_t stream_len = 0;
    FILE *f = open_memstream(&stream, &stream_len);
    if (!f) abort();
    static const char init[] = "{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":{}}";
    frame(f, (const uint8_t *)init, sizeof init - 1);
    size_t start = 0;
    for (size_t i = 0; i <= size; i++)
        if (i == size || data[i] == 0xFF) {
            frame(f, data + start, i - start);
            start = i + 1;
        }
    if (fclose(f) != 0) abort();
    FILE *in = zi_fuzz_stream((const uint8_t *)stream, stream_len);
    zi_lsp_serve(in, zi_fuzz_null());
    fclose(in);
    free(stream);
    return 0;
}
