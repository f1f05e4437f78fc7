/* fmt_models.c — `zic fmt` changes the layout and nothing else, over every criteria of the repository.
 *
 *   fmt_models OUT_DIR ROOT PATH...
 *
 * Every .zi file under each PATH (relative to ROOT; a folder is walked) and every ```zi example of each
 * Markdown PATH is formatted into the same place under OUT_DIR, so that a file that `extends` another finds
 * its base formatted too. A file that does not parse is copied as it is (and counted as skipped). Then, for
 * every formatted file:
 *  - formatting it again gives the same text (the layout is idempotent);
 *  - it checks with the same diagnostics as the original (codes and severities, in order);
 *  - when it checks clean, it lowers to the same model: the same operations, outputs and conditions, and the
 *    same module descriptor (its checksum), once the source's name and hash are set aside and the conditions'
 *    source texts are compared without their blanks (`total>=75` is shown as `total >= 75` after formatting).
 * Exit 0 when every file holds all three, 1 otherwise. */
#define _XOPEN_SOURCE 700
#include <ftw.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "format.h"
#include "frontend.h"
#include "model.h"
#include "zi/runtime.h"

struct file_list {
    char **paths;
    size_t n, cap;
};

/* nftw has no user pointer: the walk fills this list (a test program, one thread). */
static struct file_list found;
static size_t root_len;

static void add(struct file_list *list, const char *path)
{
    if (list->n == list->cap) {
        list->cap = list->cap ? list->cap * 2 : 256;
        list->paths = realloc(list->paths, list->cap * sizeof *list->paths);
        if (!list->paths) abort();
    }
    list->paths[list->n++] = strdup(path);
}

static int visit(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
    (void)st;
    (void)ftw;
    size_t len = strlen(path);
    if (type == FTW_F && len > 3 && strcmp(path + len - 3, ".zi") == 0) add(&found, path + root_len + 1);
    return 0;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    size_t cap = 1 << 16;
    char *text = malloc(cap);
    *len = 0;
    size_t got;
    while (text && (got = fread(text + *len, 1, cap - *len, f)) > 0) {
        *len += got;
        if (*len == cap) text = realloc(text, cap *= 2);
    }
    fclose(f);
    return text;
}

static void make_parents(char *path)
{
    for (char *p = strchr(path + 1, '/'); p; p = strchr(p + 1, '/')) {
        *p = '\0';
        mkdir(path, 0777);
        *p = '/';
    }
}

static bool write_file(const char *path, const char *text, size_t len)
{
    char *copy = strdup(path);
    make_parents(copy);
    free(copy);
    FILE *f = fopen(path, "wb");
    if (!f) return false;
    bool ok = fwrite(text, 1, len, f) == len;
    return fclose(f) == 0 && ok;
}

/* The ```zi examples of a Markdown file, each written to OUT/PATH-N.zi; their names are added to `list`. */
static void examples(const char *root, const char *out, const char *md, struct file_list *list)
{
    char path[8192];
    snprintf(path, sizeof path, "%s/%s", root, md);
    size_t len;
    char *text = read_file(path, &len);
    if (!text) return;
    unsigned n = 0;
    for (size_t i = 0; i < len;) {
        char *nl = memchr(text + i, '\n', len - i);
        size_t end = nl ? (size_t)(nl - text) + 1 : len;
        if (end - i == 6 && memcmp(text + i, "```zi\n", 6) == 0) {
            size_t from = end, to = end;
            while (to < len && !(len - to >= 3 && memcmp(text + to, "```", 3) == 0)) {
                char *next = memchr(text + to, '\n', len - to);
                to = next ? (size_t)(next - text) + 1 : len;
            }
            char name[2048];
            snprintf(name, sizeof name, "%s-%u.zi", md, ++n);
            snprintf(path, sizeof path, "%s/%s.orig", out, name);
            if (write_file(path, text + from, to - from)) add(list, name);
            end = to;
        }
        i = end;
    }
    free(text);
}

