/* check_codes.c — item codes as worksheet numbers. The LKE numbers every question by where it sits:
 * komponen . kategori . area . sub-area . question (A.I.2.ii.c is question c of sub-area ii of area 2 of
 * category I of component A), and a unit's worksheet has a column for each number. A code typed into the
 * wrong group, or a letter skipped, compiles into a module that looks for a column the data does not have:
 * the item scores 0 for every unit. So when the criteria uses this numbering:
 *
 *   E052  a code that does not extend its group's number (A.I.2.i.e inside sub-area A.I.2.ii), with the code
 *         it should have at that place ("did you mean A.I.2.ii.e?");
 *   W121  a gap in the letters or roman numerals of one group ("is A.I.1.iv.d missing?") — a warning, since a
 *         regulation can drop an item and keep the numbers of the others.
 *
 * Groups carry no code of their own in the language: a group's number is the one more than half of its
 * members extend, so one slip among several siblings is the slip, not the group; without such a majority, the
 * one among its members' numbers that extends its parent group's number, if there is exactly one; else it has
 * none, and nothing is said. Only groups numbered as deep as they are nested are judged (a
 * top-level group is a component, A; a group in it a category, A.I; …): a file that flattens part of the
 * worksheet is not told its codes are out of place. Numbers (areas 1–6) are not checked for gaps, only
 * letters and roman numerals, as the worksheet skips none of those.
 *
 * Whether the criteria uses worksheet numbering: `numbering worksheet` or `numbering free` says so; without
 * either, it does when every item code is two or more dot-separated parts, each digits or letters of one
 * case. */
#include <ctype.h>
#include <string.h>

#include "checks.h"

/* A code's last part, and its length without it ("A.I.2.ii.c": "c", 8). */
static const char *last_part(const char *code, size_t *prefix_len)
{
    const char *dot = strrchr(code, '.');
    *prefix_len = dot ? (size_t)(dot - code) : 0;
    return dot ? dot + 1 : code;
}

/* Digits only, or letters of one case only. */
static bool is_part(const char *p, size_t n)
{
    if (n == 0 || n > 8) return false;
    bool digits = true, lower = true, upper = true;
    for (size_t i = 0; i < n; i++) {
        digits &= isdigit((unsigned char)p[i]) != 0;
        lower &= islower((unsigned char)p[i]) != 0;
        upper &= isupper((unsigned char)p[i]) != 0;
    }
    return digits || lower || upper;
}

static bool is_worksheet_code(const char *code)
{
    unsigned parts = 0;
    for (const char *p = code;; parts++) {
        const char *dot = strchr(p, '.');
        size_t n = dot ? (size_t)(dot - p) : strlen(p);
        if (!is_part(p, n)) return false;
        if (!dot) break;
        p = dot + 1;
    }
    return parts >= 1; /* two parts or more: `parts` counts the dots */
}

static bool all_worksheet_codes(const struct zi_group *g)
{
    for (const struct zi_member *m = g->members; m; m = m->next)
        if (m->group ? !all_worksheet_codes(m->group) : !is_worksheet_code(m->item->code.text)) return false;
    return true;
}

/* ---- The value of a part in its sequence: a = 1, b = 2; i = 1, iv = 4 ---------------------------------- */

enum seq { SEQ_NONE, SEQ_LETTER, SEQ_ROMAN };

static int roman_digit(char c)
{
    switch (tolower((unsigned char)c)) {
    case 'i':
        return 1;
    case 'v':
        return 5;
    case 'x':
        return 10;
    case 'l':
        return 50;
    case 'c':
        return 100;
    default:
        return 0;
    }
}

/* The value of a roman numeral written the usual way (iv, not iiii), or 0. */
static int roman_value(const char *p)
{
    int value = 0;
    for (size_t i = 0; p[i]; i++) {
        int d = roman_digit(p[i]);
        if (!d) return 0;
        value += p[i + 1] && roman_digit(p[i + 1]) > d ? -d : d;
    }
    return value;
}

