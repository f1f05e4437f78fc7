/* run.c — zi_run: read, score and report every unit, batch after batch.
 *
 *   validate the module ─► open the source (detect the format, read the header)
 *   ─► loop { fill a batch ─► score it ─► write it ─► echo its first errors } ─► close the report
 *
 * Memory is the batch, the reader's window and the report's buffer, all allocated before the loop, plus the
 * duplicate-id table (idset.c) and, for the long format only, its store. Every unit read reaches the report,
 * even when a later read fails: the batch in hand is scored and written before the run stops. With --threads,
 * a wide CSV to a CSV or JSON report goes through par/par.c instead of the loop, writing the same bytes.
 */
#include <stdlib.h>

#include "score/gap.h"
#include "zirt.h"

/* Units per batch: small enough that what the reader writes, the module reads and writes, and the report
 * reads stays in a core's second-level cache (the LKE: ~80 KB of answers and ~140 KB of scores for 256
 * units); 4096 units were 12 % slower end to end (docs/performance.md). */
#define ZI_DEFAULT_BATCH 256
#define ZI_DEFAULT_MESSAGES 20 /* unit errors echoed to the diagnostics stream */

void zi_run_options_init(struct zi_run_options *opt)
{
    memset(opt, 0, sizeof *opt);
    opt->data_format = ZI_DATA_AUTO;
    opt->report_format = ZI_REPORT_TABLE;
}

void zi_ctx_warn(struct zi_ctx *c, uint64_t row, uint32_t column, const char *fmt, ...)
{
    c->warnings++;
    if (!c->diag) return;
    struct zi_buf where;
    zi_buf_init(&where);
    zi_location(&where, c, row, column, ZI_LOC_PREFIX);
    fprintf(c->diag, "%s:%s warning: ", c->in_name, where.len && !where.failed ? where.p : "");
    zi_buf_free(&where);
    va_list ap;
    va_start(ap, fmt);
    vfprintf(c->diag, fmt, ap);
    va_end(ap);
    fputc('\n', c->diag);
}

void zi_ctx_fatal(struct zi_ctx *c, const char *fmt, ...)
{
    if (c->fatal[0]) return; /* the first cause is the one to tell */
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(c->fatal, sizeof c->fatal, fmt, ap);
    va_end(ap);
}

/* Stops the run: --gap names no verdict of the criteria that can be aimed at; the message lists those that
 * can. */
static void gap_refuse(struct zi_ctx *c, const char *want)
{
    const struct zi_module *m = c->m;
    char have[512] = "";
    size_t n = 0;
    for (uint32_t v = 0; v < m->n_verdicts && n < sizeof have; v++)
        if (!m->verdicts[v].is_fallback)
            n += (size_t)snprintf(have + n, sizeof have - n, "%s, ", m->verdicts[v].id);
    zi_ctx_fatal(c, "--gap %s: the criteria have no verdict of that name to aim at (they have %snext)", want,
                 have);
}

/* 0; 1 when the run cannot start (c->fatal says why: no score loop of the module runs on this CPU); -1 out of
 * memory. */
static int ctx_init(struct zi_ctx *c, const struct zi_module *m, const char *in_name, FILE *diag,
                    const struct zi_run_options *opt)
{
    memset(c, 0, sizeof *c);
    c->m = m;
    c->in_name = in_name ? in_name : "<input>";
    c->diag = diag;
    c->explain = opt->explain;
    c->separator = opt->separator;
    c->header_row = opt->header_row;
    c->id_column = opt->id_column;
    c->allow_missing_columns = opt->allow_missing_columns;
    c->want_sheet = opt->sheet;
    c->period_column = opt->period_column;
    /* Asked for, or the criteria's own (`language id` in the .zi), or English. */
    c->lang = opt->lang != ZI_LANG_AUTO                       ? opt->lang
              : m->language && strcmp(m->language, "id") == 0 ? ZI_LANG_ID
                                                              : ZI_LANG_EN;
    char err[512];
    int level = zi_module_pick_level(m, opt->cpu_level, err, sizeof err);
    if (level < 0) {
        zi_ctx_fatal(c, "%s", err);
        return 1;
    }
    c->score = zi_module_level_entry(m, level);
    c->answers = zi_answers_new(m);
    if (c->answers) zi_answers_set_lang(c->answers, c->lang);
    c->requires = malloc(((size_t)m->n_conditions + 1) * sizeof *c->requires);
    c->strict = malloc(((size_t)m->n_inputs + 1) * sizeof *c->strict);
    if (!c->answers || !c->requires || !c->strict || zi_names_init(&c->names, m) != 0 ||
        zi_idset_init(&c->ids) != 0 || zi_idset_init(&c->folded_ids) != 0 || zi_strmap_init(&c->warned) != 0)
        return -1;
    for (uint32_t k = 0; k < m->n_conditions; k++)
        if (m->conditions[k].role == ZI_CONDITION_REQUIRE) c->requires[c->n_requires++] = k;
    for (uint32_t i = 0; i < m->n_inputs; i++)
        if (m->inputs[i].missing == ZI_MISSING_ERROR && m->inputs[i].role == ZI_ROLE_ANSWER)
            c->strict[c->n_strict++] = i;
    return zi_propose_init(&c->propose, m);
}

