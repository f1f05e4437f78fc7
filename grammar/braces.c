/* braces.c — where a missing or extra '}' really is. The grammar notices an unbalanced brace only where the
 * nesting finally runs out, often hundreds of lines below the slip (the end of the file, or the `verdict`
 * that lands inside a group). Criteria are written indented, so the indentation says what the writer meant: a
 * '}' that starts its line closes the block opened on the line with the same indentation. Walking the braces
 * with that rule (as rustc does for "unclosed delimiter", and Python with its indentation) finds the block
 * left open — the first '}' at a shallower indentation passes over it — or the '}' that closes a block early
 * (it sits deeper than the block it would close). The diagnosis is used only when it accounts for the whole
 * imbalance; otherwise the parser's own errors stand. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parse.h"

/* Tabs advance to the next multiple of 8, as a terminal shows them; the comparison is only between lines of
 * one file. */
static unsigned indentation(const struct zi_source *src, uint32_t line_begin)
{
    unsigned col = 0;
    for (size_t i = line_begin; i < src->len && (src->text[i] == ' ' || src->text[i] == '\t'); i++)
        col = src->text[i] == '\t' ? (col / 8 + 1) * 8 : col + 1;
    return col;
}

static uint32_t line_of(const struct zi_source *src, uint32_t offset)
{
    return zi_source_line_number(src, offset);
}

/* The line number a reader sees: within the file of a chain that holds `offset`. */
static uint32_t shown_line(const struct zi_source *src, uint32_t offset)
{
    uint32_t line, col;
    zi_source_position(src, offset, &line, &col);
    return line;
}

static uint32_t line_begin_of(const struct zi_source *src, uint32_t offset)
{
    return src->line_starts[line_of(src, offset) - 1];
}

/* Looks back only over blanks: a '}' deep in a 1 MB line costs one step, not a megabyte. */
static bool first_on_line(const struct zi_source *src, uint32_t offset)
{
    uint32_t i = offset;
    while (i > 0 && (src->text[i - 1] == ' ' || src->text[i - 1] == '\t'))
        i--;
    return i == 0 || src->text[i - 1] == '\n';
}

/* "group 'tim_kerja'", "score 'A.II.1'": the keyword and the name or code written after it. */
static const char *block_name(struct zi_parse_context *ctx, const struct zi_brace *b)
{
    const struct zi_source *src = ctx->source;
    size_t i = b->key.end;
    while (i < src->len && (src->text[i] == ' ' || src->text[i] == '\t'))
        i++;
    size_t from = i;
    if (i < src->len && src->text[i] == '"') {
        from = ++i;
        while (i < src->len && src->text[i] != '"' && src->text[i] != '\n')
            i++;
    } else {
        while (i < src->len &&
               (src->text[i] == '_' || (src->text[i] >= 'a' && src->text[i] <= 'z') ||
                (src->text[i] >= 'A' && src->text[i] <= 'Z') || (src->text[i] >= '0' && src->text[i] <= '9')))
            i++;
    }
    if (i == from || i - from > 60) return b->what;
    return zi_arena_printf(ctx->arena, "%s '%.*s'", b->what, (int)(i - from), src->text + from);
}

struct open_block {
    const struct zi_brace *brace;
    unsigned indent;
    uint32_t line;
};

struct culprit {
    const struct zi_brace *brace; /* the block left open, or the extra '}' */
    bool has_block;               /* an extra '}' that would close `block` early (else it closes nothing) */
    struct open_block block;      /* the block left open, or the one an extra '}' closes early */
};

/* The first line after the block's opening line that is indented no deeper than it (and is not blank or a
 * comment): where its '}' belongs. Returns its offset, or the file's length when there is none. */
static uint32_t closing_place(const struct zi_source *src, const struct open_block *block)
{
    for (uint32_t line = block->line + 1; line <= src->n_lines; line++) {
        uint32_t begin = src->line_starts[line - 1];
        size_t i = begin;
        while (i < src->len && (src->text[i] == ' ' || src->text[i] == '\t'))
            i++;
        if (i >= src->len) break;
        if (src->text[i] == '\n' || src->text[i] == '\r') continue;
        if (src->text[i] == '/' && i + 1 < src->len && src->text[i + 1] == '/') continue;
        if (indentation(src, begin) <= block->indent) return begin;
    }
    return (uint32_t)src->len;
}

