/* xlsx_read.c — an Excel workbook (.xlsx) turned into the CSV text the readers already understand.
 *
 * A workbook is a ZIP archive of XML parts: xl/workbook.xml lists the sheets, xl/_rels/workbook.xml.rels says
 * which part holds each, xl/sharedStrings.xml holds the text most cells point to, xl/styles.xml says which
 * cells are formatted as dates. libzip inflates the parts (checking each one's CRC) and expat parses them as
 * they stream out, so no part is ever held whole. The chosen sheet's cells become one CSV line per sheet row
 * (an empty line for an empty row), every line as wide as the widest row: the wide and long readers then
 * apply exactly the rules they apply to a CSV file, and a cell's row and column numbers are the sheet's,
 * which cellref.c turns into "Sheet1!D17" for messages.
 *
 * What a cell becomes: its text (shared or inline string, a formula's cached result), a number as Excel
 * stored it (the shortest text that reads back exactly), TRUE or FALSE for a boolean, an ISO date
 * (2026-01-31, with the time when it has one) for a number formatted as a date — never the day count
 * behind it, which a count input would take as an answer. An error cell stays "#N/A" (answer.c reports it as
 * the error it is), and a formula saved without its value (a program that writes workbooks without
 * calculating them) becomes "=" and the formula, which is never an answer either.
 *
 * Size limits (docs/limits.md) refuse a zip bomb before it is inflated when the archive's sizes say so, and
 * while it is inflated when they lie. The workbook is read whole into memory first, since a ZIP archive is
 * read from its end: that is also how a workbook on standard input is read.
 */
#include <errno.h>
#include <expat.h>
#include <stdlib.h>
#include <zip.h>

#include "zirt.h"

/* Tests build this file with smaller limits. */
#ifndef ZI_XLSX_MAX_FILE
#define ZI_XLSX_MAX_FILE ((size_t)256 << 20) /* the workbook file itself */
#endif
#ifndef ZI_XLSX_MAX_SHEET
#define ZI_XLSX_MAX_SHEET ((uint64_t)1 << 30) /* the sheet's XML, inflated */
#endif
#ifndef ZI_XLSX_MAX_STRINGS
#define ZI_XLSX_MAX_STRINGS ((uint64_t)256 << 20) /* the shared strings' XML, inflated */
#endif
#define ZI_XLSX_MAX_PART ((uint64_t)16 << 20) /* workbook.xml, its relationships, styles.xml */
#define ZI_XLSX_CHUNK (64u << 10)

enum part { PART_WORKBOOK, PART_RELS, PART_STYLES, PART_STRINGS, PART_SHEET };

struct span {
    uint32_t off, len;
};

/* A line of the CSV text: where it ends (its '\n'; a cell's own line breaks are inside quotes) and how many
 * fields it has. */
struct line {
    size_t end;
    uint32_t width;
};

struct xlsx {
    struct zi_ctx *c;
    zip_t *zip;
    XML_Parser parser;
    enum part part;
    const char *part_name;
    char problem[300];  /* why a handler stopped the parser */
    struct zi_buf text; /* character data of the element being collected */
    int collect;
    /* workbook.xml: each sheet's name and relationship id, NUL-terminated in `names` */
    struct zi_buf names;
    uint32_t n_sheets, chosen, chosen_off, chosen_rid;
    int date1904;
    char *target; /* the chosen sheet's part, from the relationships */
    /* styles.xml */
    uint32_t *xf_fmt, n_xf, cap_xf;
    int in_xfs;
    struct {
        uint32_t id;
        int date;
    } custom[256];
    uint32_t n_custom;
    uint8_t *xf_date;
    /* sharedStrings.xml */
    struct zi_buf strings;
    struct span *str;
    uint32_t n_str, cap_str;
    int in_rph; /* a phonetic run: a reading aid, not the cell's text */
    /* the sheet */
    uint32_t row, col;          /* last row started, last cell's column */
    uint32_t cell_col, cell_xf; /* the cell being read */
    char cell_type[12];
    int in_cell, in_is, has_v, has_f;
    struct zi_buf value, formula;
    struct zi_buf csv;  /* the lines so far, the current row's unfinished */
    struct line *lines; /* each finished line (index: row - 1) */
    uint32_t n_lines, cap_lines, max_width, line_fields;
};

