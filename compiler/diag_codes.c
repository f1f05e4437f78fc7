/* diag_codes.c — every diagnostic code with its severity and meaning: the table of docs/language.md §6, which
 * tests/frontend/codes_table.py checks against this one, entry by entry. SARIF's rules come from here. */
#include "diag_codes.h"

#include <string.h>

static const struct zi_diag_code codes[] = {
    {"E001", ZI_SEV_ERROR, "stray character"},
    {"E002", ZI_SEV_ERROR, "unterminated string"},
    {"E003", ZI_SEV_ERROR, "invalid UTF-8"},
    {"E004", ZI_SEV_ERROR, "unterminated comment"},
    {"E005", ZI_SEV_ERROR, "unknown escape sequence"},
    {"E006", ZI_SEV_ERROR, "NUL byte in source"},
    {"E007", ZI_SEV_ERROR,
     "the file is not UTF-8: saved as UTF-16 (\"Unicode\") or Windows-1252 (\"ANSI\"); save it as UTF-8"},
    {"E010", ZI_SEV_ERROR, "syntax error: unexpected token, with what was expected"},
    {"E011", ZI_SEV_ERROR, "nesting too deep"},
    {"E012", ZI_SEV_ERROR, "number too long or out of range"},
    {"E013", ZI_SEV_ERROR,
     "a `}` missing or extra (or a `{` lost), found by indentation: reported at the block left open, at the "
     "`}` that closes one early, or at the header without `{`"},
    {"E014", ZI_SEV_ERROR,
     "notation from elsewhere, with the fix: decimal comma (`0,5` → `0.5`), `=>` `=<` `<>` `≥` `≤` `≠` (→ "
     "`>=` `<=` `!=`), `#` comments (→ `//`)"},
    {"E020", ZI_SEV_ERROR, "duplicate name in one scope"},
    {"E021", ZI_SEV_ERROR, "duplicate item code"},
    {"E022", ZI_SEV_ERROR, "undefined name"},
    {"E023", ZI_SEV_ERROR, "cycle among lets"},
    {"E024", ZI_SEV_ERROR, "scale value outside [0, 1]"},
    {"E025", ZI_SEV_ERROR, "children's weights do not add up to the group's weight"},
    {"E026", ZI_SEV_ERROR, "some children weighted, some not"},
    {"E027", ZI_SEV_ERROR, "group or weight problem: missing or non-positive weight"},
    {"E028", ZI_SEV_ERROR, "comparison of incompatible types"},
    {"E029", ZI_SEV_ERROR, "operator applied to the wrong type"},
    {"E030", ZI_SEV_ERROR, "condition can never hold"},
    {"E031", ZI_SEV_ERROR, "duplicate scale label"},
    {"E032", ZI_SEV_ERROR, "unknown answer type"},
    {"E033", ZI_SEV_ERROR, "missing, repeated or misplaced `otherwise`"},
    {"E034", ZI_SEV_ERROR, "view over groups with different children"},
    {"E035", ZI_SEV_ERROR, "invalid range"},
    {"E036", ZI_SEV_ERROR, "condition is not a boolean"},
    {"E037", ZI_SEV_ERROR, "unknown function or wrong number of arguments"},
    {"E038", ZI_SEV_ERROR, "duplicate header entry (`regulation`, `missing`)"},
    {"E039", ZI_SEV_ERROR,
     "a number compared with a percentage (only a score has a weight to take a percentage of)"},
    {"E040", ZI_SEV_ERROR, "`answer` used outside a question's score expression"},
    {"E041", ZI_SEV_ERROR,
     "a `number` or `count` question without a score expression, or a score item without inputs"},
    {"E042", ZI_SEV_ERROR, "a score expression that names something other than its own item's inputs"},
    {"E043", ZI_SEV_ERROR,
     "an item without an identifier whose code's last part is not one (`\"Q.1\"`: write `question \"Q.1\" q1 "
     "\"…\"`)"},
    {"E044", ZI_SEV_ERROR,
     "a scale with more than 255 labels (a module stores an answer's label number in one byte)"},
    {"E045", ZI_SEV_ERROR,
     "more inputs, scores, conditions or verdicts than a module holds (a million each, ten thousand "
     "verdicts; docs/limits.md)"},
    {"E050", ZI_SEV_ERROR,
     "a fraction of 1 compared with a score of weight above 1 (`all area >= 0.6`: did you mean 60%?)"},
    {"E051", ZI_SEV_ERROR,
     "a verdict that can never be given: an earlier verdict is met by every unit that meets it"},
    {"E052", ZI_SEV_ERROR,
     "an item code that does not extend the number of the group it sits in (worksheet numbering)"},
    {"E053", ZI_SEV_ERROR, "unknown `numbering` (write `worksheet` or `free`)"},
    {"E054", ZI_SEV_ERROR,
     "`replace`/`remove`/`add to`/`in` names something the base rule set does not have"},
    {"E055", ZI_SEV_ERROR,
     "`extends` problem: the base cannot be read, a cycle, more than 16 files in a chain, or a criteria read "
     "from memory"},
    {"E056", ZI_SEV_ERROR, "a condition to replace or remove is not in that verdict or prerequisites block"},
    {"E057", ZI_SEV_ERROR, "`replace`/`remove`/`add to`/`in` in a file that does not `extends` anything"},
    {"E060", ZI_SEV_ERROR, "a fact read outside a `prerequisites` block (a fact carries no points)"},
    {"E061", ZI_SEV_ERROR, "a fact's type is a scale, or unknown"},
    {"E062", ZI_SEV_ERROR, "a label that the grade or category does not have"},
    {"E063", ZI_SEV_ERROR, "`<`, `>`, `<=`, `>=` on a category (its values have no order)"},
    {"E064", ZI_SEV_ERROR, "`prerequisites` for the `otherwise` verdict or for no verdict"},
    {"E065", ZI_SEV_ERROR,
     "a grade or category with a label given to two values, a blank label, or fewer than two values"},
    {"E066", ZI_SEV_ERROR, "unknown `language` (write `id` or `en`)"},
    {"E080", ZI_SEV_ERROR, "a tests file (`zic test`): a `row` that is not a whole number from 1"},
    {"E081", ZI_SEV_ERROR,
     "a tests file: a name the criteria do not have (an answer or fact, a score, a verdict, a condition)"},
    {"E082", ZI_SEV_ERROR,
     "a tests file: a value or word that does not fit (a label no scale has, `true` for a fact that is not "
     "yes/no, a proposability word)"},
    {"E083", ZI_SEV_ERROR, "a tests file: two cases with one name, or `like` a case not defined before it"},
    {"E084", ZI_SEV_ERROR,
     "a tests file: `row N of \"FILE\"` whose file cannot be read or has no unit starting on row N"},
    {"E085", ZI_SEV_ERROR, "a tests file: a case that expects nothing"},
    {"W101", ZI_SEV_WARNING, "unused scale, grade or category"},
    {"W103", ZI_SEV_WARNING, "unused let"},
    {"W104", ZI_SEV_WARNING, "division that may be by zero"},
    {"W105", ZI_SEV_WARNING, "input not used by its score expression"},
    {"W106", ZI_SEV_WARNING, "condition always holds"},
    {"W107", ZI_SEV_WARNING, "empty group"},
    {"W108", ZI_SEV_WARNING, "no `regulation`"},
    {"W109", ZI_SEV_WARNING, "score expression can leave [0, 1] and will be clamped"},
    {"W120", ZI_SEV_WARNING,
     "a fraction of 1 compared with an answer that runs above 1 (`ipak.answer >= 0.9` on an index 0–4)"},
    {"W121", ZI_SEV_WARNING,
     "a gap in the letters or roman numerals of a group's item codes (`is A.I.1.iv.d missing?`)"},
};

_Static_assert(sizeof codes / sizeof codes[0] == ZI_DIAG_N_CODES, "ZI_DIAG_N_CODES is the table's size");

const struct zi_diag_code *zi_diag_code_at(size_t index)
{
    return index < ZI_DIAG_N_CODES ? &codes[index] : NULL;
}

int zi_diag_code_index(const char *code)
{
    for (size_t i = 0; i < ZI_DIAG_N_CODES; i++)
        if (strcmp(codes[i].code, code) == 0) return (int)i;
    return -1;
}
