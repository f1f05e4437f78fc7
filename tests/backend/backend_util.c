/* backend_util.c — compiling criteria for tests, building native modules, random units. */
#include "backend_util.h"
#include "interp.h"

#include <stdarg.h>
#include <dlfcn.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Not Check's assertions: this file also serves bench/, which runs outside any test runner. An abort inside
 * a test still fails it, with this message on standard error. */
static void require(bool ok, const char *fmt, ...)
{
    if (ok) return;
    va_list args;
    va_start(args, fmt);
    vfprintf(stderr, fmt, args);
    va_end(args);
    fputc('\n', stderr);
    abort();
}

static void finish(struct compiled *c, bool ok)
{
    if (!ok) {
        zi_diag_print(&c->compilation.diag, stderr, false);
        require(false, "criteria did not compile: %s", c->compilation.io_error);
    }
    c->model =
        zi_model_lower(c->compilation.criteria, &c->compilation.source, "zic test", &c->compilation.arena);
    require(c->model != NULL, "no model");
}

void compile_text(struct compiled *c, const char *text)
{
    struct zi_frontend_options options = {0};
    finish(c, zi_compilation_open_memory(&c->compilation, "test.zi", text, strlen(text), &options));
}

void compile_file(struct compiled *c, const char *path)
{
    struct zi_frontend_options options = {0};
    finish(c, zi_compilation_open(&c->compilation, path, &options));
}

void compiled_free(struct compiled *c)
{
    zi_compilation_free(&c->compilation);
}

const struct zi_module *build_native(const struct zi_model *model, int level, void **handle, char *path,
                                     size_t pathlen)
{
    struct zi_codegen_options options = {.opt_level = level};
    return build_native_with(model, &options, handle, path, pathlen);
}

const struct zi_module *build_native_with(const struct zi_model *model,
                                          const struct zi_codegen_options *options, void **handle, char *path,
                                          size_t pathlen)
{
    char dir[] = "/tmp/zi-test-XXXXXX";
    require(mkdtemp(dir) != NULL, "mkdtemp failed");
    snprintf(path, pathlen, "%s/module-O%d.so", dir, options->opt_level);
    char err[1024], objects[ZI_CODEGEN_MAX_OBJECTS][sizeof dir + 16];
    struct zi_codegen_options with_objects = *options;
    for (int i = 0; i < ZI_CODEGEN_MAX_OBJECTS; i++) {
        snprintf(objects[i], sizeof objects[i], "%s/half%d.o", dir, i);
        with_objects.objects[i] = objects[i];
    }
    int status = zi_codegen_build(model, &with_objects, path, NULL, err, sizeof err);
    for (int i = 0; i < ZI_CODEGEN_MAX_OBJECTS; i++)
        unlink(objects[i]);
    require(status == 0, "build failed: %s", err);
    *handle = dlopen(path, RTLD_NOW | RTLD_LOCAL);
    require(*handle != NULL, "dlopen: %s", dlerror());
    /* The file can go now: the mapping stays. */
    unlink(path);
    rmdir(dir);
    const struct zi_module *m = dlsym(*handle, ZI_MODULE_SYMBOL);
    require(m != NULL, "no descriptor symbol");
    return m;
}

static void *xcalloc(size_t n, size_t size)
{
    void *p = calloc(n ? n : 1, size);
    require(p != NULL, "out of memory");
    return p;
}

void batch_alloc(struct batch *b, const struct zi_module *d, uint64_t n)
{
    b->n = n;
    b->n_codes = d->n_code_columns;
    b->n_numbers = d->n_number_columns;
    b->n_outputs = d->n_outputs;
    b->n_words = d->n_failed_words;
    b->n_conditions = d->n_conditions;
    b->codes = xcalloc(zi_tile_elements(n, b->n_codes) + 1, sizeof *b->codes);
    b->numbers = xcalloc(zi_tile_elements(n, b->n_numbers) + 1, sizeof *b->numbers);
    for (uint64_t i = 0; i < zi_tile_elements(n, b->n_numbers); i++)
        b->numbers[i] = NAN;
    b->outputs = xcalloc(zi_tile_elements(n, b->n_outputs) + 1, sizeof *b->outputs);
    b->verdict = xcalloc(zi_tile_elements(n, 1), sizeof *b->verdict);
    b->failed = xcalloc(zi_tile_elements(n, b->n_words), sizeof *b->failed);
    b->unknown = xcalloc(zi_tile_elements(n, b->n_words), sizeof *b->unknown);
    b->lhs = xcalloc(zi_tile_elements(n, b->n_conditions) + 1, sizeof *b->lhs);
    b->rhs = xcalloc(zi_tile_elements(n, b->n_conditions) + 1, sizeof *b->rhs);
}