static void stop(struct xlsx *x, const char *fmt, ...) ZI_PRINTF(2, 3);
static void stop(struct xlsx *x, const char *fmt, ...)
{
    if (!x->problem[0]) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(x->problem, sizeof x->problem, fmt, ap);
        va_end(ap);
    }
    XML_StopParser(x->parser, XML_FALSE);
}

/* The name without its namespace (expat gives "URI|local" for names in a namespace). */
static const char *local(const char *name)
{
    const char *bar = strrchr(name, '|');
    return bar ? bar + 1 : name;
}

static const char *attr(const char **atts, const char *name)
{
    for (size_t i = 0; atts[i]; i += 2)
        if (strcmp(local(atts[i]), name) == 0) return atts[i + 1];
    return NULL;
}

/* A decimal attribute (a style or string index) no larger than max; -1 when it is not one. */
static int64_t index_of(const char *s, uint64_t max)
{
    if (!s || !*s) return -1;
    uint64_t v = 0;
    for (; *s; s++) {
        if (*s < '0' || *s > '9') return -1;
        v = v * 10 + (uint64_t)(*s - '0');
        if (v > max) return -1;
    }
    return (int64_t)v;
}

/* Room for one more element in the array *p of n (capacity *cap) elements of `size` bytes; 0, or -1 after
 * stopping the parser. */
static int room(struct xlsx *x, void **p, uint32_t n, uint32_t *cap, size_t size)
{
    if (n < *cap) return 0;
    uint32_t grown = *cap ? *cap * 2 : 256;
    void *q = grown > *cap ? realloc(*p, (size_t)grown * size) : NULL;
    if (!q) {
        stop(x, "out of memory");
        return -1;
    }
    *p = q;
    *cap = grown;
    return 0;
}

static void XMLCALL on_text(void *ud, const XML_Char *s, int len)
{
    struct xlsx *x = ud;
    if (x->collect) zi_buf_append(&x->text, s, (size_t)len);
}

static void begin_text(struct xlsx *x)
{
    x->text.len = 0;
    x->collect = 1;
}

/* ---- workbook.xml and its relationships ---- */

static void XMLCALL workbook_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
    struct xlsx *x = ud;
    const char *el = local(name);
    if (strcmp(el, "workbookPr") == 0) {
        const char *d = attr(atts, "date1904");
        x->date1904 = d && (strcmp(d, "1") == 0 || strcmp(d, "true") == 0);
    } else if (strcmp(el, "sheet") == 0) {
        const char *sheet = attr(atts, "name"), *rid = attr(atts, "id");
        if (!sheet || !rid) {
            stop(x, "a sheet without a name or a relationship");
            return;
        }
        int wanted = x->c->want_sheet ? strcmp(sheet, x->c->want_sheet) == 0 : x->n_sheets == 0;
        if (wanted && x->chosen == ZI_NONE) {
            x->chosen = x->n_sheets;
            x->chosen_off = (uint32_t)x->names.len;
            x->chosen_rid = (uint32_t)(x->names.len + strlen(sheet) + 1);
        }
        zi_buf_append(&x->names, sheet, strlen(sheet) + 1);
        zi_buf_append(&x->names, rid, strlen(rid) + 1);
        x->n_sheets++;
    }
}

static void XMLCALL rels_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
    struct xlsx *x = ud;
    if (strcmp(local(name), "Relationship") != 0 || x->target) return;
    const char *id = attr(atts, "Id"), *target = attr(atts, "Target");
    if (!id || !target || strcmp(id, x->names.p + x->chosen_rid) != 0) return;
    /* Relative to xl/ (the usual "worksheets/sheet1.xml"), or absolute within the archive. */
    size_t n = strlen(target);
    x->target = malloc(n + 4);
    if (!x->target) {
        stop(x, "out of memory");
        return;
    }
    if (target[0] == '/')
        memcpy(x->target, target + 1, n);
    else
        snprintf(x->target, n + 4, "xl/%s", target);
}

/* ---- styles.xml: which cell formats are dates ---- */

