/* format.c — `zic fmt`: the canonical layout of a .zi file.
 *
 * How it works: the file is parsed as usual, with the scanner logging every token and comment it reads
 * (zi_parse_logged). A file with any lexical or syntax error is not formatted. Otherwise the tokens are laid
 * out again, each copied from the source as written (strings byte for byte; numbers lose only their leading
 * zeros), with the comments where they were. Working on the tokens rather than the syntax tree is what makes
 * the result parse to the same criteria by construction: the same tokens in the same order, and the writer's
 * line ends kept, which matter inside a verdict (a line end ends a condition). The formatter only decides the
 * blanks:
 *  - indentation: two spaces per open block; a line that continues a declaration or condition four more;
 *  - line ends: the writer's are kept (blank lines squeezed to one, none just inside a block's braces); a
 * block of declarations (criteria, group, score, facts, `add to`) gets one member per line, a ';' between
 *    conditions or facts becomes a line end, and a list (scale, grade, category, verdict, prerequisites)
 * stays on one line when it was written on one, else one line per entry with its '}' on a line of its own;
 *  - blank lines: one around every declaration of the criteria that spans several lines (groups, verdicts,
 *    facts, …), before the comments above it;
 *  - spaces: one between tokens, none inside (), [] and a.b, before ',' or '%', after a unary '-' or before a
 *    call's '(';
 *  - alignment: the '=' of a scale written one label per line, and the `//` comments at the ends of
 *    consecutive lines of one indentation.
 * docs/tools.md gives the reasons. */
#include "format.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "frontend.h"
#include "parse.h"
#include "parser.h"

/* The kinds of block, by the keyword that opens them: what their members are and how they are laid out. */
enum block_kind {
    BLOCK_NONE,
    BLOCK_CRITERIA, /* declarations */
    BLOCK_GROUP,    /* members: groups, questions, scores */
    BLOCK_ADD,      /* `add to PATH { members }` */
    BLOCK_SCORE,    /* inputs, require rules, `= expr` */
    BLOCK_FACTS,    /* facts */
    BLOCK_SCALE,    /* entries separated by ',' */
    BLOCK_CATEGORY, /* values separated by ',' */
    BLOCK_GRADE,    /* values separated by '>' */
    BLOCK_LINES,    /* conditions, prerequisites or condition edits: one a line (or ';') */
};

/* Blocks of declarations: one member a line, always. */
static bool holds_declarations(int block)
{
    return block == BLOCK_CRITERIA || block == BLOCK_GROUP || block == BLOCK_ADD || block == BLOCK_SCORE ||
           block == BLOCK_FACTS;
}

struct lexeme {
    int kind; /* as zi_lexeme.kind */
    uint32_t begin, end;
    unsigned newlines; /* line ends between the previous lexeme and this one */
    bool after_sep;    /* the scanner ended a condition just before it (a line end or ';') */
    bool start;        /* begins a declaration, member, entry or condition */
    bool blank_before; /* a blank line goes before it (around a criteria-level block) */
    bool multi;        /* a criteria-level declaration that spans lines (on its first lexeme) */
    bool multiline;    /* '{' and '}': the block is laid out one member a line */
    uint8_t block;     /* '{' and '}': the block's kind */
    uint8_t in;        /* the kind of the innermost block around it */
    uint16_t depth;    /* blocks open around it ('}': after it closes) */
    uint32_t owner;    /* the '{' of the innermost block around it, or UINT32_MAX */
};

struct line {
    size_t start, len; /* its text in the formatter's buffer, indentation not included */
    unsigned indent;
    size_t eq_mark, comment_mark; /* where alignment pads the line, or SIZE_MAX */
    size_t eq_pad, comment_pad;
    bool verbatim; /* holds a line end of a block comment: never aligned */
};

struct formatter {
    const char *text;
    struct lexeme *lx;
    size_t n;
    char *buf; /* the lines' text */
    size_t len, cap;
    struct line *lines;
    size_t n_lines, cap_lines;
    bool failed; /* out of memory */
};

