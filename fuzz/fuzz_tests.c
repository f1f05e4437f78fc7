/* fuzz_tests.c — a criteria tests file (`.zt`, docs/tools.md "zic test") on any bytes: the scanner in tests
 * mode, the tests rules of the grammar and their builders, and the diagnostics printer, as `zic test` reads a
 * file before it resolves the cases (which needs a built module; tests/ztest covers that part).
 *
 * A file that parses clean must have given every case a name and every line of a case a kind and a place
 * inside the file: what the resolver reads without checking. */
#include "fuzz.h"
#include "testfile.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct zi_source source;
    if (zi_source_from_memory(&source, "fuzz.zt", (const char *)data, size) != 0) return 0;
    struct zi_arena arena;
    zi_arena_init(&arena);
    struct zi_diag diag;
    zi_diag_init(&diag, &source, &arena);
    diag.error_limit = 20;
    struct zi_test_file *file = zi_parse_tests(&source, &arena, &diag);
    zi_diag_print(&diag, zi_fuzz_null(), size % 2 == 0);
    zi_diag_print_summary(zi_fuzz_null(), diag.n_errors + diag.n_dropped, diag.n_warnings);
    if (!zi_diag_has_errors(&diag)) {
        if (!file->criteria.text) abort();
        unsigned n = 0;
        for (const struct zi_test_case *c = file->cases; c; c = c->next, n++) {
            if (!c->name.text || c->span.end > size) abort();
            for (const struct zi_test_line *l = c->lines; l; l = l->next)
                if (l->kind > ZI_TEST_ERROR || l->span.begin > l->span.end || l->span.end > size) abort();
        }
        if (n != file->n_cases) abort();
    }
    zi_arena_free(&arena);
    zi_source_free(&source);
    return 0;
}