/* A format code shows a date or a time when it has d, m, y, h or s outside quoted text, escapes and
 * [colour] or [condition] brackets ([h], [mm], [ss] are elapsed time, which counts). */
static int date_code(const char *f)
{
    for (; *f; f++) {
        char ch = (char)(*f | 0x20);
        if (*f == '"') {
            while (f[1] && f[1] != '"')
                f++;
            if (f[1]) f++;
        } else if (*f == '\\' || *f == '_' || *f == '*') {
            if (f[1]) f++;
        } else if (*f == '[') {
            const char *end = strchr(f, ']');
            if (!end) return 0;
            char b = (char)(f[1] | 0x20);
            if (b == 'h' || b == 'm' || b == 's') return 1;
            f = end;
        } else if (ch == 'd' || ch == 'm' || ch == 'y' || ch == 'h' || ch == 's') {
            return 1;
        }
    }
    return 0;
}

/* Excel's built-in date and time formats (ECMA-376 §18.8.30, with the East Asian ones). */
static int date_builtin(uint32_t id)
{
    return (id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) ||
           (id >= 50 && id <= 58);
}

static void XMLCALL styles_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
    struct xlsx *x = ud;
    const char *el = local(name);
    if (strcmp(el, "cellXfs") == 0) {
        x->in_xfs = 1;
    } else if (strcmp(el, "numFmt") == 0) {
        int64_t id = index_of(attr(atts, "numFmtId"), UINT32_MAX);
        const char *code = attr(atts, "formatCode");
        if (id < 0 || !code || x->n_custom == sizeof x->custom / sizeof x->custom[0]) return;
        x->custom[x->n_custom].id = (uint32_t)id;
        x->custom[x->n_custom++].date = date_code(code);
    } else if (strcmp(el, "xf") == 0 && x->in_xfs) {
        if (room(x, (void **)&x->xf_fmt, x->n_xf, &x->cap_xf, sizeof *x->xf_fmt) != 0) return;
        int64_t id = index_of(attr(atts, "numFmtId"), UINT32_MAX);
        x->xf_fmt[x->n_xf++] = id < 0 ? 0 : (uint32_t)id;
    }
}

static void XMLCALL styles_end(void *ud, const XML_Char *name)
{
    struct xlsx *x = ud;
    if (strcmp(local(name), "cellXfs") == 0) x->in_xfs = 0;
}

/* ---- sharedStrings.xml ---- */

static void XMLCALL strings_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
    (void)atts;
    struct xlsx *x = ud;
    const char *el = local(name);
    if (strcmp(el, "si") == 0) {
        begin_text(x);
        x->collect = 0;
    } else if (strcmp(el, "rPh") == 0) {
        x->in_rph++;
    } else if (strcmp(el, "t") == 0 && !x->in_rph) {
        x->collect = 1;
    }
}

static void XMLCALL strings_end(void *ud, const XML_Char *name)
{
    struct xlsx *x = ud;
    const char *el = local(name);
    if (strcmp(el, "t") == 0) {
        x->collect = 0;
    } else if (strcmp(el, "rPh") == 0) {
        x->in_rph--;
    } else if (strcmp(el, "si") == 0) {
        if (room(x, (void **)&x->str, x->n_str, &x->cap_str, sizeof *x->str) != 0) return;
        x->str[x->n_str].off = (uint32_t)x->strings.len;
        x->str[x->n_str++].len = (uint32_t)x->text.len;
        zi_buf_append(&x->strings, x->text.p ? x->text.p : "", x->text.len);
    }
}

/* ---- the sheet ---- */

/* Closes the current line: its width is remembered, so that it can be padded to the widest at the end. */
static void end_line(struct xlsx *x)
{
    if (room(x, (void **)&x->lines, x->n_lines, &x->cap_lines, sizeof *x->lines) != 0) return;
    x->lines[x->n_lines].end = x->csv.len;
    x->lines[x->n_lines++].width = x->line_fields;
    if (x->line_fields > x->max_width) x->max_width = x->line_fields;
    x->line_fields = 0;
    zi_buf_putc(&x->csv, '\n');
}

/* Moves to sheet row `row`, ending the lines before it. */
static void to_row(struct xlsx *x, uint32_t row)
{
    while (x->n_lines + 1 < row && !x->problem[0])
        end_line(x);
}

