/* fuzz_csv.c — the CSV reader (csv.c, input.c) and the wide and long ingest (ingest_wide.c, ingest_long.c,
 * names.c, answer.c) on any bytes.
 *
 * Two passes per input. First the record reader alone, through a window of a few bytes, so that every way a
 * record can straddle the window's edge (inside quotes, at a CR before the LF, at a doubled quote) happens
 * on short inputs; each field must lie inside the window and rows must only go up. Then the whole of
 * zi_run with the fixture module, the format detected as zirun does (a file that looks like JSON is read as
 * wide CSV: JSON has its own target), in a small batch so that units cross batch boundaries, and the report
 * format and --explain chosen from the input's length.
 */
#include "fuzz.h"
#include "zirt.h"

static void read_records(const uint8_t *data, size_t size, size_t chunk)
{
    FILE *f = zi_fuzz_stream(data, size);
    struct zi_input in;
    if (zi_input_init(&in, f, chunk) != 0) abort();
    char sep = zi_csv_guess_separator(in.buf, 0);
    if (zi_input_more(&in) > 0) sep = zi_csv_guess_separator(in.buf, in.len);
    struct zi_csv r;
    zi_csv_init(&r, &in, sep);
    uint64_t last_row = 0;
    while (zi_csv_next(&r) == 1) {
        if (r.row <= last_row) abort();
        last_row = r.row;
        for (size_t j = 0; j < r.nf; j++) {
            const char *p = r.f[j].p;
            if (p < in.buf || p > in.buf + in.len || r.f[j].len > (size_t)(in.buf + in.len - p)) abort();
        }
    }
    zi_csv_free(&r);
    zi_input_free(&in);
    fclose(f);
}

static int looks_like_json(const uint8_t *data, size_t size)
{
    size_t i = size >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    while (i < size && (data[i] == ' ' || data[i] == '\t' || data[i] == '\r' || data[i] == '\n'))
        i++;
    return i < size && (data[i] == '{' || data[i] == '[');
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
    read_records(data, size, 1);
    read_records(data, size, 7);

    struct zi_run_options opt;
    zi_run_options_init(&opt);
    opt.data_format = looks_like_json(data, size) ? ZI_DATA_WIDE_CSV : ZI_DATA_AUTO;
    opt.report_format = (enum zi_report_format)(size % 3);
    opt.explain = (int)(size / 3 % 2);
    opt.batch_size = 3;
    /* Most fuzzed headers leave inputs without a column, which stops the run (issue 11): let half of the
     * inputs through, so that the rows after such a header are read too. */
    opt.allow_missing_columns = (int)(size / 6 % 2);
    /* What to fix first (score/gap.c) on whatever units the bytes make, a run in four. */
    static const char *const gaps[] = {NULL, "next", NULL, "WBBM"};
    opt.gap = gaps[size / 12 % 4];
    FILE *in = zi_fuzz_stream(data, size);
    struct zi_run_stats st;
    int status = zi_run(zi_fuzz_fixture(), in, "fuzz.csv", zi_fuzz_null(), zi_fuzz_null(), &opt, &st);
    fclose(in);
    if (status < ZI_RUN_OK || status > ZI_RUN_FAILED || st.scored + st.with_errors != st.units) abort();
    return 0;
}