static void ctx_free(struct zi_ctx *c)
{
    zi_answers_free(c->answers);
    free(c->requires);
    free(c->strict);
    zi_names_free(&c->names);
    zi_idset_free(&c->ids);
    zi_idset_free(&c->folded_ids);
    zi_strmap_free(&c->warned);
    zi_propose_free(&c->propose);
}

void zi_run_account(struct zi_ctx *c, const struct zi_batch *b, struct zi_run_stats *st,
                    uint32_t max_messages, uint64_t *shown, struct zi_buf *line)
{
    for (uint32_t u = 0; u < b->n; u++) {
        const struct zi_unit *un = &b->units[u];
        st->units++;
        if (un->n_errors)
            st->with_errors++;
        else
            st->scored++;
        st->with_missing += un->missing_answer;
        for (uint32_t e = un->first_error; e != ZI_NONE && c->diag; e = b->errors[e].next) {
            if ((*shown)++ >= max_messages) continue;
            const struct zi_unit_error *er = &b->errors[e];
            line->len = 0;
            zi_buf_printf(line, "%s:", c->in_name);
            zi_location(line, c, er->row, er->column, ZI_LOC_PREFIX);
            zi_buf_puts(line, " error: unit '");
            zi_buf_put_printable(line, zi_batch_str(b, un->id), un->id_len);
            zi_buf_printf(line, "': %s\n", zi_batch_str(b, er->text));
            if (!line->failed) fputs(line->p, c->diag);
        }
    }
}

