/* doc_content.c — what `zic doc` says, in the order the regulation's annex says it: the weights of the
 * components, areas and sub-areas; the worksheet, group by group, with each item's answers and points; the
 * predicates with their thresholds; the prerequisites for proposing a unit and the relaxation; the facts
 * evaluators enter; the answer scales; where the rules come from. Told to a writer (doc.h), which lays it
 * out.
 *
 * Everything comes from the checked, lowered criteria: the weights and points the checks worked out, the
 * conditions as they were resolved. The page's data-* attributes carry the same numbers for tests (the
 * descriptor's, doc_json.c, must equal them). */
#include <math.h>
#include <string.h>

#include "doc.h"

#define WORDS(in, id, en) ZI_DOC_WORDS((in)->lang, id, en)

struct doc {
    const struct zi_doc_input *in;
    struct zi_doc_writer *w;
};

static void heading(struct doc *d, int level, const char *id, const char *text,
                    const struct zi_doc_attr *attrs, unsigned n_attrs)
{
    d->w->ops->heading(d->w, level, id, text, attrs, n_attrs);
}

static void paragraph(struct doc *d, const char *text)
{
    d->w->ops->paragraph(d->w, text);
}

static void table(struct doc *d, unsigned n, const char *const *header)
{
    d->w->ops->table(d->w, n, header);
}

static void row(struct doc *d, const char *const *cells, const struct zi_doc_attr *attrs, unsigned n_attrs)
{
    d->w->ops->row(d->w, cells, attrs, n_attrs);
}

static void table_end(struct doc *d)
{
    d->w->ops->table_end(d->w);
}

static const char *title_or(const struct zi_string *title, const char *name)
{
    return title->text ? title->text : name;
}

static unsigned count_items(const struct zi_group *g)
{
    unsigned n = 0;
    for (const struct zi_member *m = g->members; m; m = m->next)
        n += m->group ? count_items(m->group) : 1;
    return n;
}

/* "A.I.1.i Penyusunan Tim Kerja" */
static const char *group_name(const struct doc *d, const struct zi_group *g)
{
    const char *title = title_or(&g->title, g->name.text);
    return g->code && g->code[0] ? zi_arena_printf(d->in->arena, "%s %s", g->code, title) : title;
}

static const char *group_path(const struct doc *d, const char *parent, const struct zi_group *g)
{
    return parent ? zi_arena_printf(d->in->arena, "%s.%s", parent, g->name.text) : g->name.text;
}

/* ---- Ringkasan bobot ---- */

static void summary_rows(struct doc *d, const struct zi_group *g, const char *parent, unsigned depth)
{
    const char *path = group_path(d, parent, g);
    const char *indent = "";
    for (unsigned k = 0; k < depth; k++)
        indent = zi_arena_printf(d->in->arena, "%s· ", indent);
    const char *cells[] = {g->code ? g->code : "",
                           zi_arena_printf(d->in->arena, "%s%s", indent, title_or(&g->title, g->name.text)),
                           zi_doc_number(d->in, g->weight, 2),
                           zi_arena_printf(d->in->arena, "%u", count_items(g))};
    const struct zi_doc_attr attrs[] = {{"path", path},
                                        {"weight", zi_doc_attr_number(d->in, g->weight)},
                                        {"items", cells[3]},
                                        {"depth", zi_arena_printf(d->in->arena, "%u", depth)}};
    row(d, cells, attrs, 4);
    for (const struct zi_member *m = g->members; m; m = m->next)
        if (m->group) summary_rows(d, m->group, path, depth + 1);
}

