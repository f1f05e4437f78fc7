/* diag.c — recording diagnostics and printing them with the source line and a caret. */
#include "diag.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

void zi_diag_init(struct zi_diag *diag, const struct zi_source *source, struct zi_arena *arena)
{
    memset(diag, 0, sizeof *diag);
    diag->source = source;
    diag->arena = arena;
    diag->error_limit = ZI_DIAG_ERROR_LIMIT;
}

static char *vformat(struct zi_arena *arena, const char *fmt, va_list args)
{
    va_list again;
    va_copy(again, args);
    int len = vsnprintf(NULL, 0, fmt, args);
    char *text = zi_arena_alloc(arena, (size_t)(len < 0 ? 0 : len) + 1);
    vsnprintf(text, (size_t)len + 1, fmt, again);
    va_end(again);
    return text;
}

struct zi_diagnostic *zi_diag_report(struct zi_diag *diag, enum zi_severity severity, struct zi_span span,
                                     const char *code, const char *fmt, ...)
{
    bool promoted = severity == ZI_SEV_WARNING && diag->werror;
    bool is_error = severity == ZI_SEV_ERROR || promoted;
    if (is_error && diag->error_limit && diag->n_errors >= diag->error_limit) {
        diag->n_dropped++;
        return NULL;
    }
    struct zi_diagnostic *d = zi_arena_alloc(diag->arena, sizeof *d);
    va_list args;
    va_start(args, fmt);
    d->message = vformat(diag->arena, fmt, args);
    va_end(args);
    d->code = code;
    d->severity = promoted ? ZI_SEV_ERROR : severity;
    d->promoted = promoted;
    d->span = span;
    d->order = diag->n_errors + diag->n_warnings;
    if (is_error)
        diag->n_errors++;
    else
        diag->n_warnings++;
    if (diag->last)
        diag->last->next = d;
    else
        diag->first = d;
    diag->last = d;
    return d;
}

static void append_note(struct zi_diagnostic *d, struct zi_diag_note *note)
{
    if (d->last_note)
        d->last_note->next = note;
    else
        d->notes = note;
    d->last_note = note;
}

void zi_diag_add_note(struct zi_diag *diag, struct zi_diagnostic *d, struct zi_span span, const char *fmt,
                      ...)
{
    if (!d) return;
    struct zi_diag_note *note = zi_arena_alloc(diag->arena, sizeof *note);
    va_list args;
    va_start(args, fmt);
    note->message = vformat(diag->arena, fmt, args);
    va_end(args);
    note->span = span;
    note->has_span = true;
    append_note(d, note);
}

void zi_diag_add_hint(struct zi_diag *diag, struct zi_diagnostic *d, const char *fmt, ...)
{
    if (!d) return;
    struct zi_diag_note *note = zi_arena_alloc(diag->arena, sizeof *note);
    va_list args;
    va_start(args, fmt);
    note->message = vformat(diag->arena, fmt, args);
    va_end(args);
    append_note(d, note);
}

void zi_diag_add_fixit(struct zi_diag *diag, struct zi_diagnostic *d, struct zi_span span, const char *text)
{
    if (!d) return;
    struct zi_diag_fixit *fix = zi_arena_alloc(diag->arena, sizeof *fix);
    fix->span = span;
    fix->text = zi_arena_strndup(diag->arena, text, strlen(text));
    if (d->last_fixit)
        d->last_fixit->next = fix;
    else
        d->fixits = fix;
    d->last_fixit = fix;
}

void zi_diag_retract(struct zi_diag *diag, const char *code, uint32_t from)
{
    struct zi_diagnostic **link = &diag->first, *last = NULL;
    while (*link) {
        struct zi_diagnostic *d = *link;
        if (strcmp(d->code, code) == 0 && d->span.begin >= from && d->severity == ZI_SEV_ERROR) {
            *link = d->next;
            diag->n_errors--;
            continue;
        }
        last = d;
        link = &d->next;
    }
    diag->last = last;
}

bool zi_diag_has_errors(const struct zi_diag *diag)
{
    return diag->n_errors > 0;
}

/* Colours as clang uses them: bold white for the location, red errors, magenta warnings, cyan notes, green
 * caret. */