static const char *roman_text(struct zi_checker *ck, int value, bool upper)
{
    static const struct {
        int value;
        const char *text;
    } table[] = {{100, "c"}, {90, "xc"}, {50, "l"}, {40, "xl"}, {10, "x"},
                 {9, "ix"},  {5, "v"},   {4, "iv"}, {1, "i"}};
    char buf[32] = "";
    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++)
        while (value >= table[i].value && strlen(buf) + 2 < sizeof buf) {
            strcat(buf, table[i].text);
            value -= table[i].value;
        }
    for (char *p = buf; upper && *p; p++)
        *p = (char)toupper((unsigned char)*p);
    return zi_arena_strndup(ck->arena, buf, strlen(buf));
}

/* Is `p` the way `roman_text` writes its value (so "iiii" and "vx" are not numerals)? */
static bool is_roman(struct zi_checker *ck, const char *p)
{
    int value = roman_value(p);
    return value > 0 && value < 200 &&
           strcmp(roman_text(ck, value, isupper((unsigned char)p[0]) != 0), p) == 0;
}

/* The kind of sequence a group's parts run in: roman numerals when each part is one and one is "i" or longer
 * than a letter ("i, ii, iii"; "c, d" are letters); letters when each is one letter of one case. */
static enum seq sequence_of(struct zi_checker *ck, const char *const *parts, unsigned n)
{
    bool roman = n > 0, letters = n > 0, roman_sign = false;
    bool upper = n > 0 && isupper((unsigned char)parts[0][0]);
    for (unsigned i = 0; i < n; i++) {
        const char *p = parts[i];
        if (isdigit((unsigned char)p[0]) || (isupper((unsigned char)p[0]) != 0) != upper) return SEQ_NONE;
        roman &= is_roman(ck, p);
        letters &= p[1] == '\0';
        roman_sign |= strlen(p) > 1 || tolower((unsigned char)p[0]) == 'i';
    }
    if (roman && roman_sign) return SEQ_ROMAN;
    return letters ? SEQ_LETTER : SEQ_NONE;
}

static int value_of(enum seq seq, const char *part)
{
    return seq == SEQ_ROMAN ? roman_value(part) : tolower((unsigned char)part[0]) - 'a' + 1;
}

static const char *part_text(struct zi_checker *ck, enum seq seq, int value, bool upper)
{
    if (seq == SEQ_ROMAN) return roman_text(ck, value, upper);
    char c = (char)((upper ? 'A' : 'a') + value - 1);
    return zi_arena_strndup(ck->arena, &c, 1);
}

/* ---- A group's number, and its members' places ------------------------------------------------------- */

/* One member of a group as numbering sees it: the number its code extends, and its own last part. */
struct place {
    const struct zi_member *member;
    const char *code;   /* the item's code, or the group's number; NULL when the group has none */
    const char *parent; /* the number the code extends: "A.I.2.ii" for "A.I.2.ii.c"; NULL when none */
    const char *part;   /* "c" */
    struct zi_span span;
};

struct numbering {
    struct zi_checker *ck;
    struct zi_symtab groups; /* number → the group it is, for notes */
};

static const char *number_of(struct numbering *nb, struct zi_group *g);

static unsigned parts_of(const char *code)
{
    unsigned n = 1;
    for (const char *p = code; *p; p++)
        n += *p == '.';
    return n;
}

/* Is `g` numbered as deep as it is nested, as in the worksheet: a top-level group is a component (A), the
 * groups in it are categories (A.I), and so on? A file can flatten part of the worksheet (Komponen Hasil
 * holding B.I.a and B.II.a itself): such a group's number says nothing about where its members belong. */
static bool numbered_at_depth(struct numbering *nb, struct zi_group *g)
{
    const char *code = number_of(nb, g);
    return code && parts_of(code) == g->depth + 1;
}

static struct place place_of(struct numbering *nb, const struct zi_member *m)
{
    struct place p = {m, NULL, NULL, NULL, {0, 0}};
    p.code = m->group ? number_of(nb, m->group) : m->item->code.text;
    p.span = m->group ? m->group->name.span : m->item->code.span;
    /* An item code of another form (`numbering worksheet` with "IPAK" among the numbers) says nothing. */
    if (!p.code || (m->item && !is_worksheet_code(p.code))) return p;
    size_t n;
    p.part = last_part(p.code, &n);
    p.parent = n ? zi_arena_strndup(nb->ck->arena, p.code, n) : NULL;
    return p;
}

static void set_number(struct numbering *nb, struct zi_group *g, const char *number)
{
    g->code = number;
    struct zi_ref ref = {ZI_REF_GROUP, {.group = g}};
    zi_symtab_insert(nb->ck->arena, &nb->groups, number, ref, g->name.span);
}