/* zi_run and zi_run_collect: the units go to the report on `out`, or when `keep` is given, into it. */
static int run(const struct zi_module *m, FILE *in, const char *in_name, FILE *out, FILE *diag,
               const struct zi_run_options *opt, struct zi_run_stats *stats, struct zi_collector *keep)
{
    struct zi_run_options defaults;
    if (!opt) {
        zi_run_options_init(&defaults);
        opt = &defaults;
    }
    struct zi_run_stats local;
    struct zi_run_stats *st = stats ? stats : &local;
    memset(st, 0, sizeof *st);
    const char *program = opt->program ? opt->program : "zirun";
    char err[512];
    if (zi_module_validate(m, err, sizeof err) != 0) {
        if (diag) fprintf(diag, "%s: the module was refused: %s\n", program, err); /* for whoever built it */
        return ZI_RUN_FAILED;
    }
    struct zi_ctx c;
    struct zi_batch b;
    struct zi_report r;
    struct zi_source *src = NULL;
    struct zi_gap *gap = NULL;
    struct zi_buf line;
    zi_buf_init(&line);
    memset(&b, 0, sizeof b);
    memset(&r, 0, sizeof r);
    int failed = 0, write_failed = 0;
    int ready = ctx_init(&c, m, in_name, diag, opt);
    if (ready != 0) {
        if (ready < 0) zi_ctx_fatal(&c, "out of memory");
        failed = 1;
        goto done;
    }
    /* A gap is for the reports (zi_run_collect keeps none); the page shows each unit's way to the next
     * predicate unless --gap aims elsewhere. */
    const char *gap_want = keep                                   ? NULL
                           : opt->gap                             ? opt->gap
                           : opt->report_format == ZI_REPORT_HTML ? ZI_GAP_NEXT_WORD
                                                                  : NULL;
    if (gap_want) {
        int32_t target = zi_gap_parse_target(m, gap_want);
        if (target == -1) {
            gap_refuse(&c, gap_want);
            failed = 1;
            goto done;
        }
        if (!(gap = zi_gap_new(m, c.score, target))) {
            zi_ctx_fatal(&c, "out of memory");
            failed = 1;
            goto done;
        }
    }
    uint32_t cap = opt->batch_size ? opt->batch_size : ZI_DEFAULT_BATCH;
    uint32_t max_messages = opt->max_messages ? opt->max_messages : ZI_DEFAULT_MESSAGES;
    src = zi_source_open(&c, in, opt->data_format);
    if (!src) {
        failed = 1;
        goto done;
    }
    /* A JSON report lists every item's score, which only explain_batch writes; the page draws the conditions'
     * operands and lists the items that cost the most points; kept units keep the operands. */
    int explain_entry =
        opt->explain || opt->report_format == ZI_REPORT_JSON || opt->report_format == ZI_REPORT_HTML || keep;
    if (zi_batch_init(&b, m, cap, explain_entry) != 0 ||
        (!keep && zi_report_init(&r, &c, out, opt->report_format) != 0)) {
        zi_ctx_fatal(&c, "out of memory");
        failed = 1;
        goto done;
    }
    b.lang = c.lang;
    r.gap = gap;
    if (!keep && opt->report_format == ZI_REPORT_XLSX &&
        (!opt->out_path || zi_report_xlsx_open(&r, opt->out_path) != 0)) {
        if (!opt->out_path)
            zi_ctx_fatal(&c, "--format xlsx writes a workbook file: give -o FILE.xlsx");
        else
            zi_ctx_fatal(&c, "cannot create the workbook '%s': %s",
                         opt->out_name ? opt->out_name : opt->out_path, zi_report_xlsx_error(&r));
        failed = 1;
        goto done;
    }
    uint64_t shown = 0;
    uint32_t threads = zi_par_threads(opt->threads);
    struct zi_csv *csv;
    struct zi_wide *wide = zi_source_wide(src, &csv);
    /* Threads where they pay and where the order of what is written is kept (par.c); the table sizes its
     * columns from the first batch, the page and the workbook are written by one thread, --gap and
     * zi_run_collect keep state across units: one thread. */
    int parallel =
        threads > 1 && wide && !keep && !gap && (r.format == ZI_REPORT_CSV || r.format == ZI_REPORT_JSON);
    if (parallel) {
        struct zi_par_tally t = {st, max_messages, &shown, &line};
        zi_par_run(&c, wide, csv, &r, opt->report_format, cap, explain_entry, threads, &t);
    }
    while (!parallel) {
        zi_batch_reset(&b);
        zi_source_fill(src, &b);
        zi_ingest_hash_ids(&b);
        zi_ingest_check_ids(&c, &b);
        if (b.n) {
            zi_batch_find_complete(&b);
            zi_ingest_find_sparse(&c, &b);
            zi_ingest_check_rows(&c, &b);
            zi_score_batch(&c, &b);
            if (gap && zi_gap_batch(gap, &b) != 0) b.oom = 1;
            if (!keep)
                zi_report_batch(&r, &b);
            else if (zi_collector_batch(keep, &c, &b) != 0)
                b.oom = 1;
            zi_run_account(&c, &b, st, max_messages, &shown, &line);
        }
        if (b.oom) zi_ctx_fatal(&c, "out of memory");
        /* A report that cannot be written stops the run at once: reading on would only hide the cause. */
        if (c.fatal[0] || b.n == 0 || r.out.failed) break;
    }
    st->warnings = c.warnings;
    if (c.fatal[0]) failed = 1;
    if (!keep && (r.out.failed || zi_report_finish(&r, st, !failed) != 0)) {
        /* Told without the input's name in front: it is the output that failed, not the data. */
        if (diag)
            fprintf(diag, "%s: cannot write the report to '%s': %s (stopped after %llu units)\n", program,
                    opt->out_name && strcmp(opt->out_name, "-") != 0 ? opt->out_name : "<stdout>",
                    r.xlsx ? zi_report_xlsx_error(&r) : strerror(r.out.failed),
                    (unsigned long long)st->units);
        write_failed = 1;
    }
    if (diag && !write_failed && shown > max_messages)
        fprintf(diag,
                ZI_WORDS(c.lang,
                         "%s: %llu galat unit lain tidak ditampilkan di sini (semuanya ada di laporan)\n",
                         "%s: %llu more unit errors not shown here (every error is in the report)\n"),
                program, (unsigned long long)(shown - max_messages));
    if (diag && !write_failed && st->with_errors)
        fprintf(diag,
                ZI_WORDS(c.lang, "%s: %s: %llu unit, %llu dinilai, %llu dengan galat\n",
                         "%s: %s: %llu units, %llu scored, %llu with errors\n"),
                program, c.in_name, (unsigned long long)st->units, (unsigned long long)st->scored,
                (unsigned long long)st->with_errors);
done:
    if (failed && diag) fprintf(diag, "%s: %s: %s\n", program, c.in_name, c.fatal[0] ? c.fatal : "failed");
    if (!keep) zi_report_free(&r);
    zi_gap_free(gap);
    zi_batch_free(&b);
    zi_source_close(src);
    ctx_free(&c);
    zi_buf_free(&line);
    if (failed || write_failed) return ZI_RUN_FAILED;
    return st->with_errors ? ZI_RUN_UNIT_ERRORS : ZI_RUN_OK;
}

int zi_run(const struct zi_module *m, FILE *in, const char *in_name, FILE *out, FILE *diag,
           const struct zi_run_options *opt, struct zi_run_stats *stats)
{
    return run(m, in, in_name, out, diag, opt, stats, NULL);
}

int zi_run_collect(const struct zi_module *m, FILE *in, const char *in_name, FILE *diag,
                   const struct zi_run_options *opt, struct zi_results *out)
{
    memset(out, 0, sizeof *out);
    out->m = m;
    struct zi_collector *keep = zi_collector_new(m);
    if (!keep) {
        if (diag) fprintf(diag, "%s: out of memory\n", opt && opt->program ? opt->program : "zirun");
        return ZI_RUN_FAILED;
    }
    out->store = keep;
    int status = run(m, in, in_name, NULL, diag, opt, &out->stats, keep);
    zi_collector_results(keep, out);
    return status;
}