#define C_BOLD "\033[1m"
#define C_RED "\033[1;31m"
#define C_MAGENTA "\033[1;35m"
#define C_CYAN "\033[1;36m"
#define C_GREEN "\033[1;32m"
#define C_RESET "\033[0m"

/* Writes a source line with tabs kept (so the caret line can reuse them) and control bytes shown as spaces:
 * a NUL or an escape in a hostile file must not garble the terminal. */
static void print_source_line(FILE *out, const char *text, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)text[i];
        fputc(c == '\t' || c >= 0x20 ? c : ' ', out);
    }
}

/* Longest source line echoed; a 1 MB single-line file must not print 1 MB per diagnostic. */
enum { ZI_DIAG_MAX_ECHO = 400 };

static void print_excerpt(FILE *out, const struct zi_source *src, struct zi_span span, bool colour)
{
    uint32_t line, col;
    zi_source_position(src, span.begin, &line, &col);
    size_t line_len;
    const char *text = zi_source_line_at(src, span.begin, &line_len);
    /* A span can start before the echoed text: the byte-order mark of line 1 is not echoed. */
    size_t line_begin = (size_t)(text - src->text);
    size_t begin_in_line = span.begin > line_begin ? span.begin - line_begin : 0;
    size_t end_in_line =
        span.end > span.begin && span.end > line_begin ? span.end - line_begin : begin_in_line + 1;
    if (end_in_line > line_len) end_in_line = line_len > begin_in_line ? line_len : begin_in_line + 1;

    /* Window a very long line around the caret. */
    size_t from = 0, to = line_len;
    if (line_len > ZI_DIAG_MAX_ECHO) {
        from = begin_in_line > ZI_DIAG_MAX_ECHO / 2 ? begin_in_line - ZI_DIAG_MAX_ECHO / 2 : 0;
        /* Cut between characters; a run of stray bytes stops this after one step, not at the line's end. */
        while (from > 0 && !zi_source_starts_column(text, 0, from))
            from--;
        to = from + ZI_DIAG_MAX_ECHO < line_len ? from + ZI_DIAG_MAX_ECHO : line_len;
        while (to < line_len && !zi_source_starts_column(text, 0, to))
            to++;
        if (end_in_line > to) end_in_line = to > begin_in_line ? to : begin_in_line + 1;
    }
    int width = fprintf(out, "%5u | ", line) - 2;
    if (from > 0) fputs("...", out);
    print_source_line(out, text + from, to - from);
    if (to < line_len) fputs("...", out);
    fputc('\n', out);
    fprintf(out, "%*s| ", width, "");
    if (from > 0) fputs("   ", out);
    for (size_t i = from; i < begin_in_line && i < line_len; i++)
        if (zi_source_starts_column(text, 0, i)) fputc(text[i] == '\t' ? '\t' : ' ', out);
    if (colour) fputs(C_GREEN, out);
    fputc('^', out);
    for (size_t i = begin_in_line + 1; i < end_in_line; i++)
        if (zi_source_starts_column(text, 0, i)) fputc('~', out);
    if (colour) fputs(C_RESET, out);
    fputc('\n', out);
}

static void print_location(FILE *out, const struct zi_source *src, struct zi_span span, bool colour)
{
    uint32_t line, col;
    zi_source_position(src, span.begin, &line, &col);
    fprintf(out, "%s%s:%u:%u:%s ", colour ? C_BOLD : "", zi_source_file_at(src, span.begin)->name, line, col,
            colour ? C_RESET : "");
}

static int by_position(const void *a, const void *b)
{
    const struct zi_diagnostic *x = *(const struct zi_diagnostic *const *)a;
    const struct zi_diagnostic *y = *(const struct zi_diagnostic *const *)b;
    if (x->span.begin != y->span.begin) return x->span.begin < y->span.begin ? -1 : 1;
    return x->order < y->order ? -1 : x->order > y->order;
}

struct zi_diagnostic **zi_diag_sorted(struct zi_diag *diag, size_t *count)
{
    size_t n = 0;
    for (struct zi_diagnostic *d = diag->first; d; d = d->next)
        n++;
    struct zi_diagnostic **sorted = zi_arena_alloc(diag->arena, (n ? n : 1) * sizeof *sorted);
    n = 0;
    for (struct zi_diagnostic *d = diag->first; d; d = d->next)
        sorted[n++] = d;
    qsort(sorted, n, sizeof *sorted, by_position);
    *count = n;
    return sorted;
}