/* The number more than half of the numbered members of `g` extend, or NULL. Kept in the group's `code` once
 * worked out. */
static const char *number_of(struct numbering *nb, struct zi_group *g)
{
    if (g->code) return g->code[0] ? g->code : NULL;
    g->code = ""; /* guards nothing recursive (groups form a tree) but marks the group as worked out */
    unsigned n = 0;
    for (const struct zi_member *m = g->members; m; m = m->next)
        n++;
    struct place *places = zi_arena_alloc(nb->ck->arena, (n ? n : 1) * sizeof *places);
    unsigned k = 0;
    for (const struct zi_member *m = g->members; m; m = m->next)
        places[k++] = place_of(nb, m);
    /* The majority vote (Boyer and Moore): one pass finds the only number that can have more than half the
     * votes, a second counts them. Linear, for a group of a hundred thousand items. */
    const char *best = NULL;
    unsigned count = 0, votes = 0, voters = 0;
    for (unsigned i = 0; i < n; i++) {
        if (!places[i].parent) continue;
        if (count == 0) best = places[i].parent;
        if (strcmp(places[i].parent, best) == 0)
            count++;
        else
            count--;
    }
    for (unsigned i = 0; best && i < n; i++) {
        voters += places[i].parent != NULL;
        votes += places[i].parent && strcmp(places[i].parent, best) == 0;
    }
    if (votes * 2 <= voters) return NULL; /* no number has most members: see settle() */
    set_number(nb, g, best);
    return best;
}

/* A group whose members agree on no number by a majority — a sub-area of two questions, one of them slipped
 * (A.I.1.i.a, A.I.2.i.b) — takes the one number among its members' that extends its parent group's. */
static void settle(struct numbering *nb, struct zi_group *g, const char *parent_number)
{
    if (number_of(nb, g)) return;
    size_t len = strlen(parent_number);
    const char *found = NULL;
    for (const struct zi_member *m = g->members; m; m = m->next) {
        struct place p = place_of(nb, m);
        size_t n;
        if (!p.parent) continue;
        last_part(p.parent, &n);
        if (n != len || strncmp(p.parent, parent_number, n) != 0) continue;
        if (found && strcmp(found, p.parent) != 0) return; /* two such numbers: still none */
        found = p.parent;
    }
    if (found) set_number(nb, g, found);
}

static const char *place_code(const void *codes, unsigned i)
{
    return ((const char *const *)codes)[i];
}

/* W121 at the member after a gap: the values between `prev` and `value` that no sibling has. */
static void report_gap(struct numbering *nb, const struct zi_group *g, const struct place *at, enum seq seq,
                       int prev, int value, const bool *present, const char *previous_code)
{
    struct zi_checker *ck = nb->ck;
    bool upper = isupper((unsigned char)at->part[0]) != 0;
    const char *missing[64];
    unsigned n = 0;
    for (int v = prev + 1; v < value && n < 64; v++)
        if (!present[v])
            missing[n++] = zi_arena_printf(ck->arena, "%s.%s", g->code, part_text(ck, seq, v, upper));
    if (!n) return;
    const char *list = zi_name_list(ck, n, place_code, missing, false);
    if (previous_code)
        zi_diag_report(ck->diag, ZI_SEV_WARNING, at->span, "W121", "'%s' follows '%s': %s %s missing?",
                       at->code, previous_code, n == 1 ? "is" : "are", list);
    else
        zi_diag_report(ck->diag, ZI_SEV_WARNING, at->span, "W121",
                       "'%s' is the first of '%s': %s %s missing?", at->code, g->name.text,
                       n == 1 ? "is" : "are", list);
}

/* The code a misplaced item should have: the group's number and the next part after the previous sibling. */
static const char *expected_code(struct numbering *nb, const struct zi_group *g, enum seq seq, int prev,
                                 const struct place *at)
{
    if (seq == SEQ_NONE) return zi_arena_printf(nb->ck->arena, "%s.%s", g->code, at->part);
    return zi_arena_printf(nb->ck->arena, "%s.%s", g->code,
                           part_text(nb->ck, seq, prev + 1, isupper((unsigned char)at->part[0]) != 0));
}