static void summary(struct doc *d)
{
    const struct zi_doc_input *in = d->in;
    const struct zi_criteria *c = in->criteria;
    heading(d, 1, "ringkasan", WORDS(in, "Ringkasan bobot", "Weights"), NULL, 0);
    paragraph(d, WORDS(in,
                       "Bobot setiap komponen, area dan sub-area: nilai paling tinggi yang dapat dicapainya.",
                       "The weight of every component, area and sub-area: the most points it can score."));
    const char *header[] = {WORDS(in, "Kode", "Code"), WORDS(in, "Komponen / area / sub-area", "Group"),
                            WORDS(in, "Bobot", "Weight"), WORDS(in, "Butir", "Items")};
    table(d, 4, header);
    unsigned items = 0;
    for (const struct zi_member *m = c->groups; m; m = m->next) {
        summary_rows(d, m->group, NULL, 0);
        items += count_items(m->group);
    }
    const char *total[] = {"", WORDS(in, "Total", "Total"), zi_doc_number(in, c->total_weight, 2),
                           zi_arena_printf(in->arena, "%u", items)};
    const struct zi_doc_attr attrs[] = {
        {"path", "total"}, {"weight", zi_doc_attr_number(in, c->total_weight)}, {"items", total[3]}};
    row(d, total, attrs, 3);
    table_end(d);

    for (const struct zi_view *v = c->views; v; v = v->next) {
        const char *parts = "";
        for (unsigned k = 0; k < v->n_paths; k++)
            parts = zi_arena_printf(in->arena, "%s%s%s", parts, k ? " + " : "",
                                    title_or(&v->groups[k]->title, v->groups[k]->name.text));
        heading(d, 2, zi_arena_printf(in->arena, "view-%s", v->name.text), title_or(&v->title, v->name.text),
                NULL, 0);
        paragraph(d, zi_arena_printf(in->arena, "%s %s.",
                                     WORDS(in,
                                           "Setiap baris menjumlahkan bagian yang "
                                           "bernama sama dari",
                                           "Each row adds up the parts of the same name of"),
                                     parts));
        const char *vh[] = {WORDS(in, "Nama", "Name"), WORDS(in, "Bobot", "Weight")};
        table(d, 2, vh);
        for (unsigned k = 0; k < v->n_members; k++) {
            const struct zi_view_member *m = &v->members[k];
            const char *cells[] = {m->title ? m->title : m->name.text, zi_doc_number(in, m->weight, 2)};
            const struct zi_doc_attr va[] = {
                {"path", zi_arena_printf(in->arena, "%s.%s", v->name.text, m->name.text)},
                {"weight", zi_doc_attr_number(in, m->weight)}};
            row(d, cells, va, 2);
        }
        table_end(d);
    }

    if (!c->lets) return;
    heading(d, 2, "nilai-turunan", WORDS(in, "Nilai turunan", "Computed values"), NULL, 0);
    const char *lh[] = {WORDS(in, "Nama", "Name"), WORDS(in, "Rumus", "Formula")};
    table(d, 2, lh);
    for (const struct zi_let *l = c->lets; l; l = l->next) {
        const char *cells[] = {title_or(&l->title, l->name.text), zi_doc_source_text(in, l->expr->span)};
        row(d, cells, NULL, 0);
    }
    table_end(d);
}

/* ---- Lembar kerja ---- */

/* "0–4", "≥ 0" */
static const char *range(const struct zi_doc_input *in, const struct zi_input *x)
{
    bool percent = x->kind == ZI_INPUT_PERCENT;
    const char *lo = percent ? zi_doc_percent(in, x->lo) : zi_doc_number(in, x->lo, -1);
    if (!isfinite(x->hi)) return zi_arena_printf(in->arena, "≥ %s", lo);
    return zi_arena_printf(in->arena, "%s–%s", lo,
                           percent ? zi_doc_percent(in, x->hi) : zi_doc_number(in, x->hi, -1));
}

/* What an answer or fact of a kind without labels takes: "bilangan bulat ≥ 0", "angka 0–4". */
static const char *number_kind(const struct zi_doc_input *in, const struct zi_input *x)
{
    const char *kind = x->kind == ZI_INPUT_PERCENT ? WORDS(in, "persentase", "percentage")
                       : x->kind == ZI_INPUT_COUNT ? WORDS(in, "bilangan bulat", "whole number")
                                                   : WORDS(in, "angka", "number");
    return zi_arena_printf(in->arena, "%s %s", kind, range(in, x));
}