static bool reserve(struct formatter *f, size_t more)
{
    if (f->len + more <= f->cap) return true;
    size_t cap = f->cap ? f->cap : 4096;
    while (cap < f->len + more)
        cap *= 2;
    char *bigger = realloc(f->buf, cap);
    if (!bigger) {
        f->failed = true;
        return false;
    }
    f->buf = bigger;
    f->cap = cap;
    return true;
}

static void put(struct formatter *f, const char *text, size_t len)
{
    if (!reserve(f, len)) return;
    memcpy(f->buf + f->len, text, len);
    f->len += len;
}

static struct line *current(struct formatter *f)
{
    return &f->lines[f->n_lines - 1];
}

static void close_line(struct formatter *f)
{
    if (f->n_lines) current(f)->len = f->len - current(f)->start;
}

/* Starts a new line; a line left without text is a blank line. */
static void open_line(struct formatter *f, unsigned indent)
{
    close_line(f);
    if (f->n_lines == f->cap_lines) {
        size_t cap = f->cap_lines ? f->cap_lines * 2 : 256;
        struct line *bigger = realloc(f->lines, cap * sizeof *bigger);
        if (!bigger) {
            f->failed = true;
            return;
        }
        f->lines = bigger;
        f->cap_lines = cap;
    }
    struct line *l = &f->lines[f->n_lines++];
    memset(l, 0, sizeof *l);
    l->start = f->len;
    l->indent = indent;
    l->eq_mark = l->comment_mark = SIZE_MAX;
}

static size_t line_len(const struct formatter *f)
{
    return f->len - f->lines[f->n_lines - 1].start;
}

/* ---- The lexemes: the scanner's log, with the line ends between them ------------------------------------
 */

static bool collect(struct formatter *f, const struct zi_lexeme_log *log, uint32_t from)
{
    f->lx = calloc(log->n + 1, sizeof *f->lx);
    if (!f->lx) return false;
    uint32_t prev_end = from;
    bool sep = false;
    for (size_t k = 0; k < log->n; k++) {
        const struct zi_lexeme *e = &log->items[k];
        /* A line end the scanner took for the end of a condition is not text to lay out; the next token
         * notes it (a '-' after it is unary). */
        if (e->kind == ZI_TOK_SEP && f->text[e->span.begin] != ';') {
            sep = true;
            continue;
        }
        struct lexeme *l = &f->lx[f->n++];
        l->kind = e->kind;
        l->begin = e->span.begin;
        l->end = e->span.end;
        for (uint32_t i = prev_end; i < l->begin; i++)
            l->newlines += f->text[i] == '\n';
        prev_end = l->end;
        if (e->kind == ZI_LEXEME_COMMENT) continue;
        l->after_sep = sep;
        sep = e->kind == ZI_TOK_SEP;
    }
    return true;
}

static int opener_of(int kind)
{
    switch (kind) {
    case ZI_TOK_CRITERIA:
        return BLOCK_CRITERIA;
    case ZI_TOK_GROUP:
        return BLOCK_GROUP;
    case ZI_TOK_ADD:
        return BLOCK_ADD;
    case ZI_TOK_SCORE:
        return BLOCK_SCORE;
    case ZI_TOK_FACTS:
        return BLOCK_FACTS;
    case ZI_TOK_SCALE:
        return BLOCK_SCALE;
    case ZI_TOK_CATEGORY:
        return BLOCK_CATEGORY;
    case ZI_TOK_GRADE:
        return BLOCK_GRADE;
    case ZI_TOK_VERDICT:
    case ZI_TOK_PREREQUISITES:
        return BLOCK_LINES;
    default:
        return BLOCK_NONE;
    }
}

/* Keywords that begin a declaration or a member, unless a `replace`, `remove` or `in` is before them (the
 * `decl` and `member` rules of grammar/parser.y: a keyword added there belongs here too, or two declarations
 * written on one line stay on it). */
