/* check_lets.c — the evaluation order of lets (dependencies first) and the cycles that make an order
 * impossible. The walk is iterative: a chain of a million lets must not exhaust the stack. */
#include <stdlib.h>
#include <string.h>

#include "checks.h"

struct let_node {
    struct zi_let *let;
    struct zi_let **deps; /* lets this one's expression names, in order */
    unsigned n_deps;
};

static void collect(struct zi_checker *ck, const struct zi_expr *e, struct let_node *node, unsigned *cap)
{
    if (!e) return;
    if (e->kind == ZI_EXPR_PATH && e->ref.kind == ZI_REF_LET) {
        if (node->n_deps == *cap) {
            unsigned bigger = *cap ? *cap * 2 : 4;
            struct zi_let **deps = zi_arena_alloc(ck->arena, bigger * sizeof *deps);
            if (node->n_deps) memcpy(deps, node->deps, node->n_deps * sizeof *deps);
            node->deps = deps;
            *cap = bigger;
        }
        node->deps[node->n_deps++] = e->ref.u.let;
    }
    for (const struct zi_expr *a = e->args; a; a = a->next)
        collect(ck, a, node, cap);
    collect(ck, e->cond, node, cap);
    collect(ck, e->lhs, node, cap);
    collect(ck, e->rhs, node, cap);
}

static void report_cycle(struct zi_checker *ck, struct let_node *nodes, const unsigned *stack, unsigned depth,
                         unsigned target)
{
    unsigned from = depth;
    while (from > 0 && stack[from - 1] != target)
        from--;
    if (from > 0) from--;
    size_t len = 0;
    for (unsigned i = from; i < depth; i++)
        len += strlen(nodes[stack[i]].let->name.text) + 4;
    len += strlen(nodes[target].let->name.text) + 1;
    char *chain = zi_arena_alloc(ck->arena, len), *p = chain;
    for (unsigned i = from; i < depth; i++)
        p += sprintf(p, "%s -> ", nodes[stack[i]].let->name.text);
    sprintf(p, "%s", nodes[target].let->name.text);
    struct zi_let *let = nodes[target].let;
    struct zi_diagnostic *d = zi_diag_report(ck->diag, ZI_SEV_ERROR, let->name.span, "E023",
                                             "let '%s' depends on itself: %s", let->name.text, chain);
    if (depth - from > 1)
        zi_diag_add_note(ck->diag, d, nodes[stack[depth - 1]].let->name.span, "the cycle closes here");
}

void zi_check_lets(struct zi_checker *ck)
{
    unsigned n = 0;
    for (struct zi_let *l = ck->criteria->lets; l; l = l->next)
        l->order = n++;
    ck->n_lets = n;
    ck->let_order = zi_arena_alloc(ck->arena, (n ? n : 1) * sizeof *ck->let_order);
    if (!n) return;
    struct let_node *nodes = zi_arena_alloc(ck->arena, n * sizeof *nodes);
    unsigned i = 0;
    for (struct zi_let *l = ck->criteria->lets; l; l = l->next, i++) {
        unsigned cap = 0;
        nodes[i].let = l;
        collect(ck, l->expr, &nodes[i], &cap);
    }
    /* Depth-first, with an explicit stack of (node, next dependency to visit). */
    unsigned *stack = malloc(n * sizeof *stack), *next_dep = malloc(n * sizeof *next_dep);
    if (!stack || !next_dep) {
        fputs("zic: out of memory\n", stderr);
        exit(2);
    }
    unsigned emitted = 0;
    for (unsigned root = 0; root < n; root++) {
        if (nodes[root].let->visit) continue;
        unsigned depth = 0;
        stack[depth] = root;
        next_dep[depth++] = 0;
        nodes[root].let->visit = 1;
        while (depth) {
            unsigned top = stack[depth - 1];
            struct let_node *node = &nodes[top];
            if (next_dep[depth - 1] < node->n_deps) {
                struct zi_let *dep = node->deps[next_dep[depth - 1]++];
                if (dep->visit == 1) {
                    report_cycle(ck, nodes, stack, depth, dep->order);
                } else if (dep->visit == 0) {
                    dep->visit = 1;
                    stack[depth] = dep->order;
                    next_dep[depth++] = 0;
                }
                continue;
            }
            node->let->visit = 2;
            ck->let_order[emitted++] = node->let;
            depth--;
        }
    }
    free(stack);
    free(next_dep);
    for (unsigned k = 0; k < n; k++)
        ck->let_order[k]->order = k;
}
