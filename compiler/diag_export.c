/* diag_export.c — writing diagnostics as JSON or SARIF 2.1.0. Positions are 1-based lines and columns counted
 * in code points, as in the text output (SARIF says so with "columnKind": "unicodeCodePoints"); an end column
 * is the column just after the span, as SARIF defines it, and an empty span is an insertion point. */
#include "diag_export.h"

#include "chars.h"

#include <stdbool.h>
#include <string.h>

static void json_string(FILE *out, const char *text, size_t len)
{
    const unsigned char *t = (const unsigned char *)text;
    fputc('"', out);
    for (size_t i = 0; i < len; i++) {
        unsigned char c = t[i];
        if (c == '"' || c == '\\') {
            fprintf(out, "\\%c", c);
        } else if (c == '\n') {
            fputs("\\n", out);
        } else if (c == '\t') {
            fputs("\\t", out);
        } else if (c < 0x20 || c == 0x7F) {
            fprintf(out, "\\u%04x", c);
        } else if (c >= 0x80) {
            /* Bytes the scanner reported as invalid are written as U+FFFD, as a terminal shows them: JSON
             * must stay UTF-8. */
            size_t n = zi_utf8_valid_length(text, i, len);
            if (n) {
                fwrite(text + i, 1, n, out);
                i += n - 1;
            } else {
                fputs("\\ufffd", out);
            }
        } else {
            fputc(c, out);
        }
    }
    fputc('"', out);
}

static void json_cstring(FILE *out, const char *text)
{
    json_string(out, text, strlen(text));
}

static const char *severity_name(const struct zi_diagnostic *d)
{
    return d->severity == ZI_SEV_ERROR ? "error" : "warning";
}

/* ---- zic's JSON ------------------------------------------------------------------------------------------
 */

/* A span's four numbers under the names a format gives them: begin line and column, end line and column (the
 * column just after the span). */
static void range_fields(FILE *out, const struct zi_source *src, struct zi_span span,
                         const char *const names[4])
{
    uint32_t line, col, end_line, end_col;
    zi_source_position(src, span.begin, &line, &col);
    zi_source_position(src, span.end > span.begin ? span.end : span.begin, &end_line, &end_col);
    fprintf(out, "\"%s\": %u, \"%s\": %u, \"%s\": %u, \"%s\": %u", names[0], line, names[1], col, names[2],
            end_line, names[3], end_col);
}

static void json_range(FILE *out, const struct zi_source *src, struct zi_span span)
{
    static const char *const names[4] = {"line", "column", "end_line", "end_column"};
    range_fields(out, src, span, names);
}

static void json_diagnostic(FILE *out, const struct zi_source *src, const struct zi_diagnostic *d)
{
    fputs("    {\"file\": ", out);
    json_cstring(out, zi_source_file_at(src, d->span.begin)->name);
    fputs(", ", out);
    json_range(out, src, d->span);
    fprintf(out,
            ", \"severity\": \"%s\", \"code\": \"%s\", \"promoted\": %s, \"message\": ", severity_name(d),
            d->code, d->promoted ? "true" : "false");
    json_cstring(out, d->message);
    size_t len;
    const char *text = zi_source_line_at(src, d->span.begin, &len);
    fputs(", \"source_line\": ", out);
    json_string(out, text, len);
    fputs(",\n     \"notes\": [", out);
    for (const struct zi_diag_note *n = d->notes; n; n = n->next) {
        fputs(n == d->notes ? "" : ", ", out);
        fputs("{", out);
        if (n->has_span) {
            fputs("\"file\": ", out);
            json_cstring(out, zi_source_file_at(src, n->span.begin)->name);
            fputs(", ", out);
            json_range(out, src, n->span);
            fputs(", ", out);
        }
        fputs("\"message\": ", out);
        json_cstring(out, n->message);
        fputs("}", out);
    }
    fputs("],\n     \"fixes\": [", out);
    for (const struct zi_diag_fixit *f = d->fixits; f; f = f->next) {
        fputs(f == d->fixits ? "{" : ", {", out);
        json_range(out, src, f->span);
        fputs(", \"text\": ", out);
        json_cstring(out, f->text);
        fputs("}", out);
    }
    fputs("]}", out);
}

/* ---- SARIF 2.1.0
 * ------------------------------------------------------------------------------------------- */

static void sarif_region(FILE *out, const struct zi_source *src, struct zi_span span)
{
    static const char *const names[4] = {"startLine", "startColumn", "endLine", "endColumn"};
    fputc('{', out);
    range_fields(out, src, span, names);
    fputc('}', out);
}

/* A file name as a relative URI reference: bytes outside RFC 3986's unreserved set and '/' are %-encoded
 * ("Lembar Kerja.zi" -> "Lembar%20Kerja.zi"). */