static bool declaration_keyword(int kind)
{
    switch (kind) {
    case ZI_TOK_REGULATION:
    case ZI_TOK_MISSING:
    case ZI_TOK_NUMBERING:
    case ZI_TOK_LANGUAGE:
    case ZI_TOK_SCALE:
    case ZI_TOK_GROUP:
    case ZI_TOK_QUESTION:
    case ZI_TOK_SCORE:
    case ZI_TOK_LET:
    case ZI_TOK_VIEW:
    case ZI_TOK_VERDICT:
    case ZI_TOK_OTHERWISE:
    case ZI_TOK_GRADE:
    case ZI_TOK_CATEGORY:
    case ZI_TOK_FACTS:
    case ZI_TOK_PREREQUISITES:
    case ZI_TOK_REPLACE:
    case ZI_TOK_REMOVE:
    case ZI_TOK_ADD:
    case ZI_TOK_IN_EDIT:
        return true;
    default:
        return false;
    }
}

/* Does a token of `kind` begin a member of a block of kind `block`? `prev` is the token before it,
 * `statement` the keyword that began the current member (after a `replace`). */
static bool begins_member(int block, int kind, int prev, int statement, bool after_sep)
{
    switch (block) {
    case BLOCK_NONE:
        return kind == ZI_TOK_CRITERIA;
    case BLOCK_CRITERIA:
    case BLOCK_GROUP:
    case BLOCK_ADD:
        if (!declaration_keyword(kind) || prev == ZI_TOK_REPLACE || prev == ZI_TOK_REMOVE ||
            prev == ZI_TOK_IN_EDIT)
            return false;
        /* `question … missing zero`: the question's option, not the criteria's policy. */
        return kind != ZI_TOK_MISSING || (statement != ZI_TOK_QUESTION && statement != ZI_TOK_SCORE);
    case BLOCK_SCORE:
        return kind == ZI_TOK_INPUT || kind == ZI_TOK_REQUIRE || kind == '=';
    case BLOCK_FACTS:
        return kind == ZI_TOK_FACT;
    case BLOCK_SCALE:
    case BLOCK_CATEGORY:
        return prev == '{' || prev == ',';
    case BLOCK_GRADE:
        return prev == '{' || prev == ZI_TOK_GT;
    case BLOCK_LINES:
        return prev == '{' || after_sep;
    }
    return false;
}

/* A list block keeps one line when it was written on one, without ';'. */
static bool list_spans_lines(const struct formatter *f, uint32_t open, uint32_t close)
{
    if (memchr(f->text + f->lx[open].begin, '\n', f->lx[close].begin - f->lx[open].begin)) return true;
    for (uint32_t i = open + 1; i < close; i++)
        if (f->lx[i].kind == ZI_TOK_SEP) return true;
    return false;
}

/* Wants a blank line before criteria-level member `at`, and so before the comments directly above it. */
static void blank_before(struct formatter *f, uint32_t at)
{
    while (at > 0 && f->lx[at - 1].kind == ZI_LEXEME_COMMENT && f->lx[at - 1].newlines > 0 &&
           f->lx[at].newlines == 1)
        at--;
    f->lx[at].blank_before = true;
}