static void report_unclosed(struct zi_parse_context *ctx, const struct open_block *block)
{
    const struct zi_source *src = ctx->source;
    const char *name = block_name(ctx, block->brace);
    uint32_t at = closing_place(src, block);
    uint32_t key_line_begin = src->line_starts[block->line - 1];
    size_t indent_len = 0;
    while (src->text[key_line_begin + indent_len] == ' ' || src->text[key_line_begin + indent_len] == '\t')
        indent_len++;
    struct zi_diagnostic *d;
    const char *insert;
    if (at < src->len) {
        d = zi_diag_report(ctx->diag, ZI_SEV_ERROR, block->brace->key, "E013",
                           "%s is never closed: its '}' is missing; add it before line %u, where the "
                           "indentation comes back to the level of this line",
                           name, shown_line(src, at));
        insert = zi_arena_printf(ctx->arena, "%.*s}\n", (int)indent_len, src->text + key_line_begin);
    } else {
        d = zi_diag_report(ctx->diag, ZI_SEV_ERROR, block->brace->key, "E013",
                           "%s is never closed: its '}' is missing; add it at the end of the file", name);
        bool newline = src->len > 0 && src->text[src->len - 1] != '\n';
        insert = zi_arena_printf(ctx->arena, "%s%.*s}\n", newline ? "\n" : "", (int)indent_len,
                                 src->text + key_line_begin);
    }
    struct zi_span place = {at, at};
    zi_diag_add_fixit(ctx->diag, d, place, insert);
}

/* A '}' with no block at its indentation may close a block whose '{' was lost instead: the nearest line above
 * at the '}''s indentation is a block header (`group x weight 4`) with no '{'. Returns that line's first
 * non-blank offset, or UINT32_MAX. */
static uint32_t header_without_brace(const struct zi_source *src, uint32_t close)
{
    static const char *const headers[] = {"group ", "scale ", "score ", "verdict ", "criteria "};
    unsigned indent = indentation(src, line_begin_of(src, close));
    /* Not above the file's first line: in a chain of `extends`, the lines above are another file's. */
    uint32_t first = zi_source_file_at(src, close)->first_line + 1;
    for (uint32_t line = line_of(src, close) - 1; line >= first; line--) {
        uint32_t begin = src->line_starts[line - 1], i = begin;
        while (i < src->len && (src->text[i] == ' ' || src->text[i] == '\t'))
            i++;
        if (i >= src->len || src->text[i] == '\n' || src->text[i] == '\r' ||
            (src->text[i] == '/' && i + 1 < src->len && src->text[i + 1] == '/'))
            continue;
        unsigned here = indentation(src, begin);
        if (here > indent) continue; /* inside the block */
        if (here < indent) return UINT32_MAX;
        bool header = false;
        for (size_t k = 0; k < sizeof headers / sizeof headers[0]; k++)
            header |= strncmp(src->text + i, headers[k], strlen(headers[k])) == 0;
        for (uint32_t j = i; header && j < src->len && src->text[j] != '\n'; j++)
            header &= src->text[j] != '{';
        return header ? i : UINT32_MAX;
    }
    return UINT32_MAX;
}

/* Reports an extra '}'; returns where its error is. */
static uint32_t report_extra(struct zi_parse_context *ctx, const struct culprit *c)
{
    const struct zi_source *src = ctx->source;
    struct zi_span span = {c->brace->offset, c->brace->offset + 1};
    struct zi_diagnostic *d;
    uint32_t header = header_without_brace(src, c->brace->offset);
    if (header != UINT32_MAX) {
        uint32_t end = header;
        while (end < src->len && src->text[end] != '\n' && src->text[end] != '\r')
            end++;
        while (end > header && (src->text[end - 1] == ' ' || src->text[end - 1] == '\t'))
            end--;
        size_t word = strcspn(src->text + header, " ");
        struct zi_brace opener = {header, true, "block", {header, header + (uint32_t)word}};
        char what[16];
        snprintf(what, sizeof what, "%.*s", (int)(word < sizeof what ? word : sizeof what - 1),
                 src->text + header);
        opener.what = what;
        const char *name = block_name(ctx, &opener);
        d = zi_diag_report(
            ctx->diag, ZI_SEV_ERROR, opener.key, "E013",
            "%s has no '{': the lines below it are indented as its members, and the '}' on line %u "
            "closes it; add '{' at the end of this line",
            name, shown_line(src, c->brace->offset));
        struct zi_span at = {end, end};
        zi_diag_add_fixit(ctx->diag, d, at, " {");
        return header;
    }
    if (c->has_block) {
        const char *name = block_name(ctx, c->block.brace);
        d = zi_diag_report(ctx->diag, ZI_SEV_ERROR, span, "E013",
                           "this '}' closes %s early: the lines below it are still indented as its members; "
                           "delete it",
                           name);
        zi_diag_add_note(ctx->diag, d, c->block.brace->key, "%s is opened here", name);
    } else {
        d = zi_diag_report(ctx->diag, ZI_SEV_ERROR, span, "E013",
                           "this '}' closes nothing: every block is closed before it; delete it");
    }
    zi_diag_add_fixit(ctx->diag, d, span, "");
    return span.begin;
}