/* "Ya/Tidak: Ya = 1 · Tidak = 0" */
static const char *scale_answers(const struct zi_doc_input *in, const struct zi_scale *s, bool with_title)
{
    const char *text =
        with_title ? zi_arena_printf(in->arena, "%s: ", title_or(&s->title, s->name.text)) : "";
    for (const struct zi_scale_entry *e = s->entries; e; e = e->next)
        text = zi_arena_printf(in->arena, "%s%s%s = %s", text, e == s->entries ? "" : " · ", e->label.text,
                               zi_doc_number(in, e->value, -1));
    return text;
}

static const char *missing_words(const struct zi_doc_input *in, enum zi_policy p)
{
    switch (p) {
    case ZI_POLICY_EXCLUDE:
        return WORDS(in, "jawaban kosong tidak ikut dirata-rata", "a missing answer is left out of the mean");
    case ZI_POLICY_ERROR:
        return WORDS(in, "jawaban kosong membuat unit tidak dinilai",
                     "a missing answer leaves the unit unscored");
    default:
        return WORDS(in, "jawaban kosong bernilai 0", "a missing answer scores 0");
    }
}

/* The answer column of an item: its scale with each answer's value, or its inputs and formula. */
static const char *answers(const struct doc *d, const struct zi_item *item)
{
    const struct zi_doc_input *in = d->in;
    const char *text;
    if (!item->is_score) {
        const struct zi_input *a = item->inputs;
        if (a->scale) {
            text = scale_answers(in, a->scale, true);
        } else {
            text = number_kind(in, a);
            const char *score = item->expr ? zi_doc_source_text(in, item->expr->span)
                                           : WORDS(in, "persentasenya", "the percentage");
            text = zi_arena_printf(in->arena, "%s; %s = %s", text, WORDS(in, "nilai", "score"), score);
        }
    } else {
        text = "";
        for (const struct zi_input *x = item->inputs; x; x = x->next)
            text = zi_arena_printf(in->arena, "%s%s%s: %s (%s)", text, text[0] ? "; " : "", x->name.text,
                                   title_or(&x->title, x->name.text),
                                   x->scale ? scale_answers(in, x->scale, false) : number_kind(in, x));
        text = zi_arena_printf(in->arena, "%s; %s = %s", text, WORDS(in, "nilai", "score"),
                               zi_doc_source_text(in, item->expr->span));
        for (const struct zi_require *r = item->requires; r; r = r->next)
            text = zi_arena_printf(in->arena, "%s; %s: %s%s%s%s", text, WORDS(in, "syarat data", "data rule"),
                                   zi_doc_source_text(in, r->expr->span), r->message.text ? " (" : "",
                                   r->message.text ? r->message.text : "", r->message.text ? ")" : "");
    }
    if (item->missing != ZI_POLICY_DEFAULT)
        text = zi_arena_printf(in->arena, "%s (%s)", text, missing_words(in, item->policy));
    return text;
}

static void item_row(struct doc *d, const struct zi_item *item)
{
    const char *cells[] = {item->code.text, item->text.text ? item->text.text : item->name.text,
                           answers(d, item), zi_doc_number(d->in, item->points, 2)};
    const struct zi_doc_attr attrs[] = {{"code", item->code.text},
                                        {"points", zi_doc_attr_number(d->in, item->points)}};
    row(d, cells, attrs, 2);
}