/* Finds the blocks, their kinds and layouts, and where each member begins. */
static void structure(struct formatter *f)
{
    uint32_t open[ZI_MAX_BRACE_DEPTH + 2];
    int statement[ZI_MAX_BRACE_DEPTH + 2] = {0};
    size_t depth = 0;
    int opener = BLOCK_NONE, prev = 0;
    uint32_t member = UINT32_MAX; /* the criteria-level member being read */
    for (uint32_t i = 0; i < f->n; i++) {
        struct lexeme *l = &f->lx[i];
        int kind = l->kind;
        bool closes = kind == '}' && depth > 0; /* a parsed file has no other '}' */
        if (closes) depth--;
        l->depth = (uint16_t)depth;
        l->owner = depth ? open[depth - 1] : UINT32_MAX;
        l->in = depth ? f->lx[open[depth - 1]].block : BLOCK_NONE;
        if (kind == ZI_LEXEME_COMMENT) continue;
        if (closes) {
            uint32_t at = open[depth];
            struct lexeme *o = &f->lx[at];
            o->multiline = i > at + 1 && (holds_declarations(o->block) || list_spans_lines(f, at, i));
            l->multiline = o->multiline;
            l->block = o->block;
            if (depth == 1 && member != UINT32_MAX && o->multiline) f->lx[member].multi = true;
            statement[depth] = 0;
            prev = kind;
            continue;
        }
        if (kind != ZI_TOK_SEP) {
            l->start = begins_member(l->in, kind, prev, statement[depth], l->after_sep);
            if (l->start) {
                statement[depth] = kind;
                if (depth == 1) member = i;
            } else if (statement[depth] == ZI_TOK_REPLACE && prev == ZI_TOK_REPLACE) {
                statement[depth] = kind; /* `replace question …` is a question */
            }
        }
        if (opener_of(kind) != BLOCK_NONE) opener = opener_of(kind);
        if (kind == '{' && depth < ZI_MAX_BRACE_DEPTH + 1) {
            l->block = (uint8_t)opener;
            opener = BLOCK_NONE;
            open[depth++] = i;
            statement[depth] = 0;
        }
        prev = kind;
    }
    /* A criteria-level member that spans lines is set apart by a blank line before and after it. */
    uint32_t before = UINT32_MAX;
    for (uint32_t i = 0; i < f->n; i++) {
        if (!f->lx[i].start || f->lx[i].depth != 1) continue;
        if (before != UINT32_MAX && (f->lx[before].multi || f->lx[i].multi)) blank_before(f, i);
        before = i;
    }
}

/* ---- Laying out -----------------------------------------------------------------------------------------
 */

/* Tokens after which a '-' subtracts; after any other, it negates. */
static bool ends_operand(int kind)
{
    return kind == ZI_TOK_IDENT || kind == ZI_TOK_NUMBER || kind == ZI_TOK_STRING || kind == ZI_TOK_TRUE ||
           kind == ZI_TOK_FALSE || kind == ')' || kind == ']' || kind == '%';
}

static bool space_between(const struct lexeme *prev, bool prev_unary, const struct lexeme *l)
{
    if (prev->kind == ZI_LEXEME_COMMENT || l->kind == ZI_LEXEME_COMMENT) return true;
    int k = l->kind, p = prev->kind;
    if (k == ',' || k == ')' || k == ']' || k == '.' || k == '%') return false;
    if (p == '(' || p == '[' || p == '.' || prev_unary) return false;
    if (p == ZI_TOK_IDENT && k == '(') return false;
    return !(p == '{' && k == '}');
}

/* A number as written, without leading zeros (`07` is 7); its fraction is kept digit for digit. */
static void put_number(struct formatter *f, const char *text, size_t len)
{
    while (len > 1 && text[0] == '0' && text[1] >= '0' && text[1] <= '9') {
        text++;
        len--;
    }
    put(f, text, len);
}

/* A comment as written, without blanks at the ends of its lines and with '\n' line ends. */
static void put_comment(struct formatter *f, const char *text, size_t len)
{
    while (len > 0 && (text[len - 1] == ' ' || text[len - 1] == '\t' || text[len - 1] == '\r'))
        len--;
    for (size_t i = 0; i < len; i++) {
        if (text[i] == '\r' && i + 1 < len && text[i + 1] == '\n') continue;
        if (text[i] == '\n') current(f)->verbatim = true;
        put(f, text + i, 1);
    }
}

/* `group tim "Tim" weight 1 // a note`, then `{` on the next line: the '{' goes back to the end of its
 * header, before the comment that ends that line. */