static void report_misplaced(struct numbering *nb, const struct zi_group *g, const struct place *at,
                             const char *suggestion)
{
    struct zi_checker *ck = nb->ck;
    struct zi_diagnostic *d;
    if (at->member->group)
        d = zi_diag_report(ck->diag, ZI_SEV_ERROR, at->span, "E052",
                           "the items of group '%s' are numbered %s.…, which does not belong in '%s', whose "
                           "parts are numbered %s.…; did you mean %s.…?",
                           at->member->group->name.text, at->code, g->name.text, g->code, suggestion);
    else
        d = zi_diag_report(ck->diag, ZI_SEV_ERROR, at->span, "E052",
                           "item code '%s' does not belong in '%s', whose items are numbered %s.…; did you "
                           "mean '%s'?",
                           at->code, g->name.text, g->code, suggestion);
    struct zi_symbol *home = at->parent ? zi_symtab_lookup(&nb->groups, at->parent) : NULL;
    if (home && home->ref.u.group != g) {
        const struct zi_group *other = home->ref.u.group;
        if (other->title.text)
            zi_diag_add_note(ck->diag, d, home->span, "%s is '%s' (%s)", at->parent, other->name.text,
                             other->title.text);
        else
            zi_diag_add_note(ck->diag, d, home->span, "%s is '%s'", at->parent, other->name.text);
    }
    zi_diag_add_hint(ck->diag, d,
                     "the data has a column for each item code, so a code out of place finds no answer and "
                     "the item scores 0 for every unit");
}

static void check_group(struct numbering *nb, struct zi_group *g)
{
    struct zi_checker *ck = nb->ck;
    bool numbered = numbered_at_depth(nb, g);
    for (struct zi_member *m = g->members; m; m = m->next)
        if (m->group) {
            if (numbered) settle(nb, m->group, g->code);
            check_group(nb, m->group);
        }
    if (!numbered) return;
    unsigned n = 0;
    for (const struct zi_member *m = g->members; m; m = m->next)
        n++;
    struct place *places = zi_arena_alloc(ck->arena, n * sizeof *places);
    const char **parts = zi_arena_alloc(ck->arena, n * sizeof *parts);
    unsigned k = 0, n_in = 0;
    for (const struct zi_member *m = g->members; m; m = m->next, k++) {
        places[k] = place_of(nb, m);
        if (places[k].parent && strcmp(places[k].parent, g->code) == 0) parts[n_in++] = places[k].part;
    }
    enum seq seq = sequence_of(ck, parts, n_in);
    /* Values 1..199 (roman numerals up to cxcix, letters up to z). */
    bool present[200] = {false};
    if (seq != SEQ_NONE)
        for (unsigned i = 0; i < n_in; i++)
            present[value_of(seq, parts[i])] = true;
    int prev = 0;
    const char *previous_code = NULL;
    for (unsigned i = 0; i < n; i++) {
        const struct place *p = &places[i];
        if (!p->parent) continue;
        bool in_place = p->parent && strcmp(p->parent, g->code) == 0;
        if (!in_place && p->member->group && !numbered_at_depth(nb, p->member->group)) continue;
        if (!in_place) {
            struct zi_symbol *dup =
                p->member->item ? zi_symtab_lookup(&ck->keys, p->code) : NULL; /* E021 said it already */
            const char *expected = expected_code(nb, g, seq, prev, p);
            if (!dup || dup->ref.u.item == p->member->item) report_misplaced(nb, g, p, expected);
            if (seq != SEQ_NONE && prev + 1 < 200) {
                prev++; /* it stands in for the next part: no gap reported after it */
                previous_code = expected;
            }
            continue;
        }
        if (seq == SEQ_NONE) continue;
        int value = value_of(seq, p->part);
        if (value > prev + 1) report_gap(nb, g, p, seq, prev, value, present, previous_code);
        if (value > prev) prev = value;
        previous_code = p->code;
    }
}

void zi_check_codes(struct zi_checker *ck)
{
    const struct zi_criteria *c = ck->criteria;
    if (c->numbering == ZI_NUMBERING_FREE) return;
    if (c->numbering == ZI_NUMBERING_AUTO)
        for (const struct zi_member *m = c->groups; m; m = m->next)
            if (!all_worksheet_codes(m->group)) return;
    struct numbering nb = {ck, {0}};
    for (struct zi_member *m = c->groups; m; m = m->next)
        check_group(&nb, m->group);
}