/* How a group's score is made from its members. */
static const char *group_rule(const struct doc *d, const struct zi_group *g)
{
    const struct zi_doc_input *in = d->in;
    unsigned n = 0;
    for (const struct zi_member *m = g->members; m; m = m->next)
        n++;
    switch (g->mode) {
    case ZI_GROUP_MEAN:
        return zi_arena_printf(
            in->arena,
            WORDS(in,
                  "Nilai = bobot %s × rata-rata nilai %u butirnya (setiap butir paling "
                  "tinggi %s).",
                  "Score = weight %s × the mean score of its %u members (each at most %s)."),
            zi_doc_number(in, g->weight, 2), n, zi_doc_number(in, g->weight / n, 2));
    case ZI_GROUP_RELATIVE:
        return zi_arena_printf(
            in->arena,
            WORDS(in, "Nilai = bobot %s × rata-rata nilai bagiannya, ditimbang dengan bobot relatifnya.",
                  "Score = weight %s × the mean score of its members, weighted by their relative weights."),
            zi_doc_number(in, g->weight, 2));
    default:
        return zi_arena_printf(in->arena,
                               WORDS(in, "Nilai = jumlah nilai bagiannya (paling tinggi %s).",
                                     "Score = the sum of its members' scores (at most %s)."),
                               zi_doc_number(in, g->weight, 2));
    }
}

static void worksheet_group(struct doc *d, const struct zi_group *g, const char *parent, int level)
{
    const struct zi_doc_input *in = d->in;
    const char *path = group_path(d, parent, g);
    const struct zi_doc_attr attrs[] = {{"path", path},
                                        {"weight", zi_doc_attr_number(in, g->weight)},
                                        {"items", zi_arena_printf(in->arena, "%u", count_items(g))}};
    heading(d, level, zi_arena_printf(in->arena, "g-%s", path),
            zi_arena_printf(in->arena, "%s — %s %s", group_name(d, g),
                            g->parent && g->parent->mode == ZI_GROUP_RELATIVE
                                ? WORDS(in, "bobot relatif", "relative weight")
                                : WORDS(in, "bobot", "weight"),
                            zi_doc_number(in, g->weight, 2)),
            attrs, 3);
    paragraph(d, group_rule(d, g));
    const char *header[] = {WORDS(in, "Kode", "Code"), WORDS(in, "Pertanyaan", "Question"),
                            WORDS(in, "Jawaban dan nilainya", "Answers and their scores"),
                            WORDS(in, "Nilai maks.", "Max. points")};
    bool open = false; /* items in a row share one table */
    for (const struct zi_member *m = g->members; m; m = m->next) {
        if (m->item) {
            if (!open) table(d, 4, header);
            open = true;
            item_row(d, m->item);
            continue;
        }
        if (open) table_end(d);
        open = false;
        worksheet_group(d, m->group, path, level + 1);
    }
    if (open) table_end(d);
}

static void worksheet(struct doc *d)
{
    const struct zi_doc_input *in = d->in;
    heading(d, 1, "lembar-kerja", WORDS(in, "Lembar kerja", "Worksheet"), NULL, 0);
    paragraph(
        d, zi_arena_printf(in->arena, "%s %s; %s.",
                           WORDS(in,
                                 "Nilai butir = nilai jawabannya × nilai maksimum butir. Nilai jawaban "
                                 "angka atau rumus dibatasi 0 sampai 1",
                                 "An item scores its answer's score × its maximum points. A numeric answer's "
                                 "or a formula's score is kept within 0 to 1"),
                           WORDS(in, "sebelum dikalikan", "before it is multiplied"),
                           missing_words(in, in->criteria->missing)));
    paragraph(
        d, WORDS(in,
                 "Dalam rumus: answer = jawaban butir itu sendiri; ratio(n, d, z) = n ÷ d dibatasi 0 sampai "
                 "1, atau z (bila tidak ditulis: 0) bila d = 0; min dan max = yang terkecil dan yang "
                 "terbesar; clamp(x, a, b) = x dibatasi a sampai b; abs(x) = nilai mutlak x; pembagian "
                 "dengan 0 bernilai 0.",
                 "In formulas: answer = the item's own answer; ratio(n, d, z) = n ÷ d kept within 0 to 1, "
                 "or z (0 when not written) when d = 0; min and max = the smallest and the largest; "
                 "clamp(x, a, b) = x kept within a to b; abs(x) = the absolute value of x; a division by 0 "
                 "gives 0."));
    for (const struct zi_member *m = in->criteria->groups; m; m = m->next)
        worksheet_group(d, m->group, NULL, 2);
}

