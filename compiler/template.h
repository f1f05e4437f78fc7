/* template.h — `zic template`: the blank worksheet for units to fill, generated from the criteria so the
 * data evaluators collect always matches the rules. */
#ifndef ZI_TEMPLATE_H
#define ZI_TEMPLATE_H

#include <stdio.h>

#include "zi/module.h"

enum zi_template_format {
    ZI_TEMPLATE_CSV, /* one row per answer: key, component, area, sub-area, question, accepted answers, answer
                      */
    ZI_TEMPLATE_WIDE, /* the header of a wide CSV: unit, then every key */
    ZI_TEMPLATE_LONG, /* unit,item,answer with one blank row per key */
    ZI_TEMPLATE_JSON, /* the items described, and one unit with every answer null */
};

/* Writes `text` (NULL as "") as a JSON string, quotes included: the JSON of templates and of zic doc. */
void zi_json_string(FILE *out, const char *text);

/* Writes the template of `d` to `out`. Returns 0, or -1 when writing failed. */
int zi_template_write(const struct zi_module *d, enum zi_template_format format, FILE *out);

#endif