static void put_field(struct zi_buf *csv, const char *p, size_t len)
{
    int quote = 0;
    for (size_t i = 0; i < len && !quote; i++)
        quote = p[i] == ',' || p[i] == '"' || p[i] == '\n' || p[i] == '\r';
    if (!quote) {
        zi_buf_append(csv, p, len);
        return;
    }
    zi_buf_putc(csv, '"');
    for (size_t i = 0; i < len; i++) {
        if (p[i] == '"') zi_buf_putc(csv, '"');
        zi_buf_putc(csv, p[i]);
    }
    zi_buf_putc(csv, '"');
}

/* Days since 1970-01-01 to a civil date (H. Hinnant's algorithm). */
static void civil(int64_t z, int64_t *y, unsigned *m, unsigned *d)
{
    z += 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    unsigned doe = (unsigned)(z - era * 146097);
    unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    unsigned mp = (5 * doy + 2) / 153;
    *d = doy - (153 * mp + 2) / 5 + 1;
    *m = mp < 10 ? mp + 3 : mp - 9;
    *y = (int64_t)yoe + era * 400 + (*m <= 2);
}

/* A date cell's serial number as ISO text; 0 when it is no date Excel can show. */
static int iso_date(const struct xlsx *x, const char *v, char *out, size_t cap)
{
    char *end;
    double serial = strtod(v, &end);
    if (*end || !(serial >= 0 && serial < 2958466)) return 0; /* Excel's last day is 9999-12-31 */
    int64_t day = (int64_t)serial;
    int64_t secs = (int64_t)((serial - (double)day) * 86400 + 0.5);
    if (secs == 86400) {
        day++;
        secs = 0;
    }
    /* Day 0 of the 1900 system is 1899-12-31 and Excel counts a 29 February 1900 that never was (day 60),
     * so from day 61 on the days are counted from 1899-12-30; the 1904 system counts from 1904-01-01. */
    if (x->date1904) {
        day -= 24107; /* 1904-01-01, in days since 1970-01-01 */
    } else {
        if (day == 60) return 0;
        day -= day < 60 ? 25568 : 25569; /* 1899-12-31, 1899-12-30 */
    }
    int64_t y;
    unsigned m, d;
    civil(day, &y, &m, &d);
    if (secs)
        snprintf(out, cap, "%04lld-%02u-%02u %02u:%02u:%02u", (long long)y, m, d, (unsigned)(secs / 3600),
                 (unsigned)(secs / 60 % 60), (unsigned)(secs % 60));
    else
        snprintf(out, cap, "%04lld-%02u-%02u", (long long)y, m, d);
    return 1;
}

static void XMLCALL sheet_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
    struct xlsx *x = ud;
    const char *el = local(name);
    if (strcmp(el, "row") == 0) {
        const char *r = attr(atts, "r");
        int64_t row = r ? index_of(r, ZI_SHEET_MAX_ROWS) : (int64_t)x->row + 1;
        if (row <= (int64_t)x->row || row == 0) {
            stop(x, "row %s is out of order or past row %u", r ? r : "(unnumbered)", ZI_SHEET_MAX_ROWS);
            return;
        }
        if (x->row) end_line(x);
        to_row(x, (uint32_t)row);
        x->row = (uint32_t)row;
        x->col = 0;
    } else if (strcmp(el, "c") == 0) {
        const char *ref = attr(atts, "r"), *t = attr(atts, "t");
        uint32_t col = x->col + 1, row = x->row;
        if (ref && zi_cell_ref_parse(ref, strlen(ref), &col, &row) != 0) {
            stop(x, "'%.20s' is not a cell reference", ref);
            return;
        }
        if (row != x->row || col <= x->col) {
            stop(x, "cell %.20s is out of order", ref ? ref : "");
            return;
        }
        x->cell_col = col;
        int64_t s = index_of(attr(atts, "s"), UINT32_MAX);
        x->cell_xf = s < 0 ? 0 : (uint32_t)s;
        snprintf(x->cell_type, sizeof x->cell_type, "%s", t ? t : "n");
        x->in_cell = 1;
        x->has_v = x->has_f = 0;
        x->value.len = x->formula.len = 0;
    } else if (!x->in_cell) {
        return;
    } else if (strcmp(el, "v") == 0) {
        x->has_v = 1;
        begin_text(x);
    } else if (strcmp(el, "f") == 0) {
        x->has_f = 1;
        begin_text(x);
    } else if (strcmp(el, "is") == 0) {
        x->in_is = 1;
        x->has_v = 1;
        x->value.len = 0;
    } else if (strcmp(el, "rPh") == 0) {
        x->in_rph++;
    } else if (strcmp(el, "t") == 0 && x->in_is && !x->in_rph) {
        begin_text(x);
    }
}

