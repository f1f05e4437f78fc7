/* doc.h — `zic doc`: the rule set as a document people review and sign, laid out as the regulation's annex
 * shows the LKE (components, areas and sub-areas with their weights, the items with their answers and
 * points, the predicates and the prerequisites in plain words, the facts asked, the provenance).
 *
 * The content is written once (doc_content.c) to a writer, which lays it out as Markdown (doc_md.c) or as
 * one self-contained HTML page (doc_html.c); the words of conditions and the numbers for people are
 * doc_words.c's. doc_json.c is apart: the model's own numbers, from the lowered descriptor, which the tests
 * compare with what the page shows. */
#ifndef ZI_DOC_H
#define ZI_DOC_H

#include <stdio.h>

#include "arena.h"
#include "ast.h"
#include "zi/module.h"
#include "zi/runtime.h"

enum zi_doc_format { ZI_DOC_MARKDOWN, ZI_DOC_HTML, ZI_DOC_JSON };

/* What a document is made from: a criteria checked clean and lowered (its groups' and items' `output` set),
 * the descriptor of that model (provenance: sources and their SHA-256, the compiler), the source text (the
 * text of expressions shown as written), the language of the words (ZI_LANG_ID or ZI_LANG_EN), and an arena
 * for the text being put together (the compilation's). */
struct zi_doc_input {
    const struct zi_criteria *criteria;
    const struct zi_module *module;
    const struct zi_source *source;
    enum zi_lang lang;
    struct zi_arena *arena;
};

/* Writes the document to `out`. Returns 0, or -1 when writing failed (errno says why). */
int zi_doc_write(const struct zi_doc_input *in, enum zi_doc_format format, FILE *out);

/* ---- Shared by the doc_*.c files. ---- */

/* The same words in the document's language. */
#define ZI_DOC_WORDS(lang, id, en) ((lang) == ZI_LANG_EN ? (en) : (id))

/* A data-* attribute of a row or heading: the model's numbers in the HTML page, for tests and tools (the
 * Markdown leaves them out). `name` is without "data-". */
struct zi_doc_attr {
    const char *name, *value;
};

struct zi_doc_writer;

/* How a writer lays out each part. Texts are plain UTF-8: the writer escapes them. */
struct zi_doc_ops {
    void (*begin)(struct zi_doc_writer *w, const char *title, const char *subtitle);
    /* level 1 is a section of the document; deeper levels nest under it. `id` is the anchor (letters,
     * digits, '-', '_', '.'). */
    void (*heading)(struct zi_doc_writer *w, int level, const char *id, const char *text,
                    const struct zi_doc_attr *attrs, unsigned n_attrs);
    void (*paragraph)(struct zi_doc_writer *w, const char *text);
    void (*table)(struct zi_doc_writer *w, unsigned n_columns, const char *const *header);
    void (*row)(struct zi_doc_writer *w, const char *const *cells, const struct zi_doc_attr *attrs,
                unsigned n_attrs);
    void (*table_end)(struct zi_doc_writer *w);
    void (*end)(struct zi_doc_writer *w);
};

struct zi_doc_toc_entry {
    int level;
    const char *id, *text;
};

struct zi_doc_writer {
    const struct zi_doc_ops *ops;
    FILE *out;
    enum zi_lang lang;
    struct zi_arena *arena;
    unsigned n_columns; /* of the table being written */
    /* HTML: the table of contents is the headings of a first pass that writes nothing (`collecting`). */
    int collecting;
    struct zi_doc_toc_entry *toc;
    unsigned n_toc, cap_toc;
};

/* The writers (doc_md.c, doc_html.c). */
extern const struct zi_doc_ops zi_doc_markdown_ops;
extern const struct zi_doc_ops zi_doc_html_ops;

/* Tells the whole document to `w` (doc_content.c). */
void zi_doc_content(const struct zi_doc_input *in, struct zi_doc_writer *w);

/* The model's numbers as JSON (doc_json.c): the descriptor's groups with their weights and items, its items
 * with their maximum points, its verdicts with their conditions and prerequisites, its sources. 0, or -1 out
 * of memory (errno ENOMEM; nothing written). */
int zi_doc_json(const struct zi_module *d, FILE *out);

/* ---- Words and numbers for people (doc_words.c); every string is in in->arena. ---- */

/* A number with exactly `decimals` decimals, or at most two with trailing zeros dropped when `decimals` is
 * -1; a decimal comma in Indonesian ("75,00", "0,67"), a point in English. */
const char *zi_doc_number(const struct zi_doc_input *in, double x, int decimals);

/* A fraction as a percentage: 0.6 -> "60%", 0.875 -> "87,5%". */
const char *zi_doc_percent(const struct zi_doc_input *in, double fraction);

/* A number as data-* attributes carry it: shortest round-trip C spelling ("0.25", "17.5"). */
const char *zi_doc_attr_number(const struct zi_doc_input *in, double x);

/* A condition of a verdict or a prerequisites block in plain words ("Nilai total paling rendah 75,00",
 * "Jenis instansi adalah pemda"). An `all` condition is said once for every member
 * ("Setiap … paling rendah 60% dari bobotnya"); zi_doc_all_members lists them. */
const char *zi_doc_condition(const struct zi_doc_input *in, const struct zi_condition *c);

/* The members an `all` condition compares, each in words with its own threshold ("Manajemen Perubahan
 * paling rendah 4,80 (60% dari 8,00)"). Returns their number; *texts gets an array in the arena. */
unsigned zi_doc_all_members(const struct zi_doc_input *in, const struct zi_condition *c, const char ***texts);

/* The source text of a span, in the arena. */
const char *zi_doc_source_text(const struct zi_doc_input *in, struct zi_span span);

#endif /* ZI_DOC_H */
