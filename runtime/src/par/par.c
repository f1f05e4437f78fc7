/* par.c — zirun --threads: a wide CSV read, scored and formatted on several cores, written as by one.
 *
 *   caller's thread:  cut ─► chunk ─► chunk ─► …            (records found by zi_csv_skip, copied out)
 *   threads:                 fill ─► score ─► format        (each chunk's batches, into its own buffer)
 *   caller's thread:  in input order: ids ─► rows ─► copy the formatted rows ─► echo the errors
 *
 * The cut finds each record exactly as zi_csv_next would (the same function does it: quotes, line breaks in
 * quoted fields, malformed rows, row numbers), so a thread replays the records rather than finding them
 * again, and chunks hold whole batches of the size one thread uses: every batch — and so every warning and
 * echoed error between batches — is the one-thread run's. What depends on the units before a batch is done
 * in order on the caller's thread: the duplicate-id check and the row warnings (their state is the run's,
 * and their limits are per run), the first note about an id read as Windows-1252, the stats and the echoed
 * errors. A thread formats its units as if their ids were new; when the in-order check gives one of a
 * batch's units an error (a duplicate: rare), that batch is formatted again on the caller's thread.
 *
 * Memory is a fixed number of chunks (two per thread), each of at most ZI_PAR_BATCHES batches: bounded by
 * the batch size and the thread count, never by the file (docs/limits.md).
 */
#define _GNU_SOURCE /* sched_getaffinity, CPU_COUNT */
#include <pthread.h>
#include <sched.h>
#include <stdlib.h>

#include "../zirt.h"

/* Batches per chunk: enough units that handing a chunk over costs nothing beside its work (4096 units of
 * 256), few enough that the chunks in flight stay small; a tiny --batch-size makes many small chunks. */
#define ZI_PAR_BATCHES 16
#define ZI_PAR_UNITS 4096

enum { SLOT_FREE, SLOT_READY, SLOT_BUSY, SLOT_DONE };

struct slot {
    int state;                 /* guarded by par.mu */
    struct zi_buf bytes;       /* the chunk's records, one after the other, then ZI_INPUT_PAD zeros */
    struct zi_csv_span *spans; /* where each record is in `bytes` */
    size_t n_spans, cap_spans;
    uint64_t first_unit;  /* units before the chunk (the JSON report's commas) */
    struct zi_batch *b;   /* per batch */
    size_t *ends;         /* per batch: where its rows end in `out` */
    struct zi_buf *notes; /* per batch: the note about an id read as Windows-1252, if it has one */
    uint32_t n_batches;
    struct zi_out out;                             /* the chunk's rows, formatted (f NULL: kept in memory) */
    char fatal[sizeof((struct zi_ctx *)0)->fatal]; /* why reading the last batch stopped, or "" */
};

struct par;
struct worker {
    struct par *p;
    pthread_t tid;
    struct zi_ctx c; /* the run's, for what reading and scoring read; its sets of ids are never used */
    struct zi_input in;
    struct zi_csv csv;
    struct zi_wide *w;
    struct zi_report r;
};

struct par {
    pthread_mutex_t mu;
    pthread_cond_t work, done;
    int quit;
    struct slot *slots;
    uint32_t n_slots, per_chunk, cap;
    struct worker *workers;
    uint32_t n_workers;
};

uint32_t zi_par_threads(uint32_t n)
{
    if (n) return n;
    cpu_set_t set;
    if (sched_getaffinity(0, sizeof set, &set) != 0) return 1;
    int k = CPU_COUNT(&set);
    return k < 1 ? 1 : k > ZI_MAX_THREADS ? ZI_MAX_THREADS : (uint32_t)k;
}