/* ---- Predikat and syarat pengusulan ---- */

/* One condition a row (with its name in a prerequisites block), an `all` condition followed by a row for
 * each member with its own threshold. */
static void condition_rows(struct doc *d, const struct zi_condition *c, unsigned number, bool named)
{
    const struct zi_doc_input *in = d->in;
    const char *cells[4], *sub[4];
    unsigned n = 0;
    sub[n] = "";
    cells[n++] = zi_arena_printf(in->arena, "%u", number);
    if (named) {
        sub[n] = "";
        cells[n++] = c->name.text ? c->name.text : "";
    }
    unsigned words = n;
    cells[n++] = zi_doc_condition(in, c);
    sub[n] = "";
    cells[n++] = zi_doc_source_text(in, c->span);
    row(d, cells, NULL, 0);
    if (!c->is_all) return;
    const char **members;
    unsigned n_members = zi_doc_all_members(in, c, &members);
    for (unsigned k = 0; k < n_members; k++) {
        sub[words] = zi_arena_printf(in->arena, "· %s", members[k]);
        row(d, sub, NULL, 0);
    }
}

static const struct zi_verdict_desc *verdict_desc(const struct zi_module *m, const char *id)
{
    for (uint32_t v = 0; v < m->n_verdicts; v++)
        if (strcmp(m->verdicts[v].id, id) == 0) return &m->verdicts[v];
    return NULL;
}

static void verdicts(struct doc *d)
{
    const struct zi_doc_input *in = d->in;
    heading(d, 1, "predikat", WORDS(in, "Predikat", "Verdicts"), NULL, 0);
    paragraph(d,
              WORDS(in,
                    "Predikat diperiksa berurutan: unit mendapat predikat pertama yang semua syarat nilainya "
                    "terpenuhi. Ambang dibandingkan dengan nilai yang belum dibulatkan.",
                    "The verdicts are tried in order: a unit gets the first whose score conditions all hold. "
                    "Thresholds compare the exact, unrounded scores."));
    const char *header[] = {WORDS(in, "No.", "No."), WORDS(in, "Syarat", "Condition"),
                            WORDS(in, "Aturan", "Rule")};
    for (const struct zi_verdict *v = in->criteria->verdicts; v; v = v->next) {
        const struct zi_verdict_desc *vd = verdict_desc(in->module, v->name.text);
        const struct zi_doc_attr attrs[] = {
            {"verdict", v->name.text},
            {"conditions", zi_arena_printf(in->arena, "%u", vd ? vd->n_conditions : 0)}};
        heading(d, 2, zi_arena_printf(in->arena, "v-%s", v->name.text),
                zi_arena_printf(in->arena, "%s — %s", v->name.text, title_or(&v->title, v->name.text)), attrs,
                2);
        if (v->is_otherwise) {
            paragraph(d, WORDS(in, "Diberikan bila tidak ada predikat di atas yang syaratnya terpenuhi.",
                               "Given when no verdict above holds."));
            continue;
        }
        table(d, 3, header);
        unsigned k = 1;
        for (const struct zi_condition *c = v->conditions; c; c = c->next)
            condition_rows(d, c, k++, false);
        table_end(d);
    }
}