static void put_brace_before_comment(struct formatter *f)
{
    if (!reserve(f, 2)) return;
    struct line *l = current(f);
    size_t at = l->start + l->comment_mark;
    memmove(f->buf + at + 2, f->buf + at, f->len - at);
    memcpy(f->buf + at, " {", 2);
    f->len += 2;
    l->comment_mark += 2;
}

static void layout(struct formatter *f)
{
    const struct lexeme *prev = NULL; /* the last lexeme written */
    int prev_token = 0;               /* the last token written (not a comment) */
    bool prev_unary = false, pending_break = false;
    for (uint32_t i = 0; i < f->n && !f->failed; i++) {
        const struct lexeme *l = &f->lx[i];
        if (l->kind == ZI_TOK_SEP) { /* a ';': a line end instead */
            pending_break = true;
            continue;
        }
        bool comment = l->kind == ZI_LEXEME_COMMENT;
        bool after_line_comment = prev && prev->kind == ZI_LEXEME_COMMENT && f->text[prev->begin + 1] == '/';
        if (l->kind == '{' && after_line_comment && current(f)->comment_mark != SIZE_MAX) {
            put_brace_before_comment(f);
            prev_token = '{';
            prev_unary = false;
            pending_break = l->multiline;
            continue; /* `prev` stays the comment: what follows starts a line */
        }
        bool brk;
        if (!prev || after_line_comment)
            brk = true;
        else if (l->kind == '{')
            brk = false; /* a block opens on its header's line */
        else if (l->newlines > 0)
            brk = true;
        else if (comment)
            brk = false; /* a comment at the end of a line stays there */
        else
            brk =
                pending_break || (l->kind == '}' && l->multiline) || (l->start && holds_declarations(l->in));
        if (brk) {
            if (prev && prev->kind != '{' && l->kind != '}' && (l->newlines >= 2 || l->blank_before))
                open_line(f, 0);
            unsigned indent = 2u * l->depth;
            if (!comment && l->kind != '}' && l->kind != '{' && !l->start && l->depth > 0)
                indent += 4; /* a continued line */
            open_line(f, indent);
            pending_break = false;
        } else if (space_between(prev, prev_unary, l)) {
            if (comment && f->text[l->begin + 1] == '/') current(f)->comment_mark = line_len(f);
            put(f, " ", 1);
        }
        if (f->failed) break;
        const char *text = f->text + l->begin;
        size_t len = l->end - l->begin;
        if (comment) {
            put_comment(f, text, len);
        } else {
            /* The '=' of a scale's entry, on a line of its own, is aligned with its neighbours'. */
            if (l->kind == '=' && l->in == BLOCK_SCALE && f->lx[l->owner].multiline &&
                current(f)->eq_mark == SIZE_MAX && line_len(f) > 0)
                current(f)->eq_mark = line_len(f) - 1;
            if (l->kind == ZI_TOK_NUMBER)
                put_number(f, text, len);
            else
                put(f, text, len);
            prev_unary = l->kind == '-' && (l->after_sep || !ends_operand(prev_token));
            prev_token = l->kind;
            if (l->kind == '{' && l->multiline) pending_break = true;
        }
        prev = l;
    }
    close_line(f);
}

/* Code points of `len` bytes of UTF-8: the columns a terminal or an editor shows. */
static size_t columns(const char *text, size_t len)
{
    size_t n = 0;
    for (size_t i = 0; i < len; i++)
        n += ((unsigned char)text[i] & 0xC0) != 0x80;
    return n;
}

static size_t mark_column(const struct formatter *f, const struct line *l, size_t mark)
{
    size_t col = l->indent + columns(f->buf + l->start, mark);
    return l->eq_mark < mark ? col + l->eq_pad : col;
}

