/* jsonscan.c — where each unit object of a JSON stream begins and ends.
 *
 * A JSON worksheet can be a million units long; parsing it whole would make memory grow with the file.
 * This scanner reads the document's outer structure itself — the top-level object, its "units" key, the
 * array — and, for each element of the array, only finds the byte where it ends (counting brackets outside
 * strings). The element's bytes are then parsed on their own by jansson (ingest_json.c), so a malformed unit
 * is that unit's error and the scan goes on. A top-level array of units is accepted as well, and JSON Lines
 * is simply one element per non-blank line.
 */
#include "zirt.h"

enum {
    S_START,        /* before the top-level value */
    S_KEY,          /* in the top-level object, before a key or '}' */
    S_AFTER_MEMBER, /* after a member's value: ',' or '}' */
    S_ELEMS_FIRST,  /* just after '[': an element or ']' */
    S_ELEM,         /* after ',': an element */
    S_AFTER_ELEM,   /* after an element: ',' or ']' */
    S_DONE,         /* the document is closed: only whitespace may follow */
};

/* State bits kept beside the state: whether the array is the top-level value, and whether "units" was seen.
 */
#define F_TOP_ARRAY 0x100
#define F_SAW_UNITS 0x200
#define STATE(s) ((s)&0xff)

void zi_jsonscan_init(struct zi_jsonscan *s, struct zi_input *in, enum zi_json_layout layout)
{
    s->in = in;
    s->layout = layout;
    s->state = S_START;
    s->line = 1;
    s->unit_line = 0;
    s->problem[0] = '\0';
}