static void prerequisites(struct doc *d)
{
    const struct zi_doc_input *in = d->in;
    if (!in->criteria->prerequisites) return;
    heading(d, 1, "syarat-pengusulan", WORDS(in, "Syarat pengusulan", "Prerequisites for proposing a unit"),
            NULL, 0);
    paragraph(d,
              WORDS(in,
                    "Unit yang nilainya mencapai suatu predikat baru dapat diusulkan untuk predikat itu bila "
                    "semua syaratnya terpenuhi. Syarat yang datanya kosong belum diketahui, tidak pernah "
                    "dianggap terpenuhi. Syarat tidak mengubah nilai maupun predikat.",
                    "A unit whose scores reach a verdict may be proposed for it only when every prerequisite "
                    "is met. A prerequisite whose data is missing is unknown, never taken as met. "
                    "Prerequisites change neither the scores nor the verdict."));
    const char *header[] = {WORDS(in, "No.", "No."), WORDS(in, "Nama", "Name"),
                            WORDS(in, "Syarat", "Condition"), WORDS(in, "Aturan", "Rule")};
    for (const struct zi_prerequisites *p = in->criteria->prerequisites; p; p = p->next) {
        const char *verdict = p->verdict.text;
        const struct zi_verdict_desc *vd = verdict_desc(in->module, verdict);
        const struct zi_doc_attr attrs[] = {
            {"verdict", verdict},
            {"prerequisites", zi_arena_printf(in->arena, "%u", vd ? vd->n_prerequisites : 0)}};
        heading(d, 2, zi_arena_printf(in->arena, "p-%s", verdict),
                p->title.text && strstr(p->title.text, verdict)
                    ? p->title.text
                    : zi_arena_printf(in->arena, "%s (%s)", title_or(&p->title, verdict), verdict),
                attrs, 2);
        bool relaxation = false;
        unsigned k = 1;
        table(d, 4, header);
        for (const struct zi_condition *c = p->conditions; c; c = c->next) {
            relaxation = relaxation || c->is_relaxation;
            if (!c->is_relaxation) condition_rows(d, c, k++, true);
        }
        table_end(d);
        if (!relaxation) continue;
        paragraph(
            d, WORDS(in,
                     "Relaksasi: unit tetap dapat diusulkan meskipun ada syarat di atas yang belum terpenuhi "
                     "atau belum diketahui, bila semua ketentuan berikut terpenuhi.",
                     "Relaxation: a unit may still be proposed while some prerequisite above is unmet or "
                     "unknown, when every line below holds."));
        table(d, 4, header);
        k = 1;
        for (const struct zi_condition *c = p->conditions; c; c = c->next) {
            if (c->is_relaxation) condition_rows(d, c, k++, true);
        }
        table_end(d);
    }
}

/* ---- Data yang diminta, skala jawaban ---- */

/* A category's values with their other spellings, "pemda (Pemerintah Daerah, Pemkab) · kl (…)"; a grade's
 * joined by " > ", best first. */
static const char *label_values(const struct zi_doc_input *in, const struct zi_labels *set)
{
    const char *text = "";
    for (const struct zi_label_value *v = set->values; v; v = v->next) {
        const char *others = "";
        for (unsigned k = 1; k < v->n_spellings; k++)
            others = zi_arena_printf(in->arena, "%s%s%s", others, k > 1 ? ", " : " (", v->spellings[k].text);
        text = zi_arena_printf(in->arena, "%s%s%s%s%s", text,
                               v == set->values ? ""
                               : set->ordered   ? " > "
                                                : " · ",
                               v->spellings[0].text, others, v->n_spellings > 1 ? ")" : "");
    }
    if (set->ordered)
        text = zi_arena_printf(in->arena, "%s (%s)", text, WORDS(in, "terbaik lebih dulu", "best first"));
    return text;
}

static const char *fact_accepts(const struct zi_doc_input *in, const struct zi_input *f)
{
    if (f->labels) return label_values(in, f->labels);
    if (f->kind == ZI_INPUT_BOOLEAN) return WORDS(in, "Ya / Tidak", "Ya / Tidak (yes / no)");
    return number_kind(in, f);
}