/* Pads the marks of each run of two or more consecutive lines of one indentation to one column. */
static void align(struct formatter *f, bool comments)
{
    for (size_t i = 0; i < f->n_lines;) {
        struct line *l = &f->lines[i];
        size_t mark = comments ? l->comment_mark : l->eq_mark;
        if (mark == SIZE_MAX || l->verbatim) {
            i++;
            continue;
        }
        size_t j = i, widest = 0;
        for (; j < f->n_lines; j++) {
            struct line *m = &f->lines[j];
            size_t at = comments ? m->comment_mark : m->eq_mark;
            if (at == SIZE_MAX || m->verbatim || m->indent != l->indent) break;
            size_t col = mark_column(f, m, at);
            widest = col > widest ? col : widest;
        }
        for (size_t k = i; j - i > 1 && k < j; k++) {
            struct line *m = &f->lines[k];
            size_t pad = widest - mark_column(f, m, comments ? m->comment_mark : m->eq_mark);
            if (comments)
                m->comment_pad = pad;
            else
                m->eq_pad = pad;
        }
        i = j;
    }
}

static void put_spaces(char *out, size_t *at, size_t n)
{
    memset(out + *at, ' ', n);
    *at += n;
}

/* The lines as one text, each ended by '\n'. */
static char *render(struct formatter *f, size_t *out_len)
{
    size_t size = 1;
    for (size_t i = 0; i < f->n_lines; i++) {
        const struct line *l = &f->lines[i];
        size += l->len + 1 + (l->len ? l->indent + l->eq_pad + l->comment_pad : 0);
    }
    char *out = malloc(size);
    if (!out) return NULL;
    size_t at = 0;
    for (size_t i = 0; i < f->n_lines; i++) {
        const struct line *l = &f->lines[i];
        const char *text = f->buf + l->start;
        if (l->len) {
            put_spaces(out, &at, l->indent);
            size_t done = 0;
            size_t marks[2] = {l->eq_mark, l->comment_mark}, pads[2] = {l->eq_pad, l->comment_pad};
            for (int k = 0; k < 2; k++) {
                if (marks[k] == SIZE_MAX || !pads[k]) continue;
                memcpy(out + at, text + done, marks[k] - done);
                at += marks[k] - done;
                done = marks[k];
                put_spaces(out, &at, pads[k]);
            }
            memcpy(out + at, text + done, l->len - done);
            at += l->len - done;
        }
        out[at++] = '\n';
    }
    out[at] = '\0';
    *out_len = at;
    return out;
}

static int format_log(const struct zi_source *source, const struct zi_lexeme_log *log, char **out,
                      size_t *out_len)
{
    struct formatter f = {.text = source->text};
    int status = -1;
    if (collect(&f, log, source->files[0].begin)) {
        structure(&f);
        layout(&f);
        if (!f.failed) {
            align(&f, false);
            align(&f, true);
            *out = render(&f, out_len);
            status = *out ? 0 : -1;
        }
    }
    free(f.lx);
    free(f.buf);
    free(f.lines);
    return status;
}

int zi_format_source(const struct zi_source *source, struct zi_diag *diag, struct zi_arena *arena, char **out,
                     size_t *out_len)
{
    /* A file saved as UTF-16 or Windows-1252 is one error (E007), not one for each byte. */
    if (zi_wrong_encoding(source, 0, diag)) return 1;
    struct zi_lexeme_log log = {0};
    zi_parse_logged(source, 0, arena, diag, &log);
    int status;
    if (zi_diag_has_errors(diag))
        status = 1;
    else if (log.out_of_memory)
        status = -1;
    else
        status = format_log(source, &log, out, out_len);
    free(log.items);
    return status;
}

int zi_format_text(const char *name, const char *text, size_t len, char **out, size_t *out_len)
{
    struct zi_source source;
    /* A text larger than any criteria may be is refused as the front end refuses it. */
    if (zi_source_from_memory(&source, name, text, len) != 0) return len > ZI_SOURCE_MAX_BYTES ? 1 : -1;
    struct zi_arena arena;
    zi_arena_init(&arena);
    struct zi_diag diag;
    zi_diag_init(&diag, &source, &arena);
    int status = zi_format_source(&source, &diag, &arena, out, out_len);
    zi_arena_free(&arena);
    zi_source_free(&source);
    return status;
}
