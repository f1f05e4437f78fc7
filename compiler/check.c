/* check.c — runs the semantic passes in order (see check.h for what each does). */
#include "checks.h"

bool zi_check(struct zi_criteria *criteria, struct zi_diag *diag, struct zi_arena *arena)
{
    struct zi_checker ck = {0};
    ck.criteria = criteria;
    ck.diag = diag;
    ck.arena = arena;
    zi_check_decls(&ck);
    zi_check_facts(&ck);
    zi_check_codes(&ck);
    zi_check_weights(&ck);
    zi_check_names(&ck);
    zi_check_lets(&ck);
    zi_check_types(&ck);
    zi_check_verdicts(&ck);
    zi_check_prerequisites(&ck);
    zi_check_units(&ck);
    zi_check_limits(&ck);
    for (struct zi_let *l = criteria->lets; l; l = l->next)
        if (!l->used)
            zi_diag_report(diag, ZI_SEV_WARNING, l->name.span, "W103",
                           "let '%s' is never used in a verdict or another let", l->name.text);
    return !zi_diag_has_errors(diag);
}