static void facts(struct doc *d)
{
    const struct zi_doc_input *in = d->in;
    if (!in->criteria->facts) return;
    heading(d, 1, "data", WORDS(in, "Data yang diminta", "Facts asked"), NULL, 0);
    paragraph(
        d, WORDS(in,
                 "Data tentang instansi dan unit yang diisi di samping jawaban lembar kerja. Data ini tidak "
                 "memberi nilai; hanya syarat pengusulan yang membacanya.",
                 "Facts about the instansi and the unit, entered beside the worksheet's answers. They carry "
                 "no points; only the prerequisites read them."));
    const char *header[] = {WORDS(in, "Kolom", "Column"), WORDS(in, "Data", "Fact"),
                            WORDS(in, "Isian yang diterima", "Accepted values")};
    for (const struct zi_facts *b = in->criteria->facts; b; b = b->next) {
        heading(d, 2, zi_arena_printf(in->arena, "f-%s", b->name.text), title_or(&b->title, b->name.text),
                NULL, 0);
        table(d, 3, header);
        for (const struct zi_input *f = b->facts; f; f = f->next) {
            const char *cells[] = {f->key, title_or(&f->title, f->name.text), fact_accepts(in, f)};
            const struct zi_doc_attr attrs[] = {{"fact", f->key}};
            row(d, cells, attrs, 1);
        }
        table_end(d);
    }
}

static void scales(struct doc *d)
{
    const struct zi_doc_input *in = d->in;
    heading(d, 1, "skala", WORDS(in, "Skala jawaban", "Answer scales"), NULL, 0);
    const char *header[] = {WORDS(in, "Skala", "Scale"),
                            WORDS(in, "Jawaban dan nilainya", "Answers and scores")};
    table(d, 2, header);
    for (const struct zi_scale *s = in->criteria->scales; s; s = s->next) {
        const char *cells[] = {title_or(&s->title, s->name.text), scale_answers(in, s, false)};
        row(d, cells, NULL, 0);
    }
    table_end(d);
}

/* ---- Asal-usul ---- */

static void provenance(struct doc *d)
{
    const struct zi_doc_input *in = d->in;
    const struct zi_module *m = in->module;
    heading(d, 1, "asal-usul", WORDS(in, "Asal-usul", "Provenance"), NULL, 0);
    const char *header[] = {WORDS(in, "Keterangan", "Field"), WORDS(in, "Isi", "Value")};
    table(d, 2, header);
    const char *rows[][2] = {{WORDS(in, "Kriteria", "Criteria"), m->criteria_id},
                             {WORDS(in, "Judul", "Title"), m->title},
                             {WORDS(in, "Peraturan", "Regulation"), m->regulation ? m->regulation : "—"},
                             {WORDS(in, "Dibuat dengan", "Made by"), m->compiler_version}};
    for (size_t k = 0; k < sizeof rows / sizeof rows[0]; k++)
        row(d, rows[k], NULL, 0);
    table_end(d);
    paragraph(
        d, WORDS(in,
                 "Berkas kriteria dan sidik SHA-256-nya: dokumen ini sesuai dengan modul penilaian yang "
                 "dibangun dari berkas yang sidiknya sama (zirun --verify menampilkannya).",
                 "The criteria files and their SHA-256: this document matches the scoring module built from "
                 "files with the same hashes (zirun --verify shows them)."));
    const char *fh[] = {WORDS(in, "Berkas", "File"), WORDS(in, "Peran", "Role"), "SHA-256"};
    table(d, 3, fh);
    for (uint32_t k = 0; k < m->n_sources; k++) {
        const char *cells[] = {m->sources[k].name,
                               k == 0 ? WORDS(in, "berkas yang dibaca", "the file read")
                                      : WORDS(in, "dasar (extends)", "base (extends)"),
                               m->sources[k].sha256};
        const struct zi_doc_attr attrs[] = {{"sha256", m->sources[k].sha256}};
        row(d, cells, attrs, 1);
    }
    table_end(d);
}

void zi_doc_content(const struct zi_doc_input *in, struct zi_doc_writer *w)
{
    struct doc d = {in, w};
    const struct zi_criteria *c = in->criteria;
    const char *subtitle =
        zi_arena_printf(in->arena, "%s %s%s%s", WORDS(in, "Kriteria", "Criteria"), c->name.text,
                        c->regulation.text ? " · " : "", c->regulation.text ? c->regulation.text : "");
    w->ops->begin(w, title_or(&c->title, c->name.text), subtitle);
    summary(&d);
    worksheet(&d);
    verdicts(&d);
    prerequisites(&d);
    facts(&d);
    scales(&d);
    provenance(&d);
    w->ops->end(w);
}
