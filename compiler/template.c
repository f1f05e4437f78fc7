/* template.c — blank worksheets in four shapes, all from the module descriptor: the answers in document
 * order, then the facts about the unit (issue 13), each with the values it accepts. */
#include "template.h"

#include <math.h>
#include <stdbool.h>
#include <string.h>

/* RFC 4180: quote a field that holds a separator, a quote or a line end; double the quotes inside. */
static void csv_field(FILE *out, const char *text)
{
    if (!text) return;
    if (!strpbrk(text, ",\"\r\n;")) {
        fputs(text, out);
        return;
    }
    fputc('"', out);
    for (const char *p = text; *p; p++) {
        if (*p == '"') fputc('"', out);
        fputc(*p, out);
    }
    fputc('"', out);
}

void zi_json_string(FILE *out, const char *text)
{
    fputc('"', out);
    for (const unsigned char *p = (const unsigned char *)(text ? text : ""); *p; p++) {
        if (*p == '"' || *p == '\\')
            fprintf(out, "\\%c", *p);
        else if (*p < 0x20)
            fprintf(out, "\\u%04x", *p);
        else
            fputc(*p, out);
    }
    fputc('"', out);
}

/* The section an answer belongs to: the top-level group, the groups in between, the item's own group. */
struct section {
    const char *component, *sub_area;
    char area[512];
    char block[256]; /* a fact's facts block */
};

static void section_of(const struct zi_module *d, const struct zi_input_desc *in, struct section *s)
{
    memset(s, 0, sizeof *s);
    if (in->role == ZI_ROLE_FACT) {
        /* A fact's section is its facts block, the first part of its key ("instansi" of instansi.opini_bpk).
         */
        const char *dot = strchr(in->key, '.');
        snprintf(s->block, sizeof s->block, "%.*s", dot ? (int)(dot - in->key) : (int)strlen(in->key),
                 in->key);
        s->component = s->block;
        s->sub_area = "";
        return;
    }
    int item = in->item, parent = item >= 0 ? d->outputs[item].parent : -1;
    s->sub_area = parent >= 0 ? d->outputs[parent].title : "";
    int chain[64], n = 0;
    for (int o = parent >= 0 ? d->outputs[parent].parent : -1; o >= 0 && n < 64; o = d->outputs[o].parent)
        chain[n++] = o;
    /* chain runs upwards: its last element is the component */
    s->component = n ? d->outputs[chain[n - 1]].title : s->sub_area;
    if (!n) s->sub_area = "";
    size_t len = 0;
    s->area[0] = '\0';
    for (int k = n - 2; k >= 0; k--)
        len += (size_t)snprintf(s->area + len, len < sizeof s->area ? sizeof s->area - len : 0, "%s%s",
                                k == n - 2 ? "" : " > ", d->outputs[chain[k]].title);
}

/* Appends to buf[len], of which *used is taken; text past the end is cut off. */
static void append(char *buf, size_t len, size_t *used, const char *format, const char *a, const char *b)
{
    if (*used >= len) return;
    int n = snprintf(buf + *used, len - *used, format, a, b);
    *used += n > 0 ? (size_t)n : 0;
}

/* A fact's values, as reports print them, then the other spellings data may use, by value: "pemda / kl (also
 * Pemerintah Daerah = pemda; Kementerian/Lembaga = kl)". A grade's values come best first. */
static void accepted_labels(const struct zi_input_desc *in, char *buf, size_t len)
{
    size_t used = 0;
    buf[0] = '\0';
    for (uint32_t k = 0; k < in->n_labels; k++)
        if (!in->labels[k].printed_as)
            append(buf, len, &used, "%s%s", used ? " / " : "", in->labels[k].label);
    if (in->kind == ZI_INPUT_GRADE) append(buf, len, &used, "%s%s", ", best first", "");
    bool also = false;
    for (uint32_t v = 0; v < in->n_labels; v++) {
        if (in->labels[v].printed_as) continue;
        bool first = true;
        for (uint32_t k = 0; k < in->n_labels; k++) {
            if (in->labels[k].printed_as != v + 1) continue;
            append(buf, len, &used, "%s%s", !also ? " (also " : first ? "; " : ", ", in->labels[k].label);
            also = true;
            first = false;
        }
        if (!first) append(buf, len, &used, " = %s%s", in->labels[v].label, "");
    }
    if (also) append(buf, len, &used, ")%s%s", "", "");
}

