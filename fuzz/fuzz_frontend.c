/* fuzz_frontend.c — the front end on any bytes: scanner, parser, every check, and the diagnostics printer
 * (source line, caret, columns in code points) and JSON/SARIF writer, through zi_compilation_open_memory as
 * `zic check` does.
 *
 * A file that checks clean goes on as `zic build` would, short of code generation: it is lowered to the
 * model, and the descriptor the model carries must pass the runtime's own zi_module_validate — a criteria
 * the compiler accepts must never give a module zirun refuses — and must describe itself and produce every
 * template. The entry points, which only code generation fills in, are set to a function that is never
 * called, so that the validator looks at everything else.
 *
 * `zic fmt` runs on the same bytes: a file it formats must format to itself again, and check with the same
 * diagnostics (codes, in order) as it did before formatting.
 */
#include <string.h>

#include "diag_export.h"
#include "format.h"
#include "frontend.h"
#include "fuzz.h"
#include "model.h"
#include "template.h"

static void never_called(void)
{
    abort();
}

static void lower(struct zi_compilation *c)
{
    struct zi_model *model = zi_model_lower(c->criteria, &c->source, "zic fuzz", &c->arena);
    struct zi_module *d = &model->descriptor;
    d->score_batch = (__typeof__(d->score_batch))never_called;
    d->explain_batch = (__typeof__(d->explain_batch))never_called;
    char err[512];
    if (zi_module_validate(d, err, sizeof err) != 0) {
        fprintf(stderr, "fuzz: a criteria that checks clean gives a module the runtime refuses: %s\n", err);
        abort();
    }
    if (zi_module_describe(d, zi_fuzz_null()) != 0) abort();
    for (int f = ZI_TEMPLATE_CSV; f <= ZI_TEMPLATE_JSON; f++)
        if (zi_template_write(d, (enum zi_template_format)f, zi_fuzz_null()) != 0) abort();
}

static bool same_codes(const struct zi_diag *a, const struct zi_diag *b)
{
    const struct zi_diagnostic *x = a->first, *y = b->first;
    for (; x && y; x = x->next, y = y->next)
        if (strcmp(x->code, y->code) != 0 || x->severity != y->severity) return false;
    return !x && !y;
}

static void format(const uint8_t *data, size_t size, const struct zi_compilation *original,
                   const struct zi_frontend_options *options)
{
    char *once = NULL, *twice = NULL;
    size_t once_len = 0, twice_len = 0;
    if (zi_format_text("fuzz.zi", (const char *)data, size, &once, &once_len) != 0) return;
    /* -1 (out of memory: the fuzzer lets malloc fail) proves nothing either way. */
    int again = zi_format_text("fuzz.zi", once, once_len, &twice, &twice_len);
    if (again == 1 || (again == 0 && (twice_len != once_len || memcmp(once, twice, once_len) != 0))) {
        fprintf(stderr, "fuzz: zic fmt's output %s\n",
                again == 1 ? "does not parse" : "changes when formatted again");
        abort();
    }
    struct zi_compilation c;
    zi_compilation_open_memory(&c, "fuzz.zi", once, once_len, options);
    if (!c.io_failed && !same_codes(&original->diag, &c.diag)) {
        fprintf(stderr, "fuzz: the formatted file checks with other diagnostics than the original\n");
        abort();
    }
    zi_compilation_free(&c);
    free(once);
    free(twice);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct zi_frontend_options options = {.werror = false, .error_limit = 20};
    struct zi_compilation c;
    bool ok = zi_compilation_open_memory(&c, "fuzz.zi", (const char *)data, size, &options);
    if (!c.io_failed) {
        zi_diag_print(&c.diag, zi_fuzz_null(), size % 2 == 0);
        zi_diag_print_summary(zi_fuzz_null(), c.diag.n_errors + c.diag.n_dropped, c.diag.n_warnings);
        struct zi_diag_export x;
        zi_diag_export_begin(&x, zi_fuzz_null(), size % 3 == 0 ? ZI_DIAG_SARIF : ZI_DIAG_JSON, "zic fuzz");
        zi_diag_export_add(&x, &c.diag);
        zi_diag_export_end(&x, c.diag.n_errors, c.diag.n_warnings);
    }
    if (ok) lower(&c);
    if (!c.io_failed) format(data, size, &c, &options);
    zi_compilation_free(&c);
    return 0;
}