/* The text of the cell just read, into x->value. */
static void cell_text(struct xlsx *x)
{
    const char *t = x->cell_type;
    struct zi_buf *v = &x->value;
    /* A formula saved without its value: no <v>, or an empty one (openpyxl writes <v></v>), except for a
     * formula whose text result is empty (t="str"). */
    if (!x->has_v || (x->has_f && v->len == 0 && strcmp(t, "str") != 0)) {
        v->len = 0;
        if (x->has_f) {
            zi_buf_putc(v, '=');
            zi_buf_append(v, x->formula.p ? x->formula.p : "", x->formula.len);
        }
        return;
    }
    zi_buf_putc(v, '\0');
    v->len--;
    if (strcmp(t, "s") == 0) {
        int64_t k = index_of(v->p, UINT32_MAX);
        if (k < 0 || (uint64_t)k >= x->n_str) {
            stop(x, "a cell names shared string %.20s, which does not exist", v->p);
            return;
        }
        v->len = 0;
        zi_buf_append(v, x->strings.p + x->str[k].off, x->str[k].len);
    } else if (strcmp(t, "b") == 0) {
        int yes = strcmp(v->p, "1") == 0;
        v->len = 0;
        zi_buf_puts(v, yes ? "TRUE" : "FALSE");
    } else if (strcmp(t, "n") == 0 && x->cell_xf < x->n_xf && x->xf_date[x->cell_xf]) {
        char iso[40];
        if (iso_date(x, v->p, iso, sizeof iso)) {
            v->len = 0;
            zi_buf_puts(v, iso);
        }
    }
    /* "str" (a formula's text), "inlineStr", "e" (an error, "#N/A"), "d" (ISO already), "n": as written. */
}

static void XMLCALL sheet_end(void *ud, const XML_Char *name)
{
    struct xlsx *x = ud;
    const char *el = local(name);
    if (!x->in_cell) return;
    if (strcmp(el, "v") == 0 && x->collect) {
        x->collect = 0;
        x->value.len = 0;
        zi_buf_append(&x->value, x->text.p ? x->text.p : "", x->text.len);
    } else if (strcmp(el, "f") == 0 && x->collect) {
        x->collect = 0;
        zi_buf_append(&x->formula, x->text.p ? x->text.p : "", x->text.len);
    } else if (strcmp(el, "t") == 0 && x->collect) {
        x->collect = 0;
        zi_buf_append(&x->value, x->text.p ? x->text.p : "", x->text.len);
    } else if (strcmp(el, "rPh") == 0) {
        x->in_rph--;
    } else if (strcmp(el, "is") == 0) {
        x->in_is = 0;
    } else if (strcmp(el, "c") == 0) {
        x->in_cell = 0;
        x->col = x->cell_col;
        cell_text(x);
        if (x->problem[0] || x->value.len == 0) return;
        /* A comma after each field before this one: the line_fields written, and the empty ones between. */
        for (uint32_t k = x->line_fields ? x->line_fields : 1; k < x->cell_col; k++)
            zi_buf_putc(&x->csv, ',');
        put_field(&x->csv, x->value.p, x->value.len);
        x->line_fields = x->cell_col;
    }
}

/* ---- reading the parts ---- */

static void XMLCALL no_doctype(void *ud, const XML_Char *name, const XML_Char *sys, const XML_Char *pub,
                               int internal)
{
    (void)name, (void)sys, (void)pub, (void)internal;
    stop(ud, "a document type declaration, which no workbook part has");
}