/* Reads the chunk's batches: what one thread's loop does before the checks that need the units before. */
static void process(struct worker *wk, struct slot *s)
{
    struct zi_ctx *c = &wk->c;
    struct par *p = wk->p;
    wk->csv.base = s->bytes.p;
    wk->csv.spans = s->spans;
    wk->csv.n_spans = s->n_spans;
    wk->csv.next_span = 0;
    /* The note zi_ingest_id_text writes the first time an id is read as Windows-1252 goes to a buffer, per
     * batch: whether it is the run's first is known only in order. */
    char *notes = NULL;
    size_t n_notes = 0, mark = 0;
    c->diag = open_memstream(&notes, &n_notes);
    struct zi_out mine = wk->r.out;
    wk->r.out = s->out;
    wk->r.out.len = 0;
    wk->r.out.failed = 0;
    wk->r.units = s->first_unit;
    s->n_batches = 0;
    s->fatal[0] = '\0';
    if (!c->diag) snprintf(s->fatal, sizeof s->fatal, "out of memory");
    for (uint32_t k = 0; k < p->per_chunk && c->diag; k++) {
        struct zi_batch *b = &s->b[k];
        zi_batch_reset(b);
        s->notes[k].len = 0;
        c->noted_cp1252 = 0;
        c->fatal[0] = '\0';
        zi_wide_fill(wk->w, b);
        if (fflush(c->diag) != 0) b->oom = 1;
        if (n_notes > mark) {
            zi_buf_append(&s->notes[k], notes + mark, n_notes - mark);
            if (s->notes[k].failed) b->oom = 1;
            mark = n_notes;
        }
        s->n_batches = k + 1;
        zi_ingest_hash_ids(b);
        if (b->n) {
            zi_batch_find_complete(b);
            zi_ingest_find_sparse(c, b);
            zi_score_batch(c, b);
            zi_report_batch(&wk->r, b);
        }
        s->ends[k] = wk->r.out.len;
        if (c->fatal[0]) {
            memcpy(s->fatal, c->fatal, sizeof s->fatal);
            break;
        }
        if (b->n < b->cap) break;
    }
    if (c->diag) fclose(c->diag);
    c->diag = NULL;
    free(notes);
    s->out = wk->r.out;
    wk->r.out = mine;
}

static void *work(void *arg)
{
    struct worker *wk = arg;
    struct par *p = wk->p;
    pthread_mutex_lock(&p->mu);
    for (;;) {
        struct slot *s = NULL;
        for (uint32_t i = 0; i < p->n_slots && !s; i++)
            if (p->slots[i].state == SLOT_READY) s = &p->slots[i];
        if (p->quit) break; /* the run stopped: chunks not begun are not read */
        if (!s) {
            pthread_cond_wait(&p->work, &p->mu);
            continue;
        }
        s->state = SLOT_BUSY;
        pthread_mutex_unlock(&p->mu);
        process(wk, s);
        pthread_mutex_lock(&p->mu);
        s->state = SLOT_DONE;
        pthread_cond_signal(&p->done);
    }
    pthread_mutex_unlock(&p->mu);
    return NULL;
}

/* Cuts the next chunk: up to per_chunk × cap records. 1 when the input ended (or reading failed: `why` says
 * how, as the one-thread run says it), else 0; -1 out of memory. */
static int cut(struct par *p, struct zi_csv *csv, struct slot *s, uint64_t *units, char *why, size_t whylen)
{
    s->bytes.len = 0;
    s->n_spans = 0;
    s->first_unit = *units;
    size_t limit = (size_t)p->per_chunk * p->cap;
    int ended = 0;
    while (s->n_spans < limit) {
        if (s->n_spans == s->cap_spans) {
            size_t cap = s->cap_spans ? s->cap_spans * 2 : 256;
            struct zi_csv_span *sp = realloc(s->spans, cap * sizeof *sp);
            if (!sp) return -1;
            s->spans = sp;
            s->cap_spans = cap;
        }
        struct zi_csv_span *sp = &s->spans[s->n_spans];
        const char *start;
        int got = zi_csv_skip(csv, sp, &start);
        if (got < 0)
            snprintf(why, whylen, "row %llu: %s", (unsigned long long)csv->next_row, zi_input_error(csv->in));
        if (got <= 0) {
            ended = 1;
            break;
        }
        sp->off = s->bytes.len;
        zi_buf_append(&s->bytes, start, sp->len);
        s->n_spans++;
        (*units)++;
    }
    static const char pad[ZI_INPUT_PAD];
    zi_buf_append(&s->bytes, pad, sizeof pad); /* the 8-byte loads of csv.c and zi_cell_fast */
    return s->bytes.failed ? -1 : ended;
}