/* Shows a fix-it the way clang does: its text under the caret, when it stays on the diagnostic's line and
 * has no line end of its own (a fix-it that adds a line is described by the message instead). */
static void print_fixit(FILE *out, const struct zi_source *src, const struct zi_diagnostic *d, bool colour)
{
    for (const struct zi_diag_fixit *fix = d->fixits; fix; fix = fix->next) {
        uint32_t line, col, fix_line, fix_col;
        zi_source_position(src, d->span.begin, &line, &col);
        zi_source_position(src, fix->span.begin, &fix_line, &fix_col);
        uint32_t end_line, end_col;
        zi_source_position(src, fix->span.end, &end_line, &end_col);
        /* Shown only when it reads on its own: on this line, and not blanks (a space for a no-break space).
         */
        if (fix_line != line || end_line != line || strspn(fix->text, " ") == strlen(fix->text) ||
            strchr(fix->text, '\n'))
            continue;
        size_t line_len;
        const char *text = zi_source_line_at(src, d->span.begin, &line_len);
        int width = snprintf(NULL, 0, "%5u | ", line) - 2;
        fprintf(out, "%*s| ", width, "");
        if (line_len > ZI_DIAG_MAX_ECHO) continue; /* the echo is windowed: no column to line up with */
        size_t begin_in_line = fix->span.begin - (size_t)(text - src->text);
        for (size_t i = 0; i < begin_in_line && i < line_len; i++)
            if (zi_source_starts_column(text, 0, i)) fputc(text[i] == '\t' ? '\t' : ' ', out);
        fprintf(out, "%s%s%s\n", colour ? C_GREEN : "", fix->text, colour ? C_RESET : "");
    }
}

void zi_diag_print(struct zi_diag *diag, FILE *out, bool colour)
{
    size_t n;
    struct zi_diagnostic **sorted = zi_diag_sorted(diag, &n);
    if (n == 0 && diag->n_dropped == 0) return;

    for (size_t i = 0; i < n; i++) {
        const struct zi_diagnostic *d = sorted[i];
        print_location(out, diag->source, d->span, colour);
        if (d->severity == ZI_SEV_ERROR)
            fprintf(out, "%serror:%s ", colour ? C_RED : "", colour ? C_RESET : "");
        else
            fprintf(out, "%swarning:%s ", colour ? C_MAGENTA : "", colour ? C_RESET : "");
        fprintf(out, "%s%s [%s%s]%s\n", colour ? C_BOLD : "", d->message, d->code,
                d->promoted ? ", -Werror" : "", colour ? C_RESET : "");
        if (!d->no_excerpt) print_excerpt(out, diag->source, d->span, colour);
        print_fixit(out, diag->source, d, colour);
        for (const struct zi_diag_note *note = d->notes; note; note = note->next) {
            if (note->has_span) print_location(out, diag->source, note->span, colour);
            fprintf(out, "%snote:%s %s\n", colour ? C_CYAN : "", colour ? C_RESET : "", note->message);
            if (note->has_span) print_excerpt(out, diag->source, note->span, colour);
        }
    }
    if (diag->n_dropped)
        fprintf(out,
                "%s: %snote:%s too many errors (%u more not shown); fix these first or raise "
                "-ferror-limit\n",
                diag->source->name, colour ? C_CYAN : "", colour ? C_RESET : "", diag->n_dropped);
}

void zi_diag_print_summary(FILE *out, unsigned errors, unsigned warnings)
{
    if (!errors && !warnings) return;
    if (errors && warnings)
        fprintf(out, "%u error%s, %u warning%s generated.\n", errors, errors == 1 ? "" : "s", warnings,
                warnings == 1 ? "" : "s");
    else if (errors)
        fprintf(out, "%u error%s generated.\n", errors, errors == 1 ? "" : "s");
    else
        fprintf(out, "%u warning%s generated.\n", warnings, warnings == 1 ? "" : "s");
}