/* Parses the part `name` (inflated, at most `limit` bytes) with the handlers of `part`; 1 when the archive
 * has no such part, 0 when it was read, -1 after c->fatal. */
static int parse_part(struct xlsx *x, const char *name, enum part part, uint64_t limit)
{
    struct zi_ctx *c = x->c;
    zip_int64_t idx = zip_name_locate(x->zip, name, 0);
    if (idx < 0) return 1;
    zip_stat_t st;
    if (zip_stat_index(x->zip, (zip_uint64_t)idx, 0, &st) == 0 && (st.valid & ZIP_STAT_SIZE) &&
        st.size > limit) {
        zi_ctx_fatal(c,
                     "the workbook's part %s is %llu MiB inflated, more than the %llu MiB allowed "
                     "(docs/limits.md): not a worksheet, or a zip bomb",
                     name, (unsigned long long)(st.size >> 20), (unsigned long long)(limit >> 20));
        return -1;
    }
    zip_file_t *zf = zip_fopen_index(x->zip, (zip_uint64_t)idx, 0);
    if (!zf) {
        zi_ctx_fatal(c, "cannot read the workbook's part %s: %s", name, zip_strerror(x->zip));
        return -1;
    }
    XML_Parser p = XML_ParserCreateNS(NULL, '|');
    char *chunk = malloc(ZI_XLSX_CHUNK);
    if (!p || !chunk) {
        if (p) XML_ParserFree(p);
        free(chunk);
        zip_fclose(zf);
        zi_ctx_fatal(c, "out of memory");
        return -1;
    }
    static const XML_StartElementHandler starts[] = {workbook_start, rels_start, styles_start, strings_start,
                                                     sheet_start};
    static const XML_EndElementHandler ends[] = {NULL, NULL, styles_end, strings_end, sheet_end};
    x->parser = p;
    x->part = part;
    x->part_name = name;
    x->collect = 0;
    XML_SetUserData(p, x);
    XML_SetElementHandler(p, starts[part], ends[part]);
    XML_SetCharacterDataHandler(p, on_text);
    XML_SetStartDoctypeDeclHandler(p, no_doctype);
    uint64_t total = 0;
    int rc = 0;
    for (;;) {
        zip_int64_t n = zip_fread(zf, chunk, ZI_XLSX_CHUNK);
        if (n < 0) {
            zi_ctx_fatal(c, "the workbook is damaged: part %s: %s", name, zip_file_strerror(zf));
            rc = -1;
            break;
        }
        total += (uint64_t)n;
        if (total > limit) {
            zi_ctx_fatal(
                c,
                "the workbook's part %s inflates to more than the %llu MiB allowed (docs/limits.md): "
                "not a worksheet, or a zip bomb",
                name, (unsigned long long)(limit >> 20));
            rc = -1;
            break;
        }
        if (XML_Parse(p, chunk, (int)n, n == 0) == XML_STATUS_ERROR || x->problem[0] || x->text.failed ||
            x->csv.failed || x->strings.failed || x->names.failed || x->value.failed) {
            if (x->problem[0])
                zi_ctx_fatal(c, "the workbook's part %s is not one Excel writes: %s", name, x->problem);
            else if (XML_GetErrorCode(p) == XML_ERROR_NONE)
                zi_ctx_fatal(c, "out of memory");
            else
                zi_ctx_fatal(c, "the workbook's part %s is not well-formed XML (line %lu): %s", name,
                             (unsigned long)XML_GetCurrentLineNumber(p),
                             XML_ErrorString(XML_GetErrorCode(p)));
            rc = -1;
            break;
        }
        if (n == 0) break;
    }
    XML_ParserFree(p);
    x->parser = NULL;
    free(chunk);
    zip_fclose(zf);
    return rc;
}