static int is_ws(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

#define NEED_MORE ((const char *)1)

/* The end of the JSON value at p, NEED_MORE when the data ends first, or NULL when p cannot start a value. */
static const char *skip_value(const char *p, const char *end)
{
    if (p >= end) return NEED_MORE;
    if (*p == '{' || *p == '[') {
        int depth = 0, instr = 0;
        for (const char *q = p; q < end; q++) {
            char c = *q;
            if (instr) {
                if (c == '\\')
                    q++;
                else if (c == '"')
                    instr = 0;
            } else if (c == '"') {
                instr = 1;
            } else if (c == '{' || c == '[') {
                depth++;
            } else if (c == '}' || c == ']') {
                if (--depth == 0) return q + 1;
            }
        }
        return NEED_MORE;
    }
    if (*p == '"') {
        for (const char *q = p + 1; q < end; q++) {
            if (*q == '\\')
                q++;
            else if (*q == '"')
                return q + 1;
        }
        return NEED_MORE;
    }
    const char *q = p;
    while (q < end && ((*q >= '0' && *q <= '9') || (*q >= 'a' && *q <= 'z') || *q == '-' || *q == '+' ||
                       *q == '.' || *q == 'E'))
        q++;
    if (q == p) return NULL;
    return q == end ? NEED_MORE : q;
}

static void advance(struct zi_jsonscan *s, const char *to)
{
    const char *p = s->in->buf + s->in->pos;
    for (; p < to; p++)
        s->line += *p == '\n';
    s->in->pos = (size_t)(to - s->in->buf);
}

static int broken(struct zi_jsonscan *s, const char *what)
{
    snprintf(s->problem, sizeof s->problem, "line %llu: %s", (unsigned long long)s->line, what);
    return -1;
}

/* Reads more; 1 when there is more, 0 at the end of the stream, -1 on a read error. */
static int more(struct zi_jsonscan *s)
{
    long got = zi_input_more(s->in);
    if (got < 0) {
        snprintf(s->problem, sizeof s->problem, "line %llu: cannot read: %s", (unsigned long long)s->line,
                 zi_input_error(s->in));
        return -1;
    }
    return got > 0;
}

static int next_line(struct zi_jsonscan *s, const char **out, size_t *out_len)
{
    struct zi_input *in = s->in;
    for (;;) {
        const char *start = in->buf + in->pos, *end = in->buf + in->len;
        const char *nl = memchr(start, '\n', (size_t)(end - start));
        if (!nl && !in->eof) {
            int r = more(s);
            if (r < 0) return -1;
            continue;
        }
        if (start == end) return 0;
        const char *stop = nl ? nl : end;
        const char *p = start;
        while (p < stop && is_ws(*p))
            p++;
        const char *q = stop;
        while (q > p && is_ws(q[-1]))
            q--;
        s->unit_line = s->line;
        advance(s, nl ? nl + 1 : end);
        if (p == q) continue;
        *out = p;
        *out_len = (size_t)(q - p);
        return 1;
    }
}

int zi_jsonscan_next(struct zi_jsonscan *s, const char **out, size_t *out_len)
{
    if (s->layout == ZI_JSON_LINES) return next_line(s, out, out_len);
    struct zi_input *in = s->in;
    for (;;) {
        const char *p = in->buf + in->pos, *end = in->buf + in->len;
        while (p < end && is_ws(*p))
            p++;
        advance(s, p);
        if (p == end) {
            int r = more(s);
            if (r < 0) return -1;
            if (r > 0) continue;
            if (STATE(s->state) != S_DONE) return broken(s, "the JSON document ends too early");
            if (!(s->state & F_SAW_UNITS)) return broken(s, "no \"units\" array in the JSON document");
            return 0;
        }
        int flags = s->state & ~0xff;
        switch (STATE(s->state)) {
        case S_START:
            if (*p == '{')
                s->state = S_KEY | flags;
            else if (*p == '[')
                s->state = S_ELEMS_FIRST | F_TOP_ARRAY | F_SAW_UNITS;
            else
                return broken(s, "a JSON document of units starts with '{' or '['");
            advance(s, p + 1);
            continue;
        case S_KEY: {
            if (*p == '}') {
                s->state = S_DONE | flags;
                advance(s, p + 1);
                continue;
            }
            if (*p != '"') return broken(s, "expected a key in the top-level object");
            const char *k = skip_value(p, end);
            const char *q = k == NEED_MORE ? end : k;
            while (q < end && is_ws(*q))
                q++;
            if (k == NEED_MORE || q == end) {
                if (in->eof) return broken(s, "the JSON document ends too early");
                if (more(s) < 0) return -1;
                continue;
            }
            if (*q != ':') return broken(s, "expected ':' after a key");
            q++;
            while (q < end && is_ws(*q))
                q++;
            if (q == end) {
                if (in->eof) return broken(s, "the JSON document ends too early");
                if (more(s) < 0) return -1;
                continue;
            }
            int units = k - p == 7 && memcmp(p, "\"units\"", 7) == 0;
            if (units) {
                /* A repeated key is an error, not "the last one wins" (docs/runtime.md). */
                if (flags & F_SAW_UNITS) return broken(s, "a second \"units\" key in the JSON document");
                if (*q != '[') return broken(s, "\"units\" must be an array of unit objects");
                s->state = S_ELEMS_FIRST | flags | F_SAW_UNITS;
                advance(s, q + 1);
                continue;
            }
            const char *v = skip_value(q, end);
            if (!v) return broken(s, "not a JSON value");
            if (v == NEED_MORE) {
                if (in->eof) return broken(s, "the JSON document ends too early");
                if (more(s) < 0) return -1;
                continue;
            }
            s->state = S_AFTER_MEMBER | flags;
            advance(s, v);
            continue;
        }
        case S_AFTER_MEMBER:
            if (*p == ',')
                s->state = S_KEY | flags;
            else if (*p == '}')
                s->state = S_DONE | flags;
            else
                return broken(s, "expected ',' or '}' in the top-level object");
            advance(s, p + 1);
            continue;
        case S_ELEMS_FIRST:
        case S_ELEM: {
            if (*p == ']' && STATE(s->state) == S_ELEMS_FIRST) {
                s->state = ((flags & F_TOP_ARRAY) ? S_DONE : S_AFTER_MEMBER) | flags;
                advance(s, p + 1);
                continue;
            }
            const char *v = skip_value(p, end);
            if (!v) return broken(s, "expected a unit object");
            if (v == NEED_MORE) {
                if (in->eof) return broken(s, "the JSON document ends inside a unit");
                if (more(s) < 0) return -1;
                continue;
            }
            s->unit_line = s->line;
            s->state = S_AFTER_ELEM | flags;
            *out = p;
            *out_len = (size_t)(v - p);
            advance(s, v);
            return 1;
        }
        case S_AFTER_ELEM:
            if (*p == ',')
                s->state = S_ELEM | flags;
            else if (*p == ']')
                s->state = ((flags & F_TOP_ARRAY) ? S_DONE : S_AFTER_MEMBER) | flags;
            else
                return broken(s, "expected ',' or ']' between units");
            advance(s, p + 1);
            continue;
        default:
            return broken(s, "text after the end of the JSON document");
        }
    }
}

int zi_json_looks_like_lines(const char *p, size_t len)
{
    const char *end = p + len, *nl = memchr(p, '\n', len);
    const char *stop = nl ? nl : end;
    while (p < stop && is_ws(*p))
        p++;
    if (p == stop || *p != '{') return 0;
    const char *v = skip_value(p, stop);
    if (!v || v == NEED_MORE) return 0;
    while (v < stop && is_ws(*v))
        v++;
    if (v != stop) return 0;
    /* A one-line document {"units": […]} is not JSON Lines: look for a "units" key at depth 1. */
    int depth = 0;
    for (const char *q = p; q < stop; q++) {
        if (*q == '"') {
            const char *e = skip_value(q, stop);
            if (!e || e == NEED_MORE) return 0;
            const char *c = e;
            while (c < stop && is_ws(*c))
                c++;
            if (depth == 1 && c < stop && *c == ':' && e - q == 7 && memcmp(q, "\"units\"", 7) == 0) return 0;
            q = e - 1;
        } else if (*q == '{' || *q == '[') {
            depth++;
        } else if (*q == '}' || *q == ']') {
            depth--;
        }
    }
    return 1;
}