/* Writes a chunk's batches in order, as one thread's loop does after reading each; 1 when the run stops. */
static int write_chunk(struct zi_ctx *c, struct zi_report *r, struct slot *s, const struct zi_par_tally *t)
{
    size_t begin = 0;
    for (uint32_t k = 0; k < s->n_batches; k++) {
        struct zi_batch *b = &s->b[k];
        if (s->notes[k].len && c->noted_cp1252++ == 0) {
            c->warnings++;
            if (c->diag) fwrite(s->notes[k].p, 1, s->notes[k].len, c->diag);
        }
        uint32_t errors = b->n_errors;
        zi_ingest_check_ids(c, b);
        if (b->n) {
            zi_ingest_check_rows(c, b);
            if (b->n_errors != errors || s->out.failed) {
                zi_report_batch(r, b); /* a unit's id was taken before it: the rows change */
            } else {
                zi_report_start(r);
                zi_out_bytes(&r->out, s->out.p + begin, s->ends[k] - begin);
                r->units += b->n;
            }
            zi_run_account(c, b, t->st, t->max_messages, t->shown, t->line);
        }
        begin = s->ends[k];
        if (b->oom) zi_ctx_fatal(c, "out of memory");
        if (k + 1 == s->n_batches && s->fatal[0]) zi_ctx_fatal(c, "%s", s->fatal);
        if (c->fatal[0] || r->out.failed) return 1;
    }
    return 0;
}

static void slot_free(struct slot *s, uint32_t per_chunk)
{
    zi_buf_free(&s->bytes);
    free(s->spans);
    for (uint32_t k = 0; s->b && k < per_chunk; k++)
        zi_batch_free(&s->b[k]);
    for (uint32_t k = 0; s->notes && k < per_chunk; k++)
        zi_buf_free(&s->notes[k]);
    free(s->b);
    free(s->notes);
    free(s->ends);
    zi_out_free(&s->out);
}

static int slot_init(struct slot *s, const struct zi_ctx *c, uint32_t per_chunk, uint32_t cap, int explain)
{
    memset(s, 0, sizeof *s);
    zi_buf_init(&s->bytes);
    s->b = calloc(per_chunk, sizeof *s->b);
    s->notes = calloc(per_chunk, sizeof *s->notes);
    s->ends = calloc(per_chunk, sizeof *s->ends);
    if (!s->b || !s->notes || !s->ends || zi_out_init(&s->out, NULL) != 0) return -1;
    for (uint32_t k = 0; k < per_chunk; k++) {
        zi_buf_init(&s->notes[k]);
        if (zi_batch_init(&s->b[k], c->m, cap, explain) != 0) return -1;
        s->b[k].lang = c->lang;
    }
    return 0;
}

static int worker_init(struct worker *wk, struct par *p, const struct zi_ctx *c, struct zi_wide *w, char sep,
                       enum zi_report_format format)
{
    wk->p = p;
    wk->c = *c;
    wk->c.diag = NULL;
    memset(&wk->in, 0, sizeof wk->in); /* never read: the records are replayed */
    zi_csv_init(&wk->csv, &wk->in, sep);
    wk->w = zi_wide_copy(w, &wk->c, &wk->csv);
    if (zi_report_init(&wk->r, &wk->c, NULL, format) != 0 || !wk->w) return -1;
    wk->r.started = 1; /* the header is the caller's report's */
    return 0;
}

static void worker_free(struct worker *wk)
{
    zi_wide_close(wk->w);
    zi_csv_free(&wk->csv);
    zi_report_free(&wk->r);
}

