/* ingest_json.c — units from JSON: {"units":[{"id": …, "answers": {…}}, …]}, a top-level array of such
 * objects, or JSON Lines.
 *
 * jsonscan.c cuts the stream into one text per unit; each is parsed on its own with jansson, rejecting
 * duplicate keys (two answers to one item in one object are an error, not "the last one wins"). Answers
 * may be strings, read exactly like CSV cells, or numbers, taken as they are (answer.c). null is a missing
 * answer. A unit that is not valid JSON is reported with jansson's message at its line, and the next unit
 * is read as usual.
 */
#include <jansson.h>
#include <stdlib.h>

#include "zirt.h"

struct zi_jsonin {
    struct zi_ctx *c;
    struct zi_jsonscan scan;
    struct zi_buf why;
    uint32_t *seen; /* per input: the unit number that last answered it, to catch "A.1" and "a.1" together */
    uint32_t unit_no;
};

struct zi_jsonin *zi_jsonin_open(struct zi_ctx *c, struct zi_input *in, enum zi_json_layout layout)
{
    struct zi_jsonin *j = calloc(1, sizeof *j);
    if (j) j->seen = calloc((size_t)c->m->n_inputs + 1, sizeof *j->seen);
    if (!j || !j->seen) {
        free(j);
        zi_ctx_fatal(c, "out of memory");
        return NULL;
    }
    j->c = c;
    zi_buf_init(&j->why);
    zi_jsonscan_init(&j->scan, in, layout);
    return j;
}

void zi_jsonin_close(struct zi_jsonin *j)
{
    if (!j) return;
    zi_buf_free(&j->why);
    free(j->seen);
    free(j);
}

/* The unit's id as text: a string as is, an integer in decimal, anything else none. */
static size_t id_text(json_t *o, char *buf, size_t cap, const char **out)
{
    json_t *id = json_object_get(o, "id");
    if (!id) id = json_object_get(o, "unit");
    if (json_is_string(id)) {
        *out = json_string_value(id);
        return json_string_length(id);
    }
    if (json_is_integer(id)) {
        *out = buf;
        return (size_t)snprintf(buf, cap, "%lld", (long long)json_integer_value(id));
    }
    *out = "";
    return 0;
}

static void read_answers(struct zi_jsonin *j, struct zi_batch *b, uint32_t u, json_t *answers, uint64_t line)
{
    struct zi_ctx *c = j->c;
    const char *key;
    json_t *val;
    json_object_foreach(answers, key, val)
    {
        size_t klen = strlen(key);
        int32_t i = zi_names_find(&c->names, key, klen);
        if (i < 0) {
            if (zi_strmap_put(&c->warned, key, klen, 0, NULL) == 0)
                zi_ctx_warn(c, line, 0, "%s answer key '%s' (ignored wherever it appears)",
                            i == ZI_NAME_AMBIGUOUS ? "ambiguous" : "unknown", key);
            continue;
        }
        const char *ikey = c->m->inputs[i].key;
        if (j->seen[i] == j->unit_no) {
            zi_batch_error(b, u, line, 0, i,
                           ZI_WORDS(c->lang, "%s %s: dijawab lebih dari sekali (lagi sebagai '%s')",
                                    "%s %s: answered more than once (again as '%s')"),
                           zi_input_noun(&c->m->inputs[i], c->lang), ikey, key);
            b->units[u].unreadable = ZI_UNREAD_CELL;
            continue;
        }
        j->seen[i] = j->unit_no;
        double v;
        enum zi_cell cell;
        j->why.len = 0;
        switch (json_typeof(val)) {
        case JSON_STRING:
            cell = zi_answers_read_text(c->answers, (uint32_t)i, json_string_value(val),
                                        json_string_length(val), &v, &j->why);
            break;
        case JSON_INTEGER:
            cell =
                zi_answers_read_number(c->answers, (uint32_t)i, (double)json_integer_value(val), &v, &j->why);
            break;
        case JSON_REAL:
            cell = zi_answers_read_number(c->answers, (uint32_t)i, json_real_value(val), &v, &j->why);
            break;
        case JSON_NULL:
            cell = ZI_CELL_MISSING;
            break;
        case JSON_TRUE:
            cell = zi_answers_read_text(c->answers, (uint32_t)i, "true", 4, &v, &j->why);
            break;
        case JSON_FALSE:
            cell = zi_answers_read_text(c->answers, (uint32_t)i, "false", 5, &v, &j->why);
            break;
        default: /* an array or object: the same message as for any other text that is not an answer */
            cell = zi_answers_read_text(c->answers, (uint32_t)i, json_is_array(val) ? "[…]" : "{…}", 5, &v,
                                        &j->why);
            break;
        }
        if (cell == ZI_CELL_VALUE) {
            zi_batch_set(b, u, (uint32_t)i, v);
        } else if (cell == ZI_CELL_BAD) {
            zi_batch_error(b, u, line, 0, i, "%s %s: %s", zi_input_noun(&c->m->inputs[i], c->lang), ikey,
                           j->why.failed ? "cannot be read" : j->why.p);
            b->units[u].unreadable = ZI_UNREAD_CELL;
        }
    }
}

int zi_jsonin_fill(struct zi_jsonin *j, struct zi_batch *b)
{
    struct zi_ctx *c = j->c;
    int added = 0;
    while (b->n < b->cap) {
        const char *p;
        size_t len;
        int got = zi_jsonscan_next(&j->scan, &p, &len);
        if (got == 0) break;
        if (got < 0) {
            zi_ctx_fatal(c, "%s", j->scan.problem);
            break;
        }
        added++;
        j->unit_no++;
        uint64_t line = j->scan.unit_line;
        json_error_t err;
        json_t *o = json_loadb(p, len, JSON_REJECT_DUPLICATES | JSON_DECODE_ANY, &err);
        if (!o || !json_is_object(o)) {
            /* Still name the unit when only a repeated key was wrong: parse again, allowing it. */
            json_error_t again;
            json_t *lax = o ? NULL : json_loadb(p, len, 0, &again);
            char num[32];
            const char *id = "";
            size_t id_len = json_is_object(lax) ? id_text(lax, num, sizeof num, &id) : 0;
            uint32_t u = id_len ? zi_ingest_unit(b, line, id, id_len) : zi_batch_add_unit(b, line, "", 0);
            if (o)
                zi_batch_error(b, u, line, 0, -1, "a unit must be a JSON object");
            else
                zi_batch_error(b, u, line + (uint64_t)(err.line > 0 ? err.line - 1 : 0), 0, -1,
                               "invalid JSON: %s", err.text);
            b->units[u].unreadable = ZI_UNREAD_ROW;
            json_decref(lax);
            json_decref(o);
            continue;
        }
        char num[32];
        const char *id;
        size_t id_len = id_text(o, num, sizeof num, &id);
        uint32_t u = zi_ingest_unit(b, line, id, id_len);
        json_t *answers = json_object_get(o, "answers");
        if (!json_is_object(answers)) {
            zi_batch_error(b, u, line, 0, -1,
                           answers ? "\"answers\" must be an object of item: answer"
                                   : "the unit has no \"answers\" object");
            b->units[u].unreadable = ZI_UNREAD_ROW;
        } else {
            read_answers(j, b, u, answers, line);
        }
        json_decref(o);
    }
    return added;
}