uint32_t zi_braces_explain(struct zi_parse_context *ctx)
{
    const struct zi_source *src = ctx->source;
    size_t opens = 0;
    for (size_t i = 0; i < ctx->n_braces; i++)
        opens += ctx->braces[i].open;
    size_t closes = ctx->n_braces - opens;
    if (opens == closes || ctx->fatal || ctx->swallowed_braces) return UINT32_MAX;

    struct open_block *stack = malloc((opens ? opens : 1) * sizeof *stack);
    struct culprit *found = malloc((ctx->n_braces ? ctx->n_braces : 1) * sizeof *found);
    if (!stack || !found) {
        free(stack);
        free(found);
        return UINT32_MAX; /* no diagnosis: the parser's errors stand */
    }
    size_t n = 0, n_found = 0, n_unclosed = 0, n_extra = 0;
    bool consistent = true;
    for (size_t i = 0; i < ctx->n_braces && consistent; i++) {
        const struct zi_brace *b = &ctx->braces[i];
        if (b->open) {
            uint32_t key_line = line_of(src, b->key.begin);
            struct open_block block = {b, indentation(src, src->line_starts[key_line - 1]), key_line};
            stack[n++] = block;
            continue;
        }
        if (n == 0) {
            struct culprit c = {b, false, {0}};
            found[n_found++] = c;
            n_extra++;
            continue;
        }
        const struct open_block *top = &stack[n - 1];
        /* A '}' after other text on its line says nothing by its indentation ({ "Ya" = 1 } on one line). */
        if (!first_on_line(src, b->offset) || line_of(src, b->offset) == top->line) {
            n--;
            continue;
        }
        unsigned indent = indentation(src, line_begin_of(src, b->offset));
        if (indent == top->indent) {
            n--;
        } else if (indent > top->indent) {
            struct culprit c = {b, true, *top};
            found[n_found++] = c;
            n_extra++;
        } else {
            size_t k = n;
            while (k > 0 && stack[k - 1].indent != indent)
                k--;
            if (k == 0) {
                consistent = false; /* no block opened at this indentation: the indentation is no guide */
                break;
            }
            for (size_t j = n; j > k; j--) {
                struct culprit c = {stack[j - 1].brace, true, stack[j - 1]};
                found[n_found++] = c;
                n_unclosed++;
            }
            n = k - 1;
        }
    }
    for (size_t j = n; consistent && j > 0; j--) {
        struct culprit c = {stack[j - 1].brace, true, stack[j - 1]};
        found[n_found++] = c;
        n_unclosed++;
    }
    uint32_t from = UINT32_MAX;
    /* The diagnosis must explain the whole difference between the counts, or it is a guess. */
    if (consistent && n_found > 0 && (long)opens - (long)closes == (long)n_unclosed - (long)n_extra) {
        for (size_t i = 0; i < n_found; i++) {
            /* Past the error limit a report is dropped: spend no time finding where its '}' goes. */
            if (ctx->diag->error_limit && ctx->diag->n_errors >= ctx->diag->error_limit) break;
            uint32_t at = found[i].brace->key.begin;
            if (found[i].brace->open)
                report_unclosed(ctx, &found[i].block);
            else
                at = report_extra(ctx, &found[i]);
            if (at < from) from = at;
        }
    }
    free(stack);
    free(found);
    return from;
}
