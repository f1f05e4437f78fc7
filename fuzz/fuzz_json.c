/* fuzz_json.c — the JSON reader: the streaming scanner that cuts a document or JSON Lines into unit objects
 * (jsonscan.c) and the ingest that parses each with jansson and reads its answers (ingest_json.c), on any
 * bytes.
 *
 * The scanner runs alone first, in both layouts and through a window of a few bytes, so that every state can
 * meet the window's edge; each element it returns must lie inside the window. Then the whole of zi_run with
 * the fixture module reads the input as a JSON document, as JSON Lines or detected (chosen from the
 * length), in small batches, with the report format and --explain chosen from the length too.
 */
#include "fuzz.h"
#include "zirt.h"

static void scan(const uint8_t *data, size_t size, enum zi_json_layout layout, size_t chunk)
{
    FILE *f = zi_fuzz_stream(data, size);
    struct zi_input in;
    if (zi_input_init(&in, f, chunk) != 0) abort();
    struct zi_jsonscan s;
    zi_jsonscan_init(&s, &in, layout);
    const char *p;
    size_t len;
    uint64_t last_line = 0;
    while (zi_jsonscan_next(&s, &p, &len) == 1) {
        if (p < in.buf || len > (size_t)(in.buf + in.len - p) || s.unit_line < last_line) abort();
        last_line = s.unit_line;
    }
    zi_input_free(&in);
    fclose(f);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    zi_fuzz_fixture();
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    scan(data, size, ZI_JSON_DOCUMENT, 1);
    scan(data, size, ZI_JSON_DOCUMENT, 5);
    scan(data, size, ZI_JSON_LINES, 3);
    zi_json_looks_like_lines((const char *)data, size);

    static const enum zi_data_format formats[] = {ZI_DATA_JSON, ZI_DATA_JSON_LINES, ZI_DATA_AUTO};
    struct zi_run_options opt;
    zi_run_options_init(&opt);
    opt.data_format = formats[size % 3];
    opt.report_format = (enum zi_report_format)(size / 3 % 3);
    opt.explain = (int)(size / 9 % 2);
    opt.batch_size = 2;
    FILE *in = zi_fuzz_stream(data, size);
    struct zi_run_stats st;
    int status = zi_run(zi_fuzz_fixture(), in, "fuzz.json", zi_fuzz_null(), zi_fuzz_null(), &opt, &st);
    fclose(in);
    if (status < ZI_RUN_OK || status > ZI_RUN_FAILED || st.scored + st.with_errors != st.units) abort();
    return 0;
}
