/* sheet_html.c — the pieces of the tier and progress pages (compare_html.c, progress_html.c) on
 * report/html.h's shell: the page's head, a unit's section and its table of tiers or periods, the page's end.
 * The numbers a test compares are in data attributes as the CSV report writes them (shortest round-trip),
 * beside the text people read ("87,50").
 */
#include <math.h>

#include "compare.h"
#include "report/html.h"

void zi_sheet_html_head(struct zi_sheet *sh, const char *heading, const char *sets_word, const char *css)
{
    struct zi_out *o = &sh->out;
    const struct zi_module *m = sh->m;
    zi_html_page_begin(o, sh->lang, heading, css);
    zi_out_str(o, "<main><h1>");
    zi_html_str(o, heading);
    zi_out_str(o, "</h1><p class=\"sub\">");
    zi_html_str(o, m->title);
    if (m->regulation) {
        zi_out_str(o, " — ");
        zi_html_str(o, m->regulation);
    }
    zi_out_str(o, "<br>");
    zi_out_str(o, sets_word);
    for (size_t s = 0; s < sh->n_sets; s++) {
        zi_out_str(o, s ? ", " : "");
        zi_html_str(o, sh->sets[s].name);
        zi_out_str(o, " (");
        zi_html_str(o, sh->sets[s].file);
        zi_out_char(o, ')');
    }
    zi_out_str(o, "</p>");
}

void zi_sheet_html_unit(struct zi_sheet *sh, size_t row, const char *set_word, const char *change_word)
{
    struct zi_out *o = &sh->out;
    const struct zi_module *m = sh->m;
    const struct zi_joined *jr = &sh->j->rows[row];
    zi_out_str(o, "<section class=\"card unit\" data-unit=\"");
    zi_html_text(o, jr->id, jr->id_len);
    zi_out_str(o, "\"><h2>");
    if (jr->id_len)
        zi_html_text(o, jr->id, jr->id_len);
    else
        zi_out_str(o, ZI_WORDS(sh->lang, "(tanpa id)", "(no id)"));
    zi_out_str(o, "</h2><div class=\"scroll\"><table><thead><tr><th>");
    zi_out_str(o, set_word);
    zi_out_str(o, "</th><th class=\"num\">");
    zi_html_str(o, m->outputs[m->total_output].title);
    zi_out_str(o, "</th>");
    for (uint32_t k = 0; k < sh->n_cols; k++) {
        zi_out_str(o, "<th class=\"num\" title=\"");
        zi_html_str(o, m->outputs[sh->cols[k]].path);
        zi_out_str(o, "\">");
        zi_html_str(o, m->outputs[sh->cols[k]].title);
        zi_out_str(o, "</th>");
    }
    zi_out_str(o, "<th>");
    zi_out_str(o, ZI_WORDS(sh->lang, "predikat", "verdict"));
    zi_out_str(o, "</th>");
    if (change_word) {
        zi_out_str(o, "<th>");
        zi_out_str(o, change_word);
        zi_out_str(o, "</th>");
    }
    zi_out_str(o, "</tr></thead><tbody>");
}

static void cell_number(struct zi_sheet *sh, double x, int ok)
{
    struct zi_out *o = &sh->out;
    zi_out_str(o, "<td class=\"num\">");
    if (ok)
        zi_html_number(o, x, 2, sh->lang);
    else
        zi_out_str(o, "–");
    zi_out_str(o, "</td>");
}

void zi_sheet_html_row(struct zi_sheet *sh, size_t row, size_t s, const char *attr, int with_change)
{
    struct zi_out *o = &sh->out;
    const struct zi_module *m = sh->m;
    enum zi_at at = zi_at_state(sh->j, sh->sets, row, s);
    const struct zi_unit_result *r = zi_at_unit(sh->j, sh->sets, row, s);
    int ok = at == ZI_AT_OK;
    zi_out_str(o, "<tr ");
    zi_out_str(o, attr);
    zi_out_str(o, "=\"");
    zi_html_str(o, sh->sets[s].name);
    zi_out_str(o, "\" data-status=\"");
    zi_out_str(o, zi_at_status(at));
    zi_out_str(o, "\" data-total=\"");
    if (ok) zi_out_double(o, r->outputs[m->total_output]);
    zi_out_str(o, "\"><th scope=\"row\">");
    zi_html_str(o, sh->sets[s].name);
    zi_out_str(o, "</th>");
    cell_number(sh, ok ? r->outputs[m->total_output] : NAN, ok);
    for (uint32_t k = 0; k < sh->n_cols; k++)
        cell_number(sh, ok ? r->outputs[sh->cols[k]] : NAN, ok);
    zi_out_str(o, "<td>");
    if (ok) {
        char cls[] = "r0";
        cls[1] = (char)('0' + (r->verdict < 3 ? r->verdict : 3));
        zi_html_badge(o, m->verdicts[r->verdict].is_fallback ? "none" : cls, m->verdicts[r->verdict].id);
    } else if (at == ZI_AT_ERRORS) {
        zi_html_badge(o, "bad", ZI_WORDS(sh->lang, "KESALAHAN", "ERROR"));
    } else {
        zi_html_badge(o, "none",
                      at == ZI_AT_TWICE ? ZI_WORDS(sh->lang, "dua kali", "twice")
                                        : ZI_WORDS(sh->lang, "tidak ada", "absent"));
    }
    zi_out_str(o, "</td>");
    if (with_change) zi_out_str(o, "<td class=\"change\">");
    long p = -1;
    for (size_t k = s; with_change && ok && k-- > 0;)
        if (zi_at_state(sh->j, sh->sets, row, k) == ZI_AT_OK) {
            p = (long)k;
            break;
        }
    if (p >= 0) {
        const struct zi_unit_result *a = zi_at_unit(sh->j, sh->sets, row, (size_t)p);
        char t[ZI_FMT_MAX];
        zi_people_change(r->outputs[m->total_output] - a->outputs[m->total_output], sh->point, t);
        zi_out_str(o, t);
        if (r->verdict != a->verdict) {
            int reached = r->verdict < a->verdict;
            zi_out_str(o, "; ");
            zi_html_str(o, m->verdicts[reached ? r->verdict : a->verdict].id);
            zi_out_str(o, reached ? ZI_WORDS(sh->lang, " dicapai", " reached")
                                  : ZI_WORDS(sh->lang, " lepas", " lost"));
        }
    }
    zi_out_str(o, with_change ? "</td></tr>" : "</tr>");
    if (at != ZI_AT_ERRORS && at != ZI_AT_TWICE) return;
    zi_out_str(o, "<tr class=\"errors\"><td></td><td colspan=\"99\">");
    if (at == ZI_AT_ERRORS) {
        zi_html_str(o, r->errors);
    } else {
        char t[300];
        snprintf(t, sizeof t,
                 ZI_WORDS(sh->lang, "dua kali di %s (baris %llu dan %llu): perbaiki berkas itu",
                          "twice in %s (rows %llu and %llu): correct that file"),
                 sh->sets[s].file, (unsigned long long)r->row, (unsigned long long)sh->j->rows[row].dup[s]);
        zi_html_str(o, t);
    }
    zi_out_str(o, "</td></tr>");
}

void zi_sheet_html_end(struct zi_sheet *sh, const char *last_line)
{
    zi_out_str(&sh->out, "<p class=\"sub\" id=\"end\">");
    zi_html_str(&sh->out, last_line);
    zi_out_str(&sh->out, "</p></main>");
    zi_html_page_end(&sh->out, NULL);
}