/* The conditions' texts without blanks, and no trace of which file the module came from. */
static void normalise(struct zi_model *model, struct zi_arena *arena)
{
    struct zi_module *d = &model->descriptor;
    d->source_name = d->source_sha256 = "";
    d->compiler_version = "";
    struct zi_source_desc *sources = (struct zi_source_desc *)d->sources;
    for (uint32_t k = 0; k < d->n_sources; k++)
        sources[k].name = sources[k].sha256 = "";
    struct zi_condition_desc *conditions = (struct zi_condition_desc *)d->conditions;
    for (uint32_t k = 0; k < d->n_conditions; k++) {
        const char *texts[2] = {conditions[k].text, conditions[k].lhs};
        for (int t = 0; t < 2; t++) {
            if (!texts[t]) continue;
            char *bare = zi_arena_strndup(arena, texts[t], strlen(texts[t])), *w = bare;
            for (const char *r = texts[t]; *r; r++)
                if (*r != ' ' && *r != '\n' && *r != '\t') *w++ = *r;
            *w = '\0';
            if (t == 0)
                conditions[k].text = bare;
            else
                conditions[k].lhs = bare;
        }
    }
}

static bool same_ops(const struct zi_model *a, const struct zi_model *b)
{
    if (a->n_ops != b->n_ops || a->incomplete != b->incomplete) return false;
    for (uint32_t i = 0; i < a->n_ops; i++) {
        const struct zi_op *x = &a->ops[i], *y = &b->ops[i];
        if (x->code != y->code || x->is_bool != y->is_bool || x->a != y->a || x->b != y->b || x->c != y->c ||
            x->index != y->index || memcmp(&x->value, &y->value, sizeof x->value) != 0)
            return false;
    }
    const struct zi_module *da = &a->descriptor, *db = &b->descriptor;
    if (da->n_outputs != db->n_outputs || da->n_conditions != db->n_conditions) return false;
    for (uint32_t i = 0; i < da->n_outputs; i++)
        if (a->outputs[i] != b->outputs[i]) return false;
    for (uint32_t i = 0; i < da->n_conditions; i++) {
        const struct zi_model_condition *x = &a->conditions[i], *y = &b->conditions[i];
        if (x->holds != y->holds || x->lhs != y->lhs || x->rhs != y->rhs || x->known != y->known)
            return false;
    }
    return true;
}

/* The diagnostics as "E025 W101 …", in the order they were reported. */
static char *codes(struct zi_compilation *c)
{
    char *list = "";
    for (struct zi_diagnostic *d = c->diag.first; d; d = d->next)
        list = zi_arena_printf(&c->arena, "%s%s%s", list, d->code, d->severity == ZI_SEV_ERROR ? "!" : " ");
    return list;
}

/* Checks the original and the formatted file against each other; prints why they differ. */
static bool same_criteria(const char *original, const char *formatted, bool *lowered)
{
    struct zi_frontend_options options = {0};
    struct zi_compilation a, b;
    bool ok_a = zi_compilation_open(&a, original, &options);
    bool ok_b = zi_compilation_open(&b, formatted, &options);
    bool same = true;
    char *codes_a = codes(&a), *codes_b = codes(&b);
    if (ok_a != ok_b || strcmp(codes_a, codes_b) != 0) {
        printf("FAIL: %s: diagnostics [%s] become [%s] once formatted\n", original, codes_a, codes_b);
        same = false;
    } else if (ok_a) {
        struct zi_model *ma = zi_model_lower(a.criteria, &a.source, "", &a.arena);
        struct zi_model *mb = zi_model_lower(b.criteria, &b.source, "", &b.arena);
        normalise(ma, &a.arena);
        normalise(mb, &b.arena);
        if (!same_ops(ma, mb)) {
            printf("FAIL: %s: the formatted file lowers to other operations\n", original);
            same = false;
        } else if (zi_module_checksum(&ma->descriptor) != zi_module_checksum(&mb->descriptor)) {
            printf("FAIL: %s: the formatted file describes another module\n", original);
            same = false;
        }
        *lowered = true;
    }
    zi_compilation_free(&a);
    zi_compilation_free(&b);
    return same;
}