/* The whole stream, the bytes already in the window first; NULL after c->fatal. */
static char *read_all(struct zi_ctx *c, struct zi_input *in, size_t *n)
{
    size_t cap = in->len > (1u << 20) ? in->len * 2 : (1u << 20), len = in->len;
    char *p = malloc(cap);
    if (!p) {
        zi_ctx_fatal(c, "out of memory");
        return NULL;
    }
    memcpy(p, in->buf, in->len);
    while (!in->eof && in->f) {
        if (len == cap) {
            if (cap >= ZI_XLSX_MAX_FILE) {
                zi_ctx_fatal(c,
                             "the workbook is larger than %zu MiB (docs/limits.md): save the sheet as CSV "
                             "UTF-8 instead",
                             (size_t)ZI_XLSX_MAX_FILE >> 20);
                free(p);
                return NULL;
            }
            cap = cap * 2 < ZI_XLSX_MAX_FILE ? cap * 2 : ZI_XLSX_MAX_FILE;
            char *q = realloc(p, cap);
            if (!q) {
                free(p);
                zi_ctx_fatal(c, "out of memory");
                return NULL;
            }
            p = q;
        }
        size_t got = fread(p + len, 1, cap - len, in->f);
        len += got;
        if (got == 0) {
            if (ferror(in->f)) {
                zi_ctx_fatal(c, "cannot read: %s", strerror(errno ? errno : EIO));
                free(p);
                return NULL;
            }
            break;
        }
    }
    *n = len;
    return p;
}

/* The sheet names from the `from`th on, quoted and comma-separated, for a message. */
static void list_sheets(const struct xlsx *x, struct zi_buf *o, uint32_t from)
{
    const char *q = x->names.p;
    for (uint32_t k = 0; k < x->n_sheets; k++) {
        if (k < from) {
            q += strlen(q) + 1;
            q += strlen(q) + 1;
            continue;
        }
        zi_buf_puts(o, k > from ? ", '" : "'");
        zi_buf_put_printable(o, q, strlen(q));
        zi_buf_putc(o, '\'');
        q += strlen(q) + 1;
        q += strlen(q) + 1;
    }
}

/* Chooses the sheet and reads every part; 0, or -1 after c->fatal. */
static int read_book(struct xlsx *x)
{
    struct zi_ctx *c = x->c;
    int rc = parse_part(x, "xl/workbook.xml", PART_WORKBOOK, ZI_XLSX_MAX_PART);
    if (rc == 1) {
        zi_ctx_fatal(
            c, "%s",
            ZI_WORDS(c->lang, "ini arsip zip, tetapi bukan buku kerja Excel (tidak ada xl/workbook.xml)",
                     "this is a zip archive, but not an Excel workbook (it has no xl/workbook.xml)"));
        return -1;
    }
    if (rc) return -1;
    if (x->chosen == ZI_NONE) {
        struct zi_buf list;
        zi_buf_init(&list);
        list_sheets(x, &list, 0);
        if (x->n_sheets == 0)
            zi_ctx_fatal(c, "%s",
                         ZI_WORDS(c->lang, "buku kerja ini tidak punya lembar", "the workbook has no sheet"));
        else
            zi_ctx_fatal(c,
                         ZI_WORDS(c->lang,
                                  "--sheet '%s': buku kerja ini tidak punya lembar itu; lembarnya: %s",
                                  "--sheet '%s': the workbook has no such sheet; its sheets are %s"),
                         c->want_sheet, list.failed ? "(out of memory)" : list.p);
        zi_buf_free(&list);
        return -1;
    }
    if (strlen(x->names.p + x->chosen_off) >= sizeof c->sheet) {
        zi_ctx_fatal(c, "the sheet's name is longer than Excel allows");
        return -1;
    }
    strcpy(c->sheet, x->names.p + x->chosen_off);
    if (!c->want_sheet && x->n_sheets > 1) {
        /* Named if the first sheet's header is not understood: the data may be on another sheet. */
        struct zi_buf list;
        zi_buf_init(&list);
        list_sheets(x, &list, 1);
        if (!list.failed) snprintf(c->other_sheets, sizeof c->other_sheets, "%s", list.p); /* may be cut */
        zi_buf_free(&list);
    }
    rc = parse_part(x, "xl/_rels/workbook.xml.rels", PART_RELS, ZI_XLSX_MAX_PART);
    if (rc < 0) return -1;
    if (!x->target) {
        zi_ctx_fatal(c, "the workbook does not say which part holds sheet '%s'", c->sheet);
        return -1;
    }
    if (parse_part(x, "xl/styles.xml", PART_STYLES, ZI_XLSX_MAX_PART) < 0) return -1;
    x->xf_date = calloc((size_t)x->n_xf + 1, 1);
    if (!x->xf_date) {
        zi_ctx_fatal(c, "out of memory");
        return -1;
    }
    for (uint32_t k = 0; k < x->n_xf; k++) {
        uint32_t id = x->xf_fmt[k];
        int date = date_builtin(id);
        for (uint32_t j = 0; j < x->n_custom; j++)
            if (x->custom[j].id == id) date = x->custom[j].date;
        x->xf_date[k] = (uint8_t)date;
    }
    if (parse_part(x, "xl/sharedStrings.xml", PART_STRINGS, ZI_XLSX_MAX_STRINGS) < 0) return -1;
    rc = parse_part(x, x->target, PART_SHEET, ZI_XLSX_MAX_SHEET);
    if (rc == 1) zi_ctx_fatal(c, "the workbook has no part %s for sheet '%s'", x->target, c->sheet);
    if (rc) return -1;
    if (x->row) end_line(x);
    return x->problem[0] || x->csv.failed ? -1 : 0;
}