double batch_output(const struct batch *b, uint32_t o, uint64_t row)
{
    return b->outputs[zi_tile_index(row, o, b->n_outputs)];
}

void batch_free(struct batch *b)
{
    free(b->codes);
    free(b->numbers);
    free(b->outputs);
    free(b->verdict);
    free(b->failed);
    free(b->unknown);
    free(b->lhs);
    free(b->rhs);
}

void batch_copy_inputs(struct batch *to, const struct batch *from)
{
    memcpy(to->codes, from->codes, zi_tile_elements(from->n, from->n_codes) * sizeof *to->codes);
    memcpy(to->numbers, from->numbers, zi_tile_elements(from->n, from->n_numbers) * sizeof *to->numbers);
}

void batch_set(struct batch *b, const struct zi_module *d, uint32_t i, uint64_t row, double value)
{
    const struct zi_input_desc *in = &d->inputs[i];
    if (!zi_input_has_labels(in->kind)) {
        b->numbers[zi_tile_index(row, in->column, b->n_numbers)] = value;
        return;
    }
    for (uint32_t k = 0; k < in->n_labels; k++)
        if (in->labels[k].value == value) {
            b->codes[zi_tile_index(row, in->column, b->n_codes)] = (uint8_t)(k + 1);
            return;
        }
    require(false, "a scale answer that is no label's value");
}

void batch_score(struct batch *b, const struct zi_module *m, bool explain)
{
    if (explain)
        m->explain_batch(b->n, b->codes, b->numbers, b->outputs, b->verdict, b->failed, b->unknown, b->lhs,
                         b->rhs);
    else
        batch_score_with(b, m->score_batch);
}

void batch_score_with(struct batch *b, zi_score_batch_fn score)
{
    score(b->n, b->codes, b->numbers, b->outputs, b->verdict, b->failed, b->unknown);
}

void batch_interpret(struct batch *b, const struct zi_model *model, double *scratch, bool explain)
{
    if (explain)
        zi_interp_explain_batch(model, scratch, b->n, b->codes, b->numbers, b->outputs, b->verdict, b->failed,
                                b->unknown, b->lhs, b->rhs);
    else
        zi_interp_score_batch(model, scratch, b->n, b->codes, b->numbers, b->outputs, b->verdict, b->failed,
                              b->unknown);
}

bool batch_scored_output(const struct zi_module *d, uint32_t o)
{
    return d->outputs[o].kind != ZI_OUTPUT_ITEM;
}

static bool same_double(double x, double y)
{
    return memcmp(&x, &y, sizeof x) == 0;
}

const char *batch_differs(const struct zi_module *d, const struct batch *a, const struct batch *b,
                          bool explain)
{
    for (uint64_t row = 0; row < a->n; row++) {
        for (uint32_t o = 0; o < d->n_outputs; o++)
            if ((explain || batch_scored_output(d, o)) &&
                !same_double(batch_output(a, o, row), batch_output(b, o, row)))
                return d->outputs[o].path;
        if (a->verdict[row] != b->verdict[row]) return "verdicts";
        for (uint32_t w = 0; w < d->n_failed_words; w++) {
            if (a->failed[zi_tile_index(row, w, a->n_words)] != b->failed[zi_tile_index(row, w, b->n_words)])
                return "failed conditions";
            if (a->unknown[zi_tile_index(row, w, a->n_words)] !=
                b->unknown[zi_tile_index(row, w, b->n_words)])
                return "unknown conditions";
        }
        for (uint32_t c = 0; explain && c < d->n_conditions; c++) {
            uint64_t at = zi_tile_index(row, c, a->n_conditions);
            if (!same_double(a->lhs[at], b->lhs[at]) || !same_double(a->rhs[at], b->rhs[at]))
                return d->conditions[c].text;
        }
    }
    return NULL;
}