static void accepted(const struct zi_input_desc *in, char *buf, size_t len)
{
    size_t used = 0;
    switch (in->kind) {
    case ZI_INPUT_GRADE:
    case ZI_INPUT_CATEGORY:
    case ZI_INPUT_BOOLEAN:
        accepted_labels(in, buf, len);
        break;
    case ZI_INPUT_SCALE:
        for (uint32_t k = 0; k < in->n_labels && used < len; k++)
            used += (size_t)snprintf(buf + used, len - used, "%s%s", k ? " / " : "", in->labels[k].label);
        break;
    case ZI_INPUT_PERCENT:
        snprintf(buf, len, "percentage %g%%-%g%% (87%%, 87,5 %%, 87 or 0.87)", in->min * 100, in->max * 100);
        break;
    case ZI_INPUT_COUNT:
        if (isfinite(in->max))
            snprintf(buf, len, "whole number %g-%g", in->min, in->max);
        else
            snprintf(buf, len, "whole number >= %g", in->min);
        break;
    default:
        if (isfinite(in->min) && isfinite(in->max))
            snprintf(buf, len, "number %g-%g (3,41 or 3.41)", in->min, in->max);
        else
            snprintf(buf, len, "number (3,41 or 3.41)");
        break;
    }
}

/* The question as a person reads it: a score item's input names what to count, after the item's text. */
static const char *question_of(const struct zi_module *d, const struct zi_input_desc *in, char *buf,
                               size_t len)
{
    if (in->item < 0 || strcmp(in->key, in->item_code) == 0) return in->text;
    snprintf(buf, len, "%s: %s", d->outputs[in->item].title, in->text);
    return buf;
}

static const char *kind_name(int kind)
{
    static const char *const names[] = {"scale", "number",   "percent", "count",
                                        "grade", "category", "boolean"};
    return kind >= 0 && kind <= ZI_INPUT_BOOLEAN ? names[kind] : "number";
}

int zi_template_write(const struct zi_module *d, enum zi_template_format format, FILE *out)
{
    char buf[4096], question[2048];
    switch (format) {
    case ZI_TEMPLATE_CSV:
        /* The long layout with notes beside each row, so that the filled form is what zirun reads. */
        fputs("unit,key,component,area,sub_area,question,type,accepted,answer\n", out);
        for (uint32_t i = 0; i < d->n_inputs; i++) {
            const struct zi_input_desc *in = &d->inputs[i];
            struct section s;
            section_of(d, in, &s);
            accepted(in, buf, sizeof buf);
            const char *fields[] = {in->key,
                                    s.component,
                                    s.area,
                                    s.sub_area,
                                    question_of(d, in, question, sizeof question),
                                    kind_name(in->kind),
                                    buf};
            fputs("UNIT-ID,", out);
            for (int f = 0; f < 7; f++) {
                csv_field(out, fields[f]);
                fputc(',', out);
            }
            fputc('\n', out);
        }
        break;
    case ZI_TEMPLATE_WIDE:
        fputs("unit", out);
        for (uint32_t i = 0; i < d->n_inputs; i++) {
            fputc(',', out);
            csv_field(out, d->inputs[i].key);
        }
        fputc('\n', out);
        break;
    case ZI_TEMPLATE_LONG:
        fputs("unit,item,answer\n", out);
        for (uint32_t i = 0; i < d->n_inputs; i++) {
            fputs("UNIT-ID,", out);
            csv_field(out, d->inputs[i].key);
            fputs(",\n", out);
        }
        break;
    case ZI_TEMPLATE_JSON:
        fputs("{\"criteria\": ", out);
        zi_json_string(out, d->criteria_id);
        fputs(", \"regulation\": ", out);
        zi_json_string(out, d->regulation);
        fputs(",\n \"items\": [\n", out);
        for (uint32_t i = 0; i < d->n_inputs; i++) {
            const struct zi_input_desc *in = &d->inputs[i];
            struct section s;
            section_of(d, in, &s);
            accepted(in, buf, sizeof buf);
            fputs("  {\"key\": ", out);
            zi_json_string(out, in->key);
            fputs(", \"component\": ", out);
            zi_json_string(out, s.component);
            fputs(", \"area\": ", out);
            zi_json_string(out, s.area);
            fputs(", \"sub_area\": ", out);
            zi_json_string(out, s.sub_area);
            fputs(", \"question\": ", out);
            zi_json_string(out, question_of(d, in, question, sizeof question));
            fprintf(out, ", \"type\": \"%s\", \"accepted\": ", kind_name(in->kind));
            zi_json_string(out, buf);
            fputs(i + 1 < d->n_inputs ? "},\n" : "}\n", out);
        }
        fputs(" ],\n \"units\": [{\"id\": \"UNIT-ID\", \"answers\": {", out);
        for (uint32_t i = 0; i < d->n_inputs; i++) {
            fputs(i ? ", " : "", out);
            zi_json_string(out, d->inputs[i].key);
            fputs(": null", out);
        }
        fputs("}}]}\n", out);
        break;
    }
    return ferror(out) ? -1 : 0;
}