/* The lines, each padded with empty fields to the widest, followed by ZI_INPUT_PAD zero bytes. */
static char *padded(struct xlsx *x, size_t *len)
{
    size_t extra = 0;
    for (uint32_t k = 0; k < x->n_lines; k++)
        if (x->lines[k].width) extra += x->max_width - x->lines[k].width;
    char *out = malloc(x->csv.len + extra + ZI_INPUT_PAD);
    if (!out) return NULL;
    size_t at = 0, from = 0;
    for (uint32_t k = 0; k < x->n_lines; k++) {
        size_t n = x->lines[k].end - from;
        if (n) memcpy(out + at, x->csv.p + from, n);
        at += n;
        for (uint32_t f = x->lines[k].width; f && f < x->max_width; f++)
            out[at++] = ',';
        out[at++] = '\n';
        from = x->lines[k].end + 1;
    }
    memset(out + at, 0, ZI_INPUT_PAD);
    *len = at;
    return out;
}

int zi_xlsx_open(struct zi_ctx *c, struct zi_input *in)
{
    size_t n;
    char *bytes = read_all(c, in, &n);
    if (!bytes) return -1;
    struct xlsx x;
    memset(&x, 0, sizeof x);
    x.c = c;
    x.chosen = ZI_NONE;
    zi_buf_init(&x.text);
    zi_buf_init(&x.names);
    zi_buf_init(&x.strings);
    zi_buf_init(&x.value);
    zi_buf_init(&x.formula);
    zi_buf_init(&x.csv);
    zip_error_t zerr;
    zip_error_init(&zerr);
    zip_source_t *src = zip_source_buffer_create(bytes, n, 0, &zerr);
    if (src) x.zip = zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &zerr);
    int rc = -1;
    if (!src || !x.zip) {
        zi_ctx_fatal(c,
                     "this looks like an Excel workbook (a zip archive), but it cannot be opened: %s "
                     "(a truncated or damaged file?)",
                     zip_error_strerror(&zerr));
        if (src) zip_source_free(src);
    } else if (read_book(&x) == 0) {
        size_t len;
        char *text = padded(&x, &len);
        if (!text) {
            zi_ctx_fatal(c, "out of memory");
        } else {
            /* The window now holds the sheet as CSV text, all of it, with nothing more to read. */
            free(in->buf);
            in->buf = text;
            in->cap = in->len = len;
            in->pos = in->dropped = 0;
            in->eof = 1;
            in->f = NULL;
            rc = 0;
        }
    }
    if (x.zip) zip_discard(x.zip);
    zip_error_fini(&zerr);
    free(bytes);
    free(x.target);
    free(x.xf_fmt);
    free(x.xf_date);
    free(x.str);
    free(x.lines);
    zi_buf_free(&x.text);
    zi_buf_free(&x.names);
    zi_buf_free(&x.strings);
    zi_buf_free(&x.value);
    zi_buf_free(&x.formula);
    zi_buf_free(&x.csv);
    if (rc && !c->fatal[0]) zi_ctx_fatal(c, "out of memory");
    return rc;
}