void batch_unset(struct batch *b, const struct zi_module *d, uint32_t i, uint64_t row)
{
    const struct zi_input_desc *in = &d->inputs[i];
    if (zi_input_has_labels(in->kind))
        b->codes[zi_tile_index(row, in->column, b->n_codes)] = 0;
    else
        b->numbers[zi_tile_index(row, in->column, b->n_numbers)] = NAN;
}

bool batch_has(const struct batch *b, const struct zi_module *d, uint32_t i, uint64_t row)
{
    const struct zi_input_desc *in = &d->inputs[i];
    if (zi_input_has_labels(in->kind)) return b->codes[zi_tile_index(row, in->column, b->n_codes)] != 0;
    return !isnan(b->numbers[zi_tile_index(row, in->column, b->n_numbers)]);
}

double batch_get(const struct batch *b, const struct zi_module *d, uint32_t i, uint64_t row)
{
    const struct zi_input_desc *in = &d->inputs[i];
    if (!batch_has(b, d, i, row)) return 0;
    if (zi_input_has_labels(in->kind))
        return in->labels[b->codes[zi_tile_index(row, in->column, b->n_codes)] - 1].value;
    return b->numbers[zi_tile_index(row, in->column, b->n_numbers)];
}

/* xorshift64*: reproducible across machines, unlike rand(). */
static uint64_t next(uint64_t *state)
{
    uint64_t x = *state;
    x ^= x >> 12;
    x ^= x << 25;
    x ^= x >> 27;
    *state = x;
    return x * 0x2545F4914F6CDD1Dull;
}

static double uniform(uint64_t *state)
{
    return (double)(next(state) >> 11) / 9007199254740992.0;
}

static double random_value(const struct zi_input_desc *in, uint64_t *state, bool best)
{
    switch (in->kind) {
    case ZI_INPUT_SCALE:
    case ZI_INPUT_GRADE:
    case ZI_INPUT_CATEGORY:
    case ZI_INPUT_BOOLEAN: {
        double top = 0;
        for (uint32_t k = 0; k < in->n_labels; k++)
            top = in->labels[k].value > top ? in->labels[k].value : top;
        return best ? top : in->labels[next(state) % in->n_labels].value;
    }
    case ZI_INPUT_COUNT: {
        if (best) return 10; /* equal counts: every ratio at 1, every require rule met */
        static const double counts[] = {0, 0, 1, 2, 3, 5, 7, 10, 12, 20, 100};
        return counts[next(state) % (sizeof counts / sizeof counts[0])];
    }
    case ZI_INPUT_PERCENT:
        return best ? in->max : (double)(next(state) % 101) / 100;
    default: {
        double lo = in->min > -1e6 ? in->min : -1e6, hi = in->max < 1e6 ? in->max : 1e6;
        if (best) return hi;
        /* Range ends and the survey thresholds come up often, exactly. */
        static const double edges[] = {3.6, 3.2, 3.59, 3.21, 3.599999, 4, 0};
        uint64_t pick = next(state) % 4;
        if (pick == 0) return edges[next(state) % (sizeof edges / sizeof edges[0])];
        if (pick == 1) return next(state) % 2 ? lo : hi;
        double v = lo + (hi - lo) * uniform(state);
        return v < lo ? lo : v > hi ? hi : v;
    }
    }
}

void batch_random(struct batch *b, const struct zi_module *d, uint64_t seed)
{
    uint64_t state = seed * 0x9E3779B97F4A7C15ull + 1;
    for (uint64_t row = 0; row < b->n; row++) {
        uint64_t style = next(&state) % 10;
        bool best = style == 0 || style >= 6; /* at its best, or nearly: close to the thresholds */
        double missing_rate = style == 1 ? 0.3 : style == 2 ? 0.0 : style >= 6 ? 0.005 : 0.02;
        double random_rate = style >= 6 ? 0.04 * (double)(style - 5) : 1;
        for (uint32_t i = 0; i < d->n_inputs; i++) {
            bool present = style == 0 || uniform(&state) >= missing_rate;
            bool at_best = best && (style == 0 || uniform(&state) >= random_rate);
            if (present)
                batch_set(b, d, i, row, random_value(&d->inputs[i], &state, at_best));
            else
                batch_unset(b, d, i, row);
        }
    }
}