void zi_par_run(struct zi_ctx *c, struct zi_wide *w, struct zi_csv *csv, struct zi_report *r,
                enum zi_report_format format, uint32_t cap, int explain, uint32_t threads,
                const struct zi_par_tally *t)
{
    struct par p;
    memset(&p, 0, sizeof p);
    p.cap = cap;
    p.per_chunk = cap >= ZI_PAR_UNITS                   ? 1
                  : ZI_PAR_UNITS / cap < ZI_PAR_BATCHES ? ZI_PAR_UNITS / cap
                                                        : ZI_PAR_BATCHES;
    p.n_slots = 2 * threads;
    p.n_workers = threads;
    p.slots = calloc(p.n_slots, sizeof *p.slots);
    p.workers = calloc(p.n_workers, sizeof *p.workers);
    uint32_t made_slots = 0, made_workers = 0, started = 0;
    int mutex = p.slots && p.workers && pthread_mutex_init(&p.mu, NULL) == 0;
    int ok = mutex;
    int conds = ok && pthread_cond_init(&p.work, NULL) == 0;
    if (conds && pthread_cond_init(&p.done, NULL) != 0) {
        pthread_cond_destroy(&p.work);
        conds = 0;
    }
    ok = ok && conds;
    for (; ok && made_slots < p.n_slots; made_slots++)
        if (slot_init(&p.slots[made_slots], c, p.per_chunk, cap, explain) != 0) ok = 0;
    for (; ok && made_workers < p.n_workers; made_workers++)
        if (worker_init(&p.workers[made_workers], &p, c, w, csv->sep, format) != 0) ok = 0;
    while (ok && started < p.n_workers)
        if (pthread_create(&p.workers[started].tid, NULL, work, &p.workers[started]) == 0)
            started++;
        else
            ok = 0;
    char why[512] = "";
    if (!ok) {
        zi_ctx_fatal(c, "out of memory");
    } else {
        uint64_t next_cut = 0, next_write = 0, units = 0;
        int ended = 0, stop = 0;
        pthread_mutex_lock(&p.mu);
        while (!stop) {
            struct slot *s = &p.slots[next_cut % p.n_slots];
            if (!ended && s->state == SLOT_FREE) {
                pthread_mutex_unlock(&p.mu);
                int rc = cut(&p, csv, s, &units, why, sizeof why);
                pthread_mutex_lock(&p.mu);
                if (rc < 0) {
                    snprintf(why, sizeof why, "out of memory");
                    ended = 1;
                    continue; /* the chunks before are written first, as one thread would have */
                }
                ended = rc;
                s->state = SLOT_READY;
                next_cut++;
                pthread_cond_signal(&p.work);
                continue;
            }
            if (next_write == next_cut) break;
            s = &p.slots[next_write % p.n_slots];
            while (s->state != SLOT_DONE)
                pthread_cond_wait(&p.done, &p.mu);
            pthread_mutex_unlock(&p.mu);
            stop = write_chunk(c, r, s, t);
            pthread_mutex_lock(&p.mu);
            s->state = SLOT_FREE;
            next_write++;
        }
        p.quit = 1;
        pthread_cond_broadcast(&p.work);
        pthread_mutex_unlock(&p.mu);
        if (!stop && why[0]) zi_ctx_fatal(c, "%s", why);
    }
    if (!ok && started) {
        pthread_mutex_lock(&p.mu);
        p.quit = 1;
        pthread_cond_broadcast(&p.work);
        pthread_mutex_unlock(&p.mu);
    }
    for (uint32_t i = 0; i < started; i++)
        pthread_join(p.workers[i].tid, NULL);
    for (uint32_t i = 0; i < made_workers; i++)
        worker_free(&p.workers[i]);
    for (uint32_t i = 0; i < made_slots; i++)
        slot_free(&p.slots[i], p.per_chunk);
    if (conds) {
        pthread_cond_destroy(&p.work);
        pthread_cond_destroy(&p.done);
    }
    if (mutex) pthread_mutex_destroy(&p.mu);
    free(p.slots);
    free(p.workers);
}