int main(int argc, char **argv)
{
    if (argc < 4) {
        fputs("usage: fmt_models OUT_DIR ROOT PATH...\n", stderr);
        return 2;
    }
    const char *out = argv[1], *root = argv[2];
    root_len = strlen(root);
    struct file_list orig = {0};
    for (int k = 3; k < argc; k++) {
        size_t len = strlen(argv[k]);
        if (len > 3 && strcmp(argv[k] + len - 3, ".md") == 0) {
            examples(root, out, argv[k], &orig);
            continue;
        }
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", root, argv[k]);
        nftw(path, visit, 16, FTW_PHYS);
    }
    qsort(found.paths, found.n, sizeof *found.paths, by_name);
    size_t n_examples = orig.n;
    for (size_t k = 0; k < found.n; k++) {
        add(&orig, found.paths[k]);
        free(found.paths[k]);
    }

    int failed = 0;
    size_t formatted = 0, lowered = 0, skipped = 0;
    bool *done = calloc(orig.n + 1, sizeof *done);
    char path[4096], copy[4096];
    for (size_t k = 0; k < orig.n; k++) {
        /* A documentation example was saved beside its formatted place, as NAME.orig. */
        if (k < n_examples)
            snprintf(path, sizeof path, "%s/%s.orig", out, orig.paths[k]);
        else
            snprintf(path, sizeof path, "%s/%s", root, orig.paths[k]);
        snprintf(copy, sizeof copy, "%s/%s", out, orig.paths[k]);
        size_t len, once_len, twice_len;
        char *text = read_file(path, &len), *once = NULL, *twice = NULL;
        if (!text) {
            printf("FAIL: cannot read %s\n", path);
            failed = 1;
            continue;
        }
        int status = zi_format_text(orig.paths[k], text, len, &once, &once_len);
        if (status == 1) {
            write_file(copy, text, len);
            skipped++;
        } else if (status != 0) {
            printf("FAIL: %s: out of memory\n", path);
            failed = 1;
        } else if (zi_format_text(orig.paths[k], once, once_len, &twice, &twice_len) != 0 ||
                   twice_len != once_len || memcmp(once, twice, once_len) != 0) {
            printf("FAIL: %s: formatting it twice changes it again\n", path);
            failed = 1;
        } else if (!write_file(copy, once, once_len)) {
            printf("FAIL: cannot write %s\n", copy);
            failed = 1;
        } else {
            done[k] = true;
        }
        free(text);
        free(once);
        free(twice);
    }
    /* Every file is in place (formatted or copied): now the chains of `extends` can be read. */
    for (size_t k = 0; k < orig.n; k++) {
        if (!done[k]) continue;
        if (k < n_examples)
            snprintf(path, sizeof path, "%s/%s.orig", out, orig.paths[k]);
        else
            snprintf(path, sizeof path, "%s/%s", root, orig.paths[k]);
        snprintf(copy, sizeof copy, "%s/%s", out, orig.paths[k]);
        bool low = false;
        if (!same_criteria(path, copy, &low)) failed = 1;
        formatted++;
        lowered += low;
    }
    for (size_t k = 0; k < orig.n; k++)
        free(orig.paths[k]);
    free(orig.paths);
    free(found.paths);
    free(done);
    if (!failed)
        printf(
            "ok: %zu files formatted, each idempotent with the same diagnostics, %zu of them lowered to the "
            "same model; %zu skipped (syntax errors)\n",
            formatted, lowered, skipped);
    return failed;
}