static void sarif_uri(FILE *out, const char *name)
{
    fputc('"', out);
    for (const unsigned char *p = (const unsigned char *)name; *p; p++) {
        bool plain = (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
                     strchr("-._~/", *p);
        if (plain)
            fputc(*p, out);
        else
            fprintf(out, "%%%02X", *p);
    }
    fputc('"', out);
}

static void sarif_location(FILE *out, const struct zi_source *src, struct zi_span span)
{
    fputs("{\"artifactLocation\": {\"uri\": ", out);
    sarif_uri(out, zi_source_file_at(src, span.begin)->name);
    fputs("}, \"region\": ", out);
    sarif_region(out, src, span);
    fputs("}", out);
}

/* The place of d's code among the rules of the run, which it joins on first use; -1 for a code not in the
 * table (it keeps its ruleId). */
static int sarif_rule(struct zi_diag_export *x, const struct zi_diagnostic *d)
{
    int code = zi_diag_code_index(d->code);
    if (code < 0) return -1;
    if (x->rule_of[code] < 0) {
        x->rule_of[code] = (int)x->n_rules;
        x->rules[x->n_rules++] = code;
    }
    return x->rule_of[code];
}

static void sarif_result(struct zi_diag_export *x, const struct zi_source *src, const struct zi_diagnostic *d)
{
    FILE *out = x->out;
    int rule = sarif_rule(x, d);
    fprintf(out, "        {\"ruleId\": \"%s\", ", d->code);
    if (rule >= 0) fprintf(out, "\"ruleIndex\": %d, ", rule);
    fprintf(out, "\"level\": \"%s\", \"message\": {\"text\": ", severity_name(d));
    json_cstring(out, d->message);
    fputs("},\n         \"locations\": [{\"physicalLocation\": ", out);
    sarif_location(out, src, d->span);
    fputs("}]", out);
    if (d->notes) {
        /* A note with a place is a related location; a hint without one is a related location with only a
         * message, which SARIF allows. */
        fputs(",\n         \"relatedLocations\": [", out);
        unsigned id = 1;
        for (const struct zi_diag_note *n = d->notes; n; n = n->next, id++) {
            fprintf(out, "%s{\"id\": %u, ", n == d->notes ? "" : ", ", id);
            if (n->has_span) {
                fputs("\"physicalLocation\": ", out);
                sarif_location(out, src, n->span);
                fputs(", ", out);
            }
            fputs("\"message\": {\"text\": ", out);
            json_cstring(out, n->message);
            fputs("}}", out);
        }
        fputs("]", out);
    }
    if (d->fixits) {
        fputs(",\n         \"fixes\": [{\"description\": {\"text\": ", out);
        json_cstring(out, d->message);
        fputs("}, \"artifactChanges\": [{\"artifactLocation\": {\"uri\": ", out);
        sarif_uri(out, zi_source_file_at(src, d->span.begin)->name);
        fputs("}, \"replacements\": [", out);
        for (const struct zi_diag_fixit *f = d->fixits; f; f = f->next) {
            fputs(f == d->fixits ? "{\"deletedRegion\": " : ", {\"deletedRegion\": ", out);
            sarif_region(out, src, f->span);
            fputs(", \"insertedContent\": {\"text\": ", out);
            json_cstring(out, f->text);
            fputs("}}", out);
        }
        fputs("]}]}]", out);
    }
    fputs("}", out);
}

/* A rule of tool.driver: the code, its meaning as the docs' table gives it (Markdown, and as plain text
 * without the backticks) and its level. */
static void sarif_rule_description(FILE *out, const struct zi_diag_code *code, bool first)
{
    fprintf(out, "%s\n        {\"id\": \"%s\", \"shortDescription\": {\"text\": ", first ? "" : ",",
            code->code);
    char plain[512]; /* a meaning is one cell of the docs' table, a few hundred bytes at most */
    size_t n = 0;
    for (const char *p = code->meaning; *p && n + 1 < sizeof plain; p++)
        if (*p != '`') plain[n++] = *p;
    plain[n] = '\0';
    json_cstring(out, plain);
    fputs(", \"markdown\": ", out);
    json_cstring(out, code->meaning);
    fprintf(out, "}, \"defaultConfiguration\": {\"level\": \"%s\"}}",
            code->severity == ZI_SEV_ERROR ? "error" : "warning");
}

void zi_diag_export_begin(struct zi_diag_export *x, FILE *out, enum zi_diag_format format,
                          const char *tool_version)
{
    x->out = out;
    x->format = format;
    x->n_written = 0;
    x->tool_version = tool_version;
    x->n_rules = 0;
    for (size_t i = 0; i < ZI_DIAG_N_CODES; i++)
        x->rule_of[i] = -1;
    if (format == ZI_DIAG_SARIF) {
        /* The tool comes after the results: its rules are those the results used. */
        fputs("{\n  \"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\",\n  \"version\": "
              "\"2.1.0\",\n"
              "  \"runs\": [\n    {\n      \"columnKind\": \"unicodeCodePoints\",\n      \"results\": [\n",
              out);
    } else {
        fputs("{\n  \"tool\": ", out);
        json_cstring(out, tool_version);
        fputs(",\n  \"diagnostics\": [\n", out);
    }
}

void zi_diag_export_add(struct zi_diag_export *x, struct zi_diag *diag)
{
    size_t n;
    struct zi_diagnostic **sorted = zi_diag_sorted(diag, &n);
    for (size_t i = 0; i < n; i++) {
        if (x->n_written++) fputs(",\n", x->out);
        if (x->format == ZI_DIAG_SARIF)
            sarif_result(x, diag->source, sorted[i]);
        else
            json_diagnostic(x->out, diag->source, sorted[i]);
    }
}

int zi_diag_export_end(struct zi_diag_export *x, unsigned errors, unsigned warnings)
{
    if (x->format == ZI_DIAG_SARIF) {
        fprintf(x->out, "%s      ],\n      \"tool\": {\"driver\": {\"name\": \"zic\", \"version\": ",
                x->n_written ? "\n" : "");
        json_cstring(x->out, x->tool_version);
        fputs(", \"rules\": [", x->out);
        for (unsigned i = 0; i < x->n_rules; i++)
            sarif_rule_description(x->out, zi_diag_code_at((size_t)x->rules[i]), i == 0);
        fprintf(x->out, "%s]}}\n    }\n  ]\n}\n", x->n_rules ? "\n        " : "");
    } else
        fprintf(x->out, "%s  ],\n  \"errors\": %u,\n  \"warnings\": %u\n}\n", x->n_written ? "\n" : "",
                errors, warnings);
    return ferror(x->out) ? -1 : 0;
}
