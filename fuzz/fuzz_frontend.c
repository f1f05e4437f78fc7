/* fuzz_frontend.c — the front end on any bytes: scanner, parser, every check, and the diagnostics printer
 * (source line, caret, columns in code points) and JSON/SARIF writer, through zi_compilation_open_memory as
 * `zic check` does.
 *
 * A file that checks clean goes on as `zic build` would, short of code generation: it is lowered to the
 * model, and the descriptor the model carries must pass the runtime's own zi_module_validate — a criteria
 * the compiler accepts must never give a module zirun refuses — and must describe itself and produce every
 * template. The entry points, which only code generation fills in, are set to a function that is never
 * called, so that the validator looks at everything else.
 */
#include "diag_export.h"
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
    zi_compilation_free(&c);
    return 0;
}
