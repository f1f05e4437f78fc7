/* fuzz_fixture.c — the fixture module as the CSV and JSON targets use it: fixture_module.c is compiled into
 * them with ZI_FIXTURE_CHECKSUM=0, and the checksum is filled in on a copy of its descriptor, so nothing here
 * depends on the descriptor's layout. */
#include "fuzz.h"

extern const struct zi_module zi_scoring_module; /* tests/runtime/fixture_module.c */

const struct zi_module *zi_fuzz_fixture(void)
{
    static struct zi_module m;
    static int ready;
    if (!ready) {
        m = zi_scoring_module;
        m.checksum = zi_module_checksum(&m);
        char err[512];
        if (zi_module_validate(&m, err, sizeof err) != 0) {
            fprintf(stderr, "fuzz: the fixture module is refused: %s\n", err);
            abort();
        }
        ready = 1;
    }
    return &m;
}
