/* cellref.c — where a cell is, said the way the file's own program says it.
 *
 * A CSV location is a row and a column number ("data.csv:17:4"); a workbook's is the sheet and the cell
 * reference an evaluator types into Excel's Name Box ("lke.xlsx:Sheet1!D17"). The readers keep rows and
 * columns as numbers either way; only the messages and reports turn them into text, here.
 */
#include "zirt.h"

size_t zi_column_letters(uint32_t column, char *out)
{
    char rev[8];
    size_t n = 0;
    for (uint32_t c = column; c > 0 && n < sizeof rev; c = (c - 1) / 26)
        rev[n++] = (char)('A' + (c - 1) % 26);
    for (size_t i = 0; i < n; i++)
        out[i] = rev[n - 1 - i];
    out[n] = '\0';
    return n;
}

int zi_cell_ref_parse(const char *p, size_t len, uint32_t *column, uint32_t *row)
{
    size_t i = 0;
    uint64_t c = 0, r = 0;
    for (; i < len && ((p[i] >= 'A' && p[i] <= 'Z') || (p[i] >= 'a' && p[i] <= 'z')); i++) {
        c = c * 26 + (uint64_t)((p[i] | 0x20) - 'a' + 1);
        if (c > ZI_SHEET_MAX_COLUMNS) return -1;
    }
    if (i == 0 || i == len) return -1;
    for (; i < len && p[i] >= '0' && p[i] <= '9'; i++) {
        r = r * 10 + (uint64_t)(p[i] - '0');
        if (r > ZI_SHEET_MAX_ROWS) return -1;
    }
    if (i != len || r == 0) return -1;
    *column = (uint32_t)c;
    *row = (uint32_t)r;
    return 0;
}

/* A sheet name as a reference writes it: quoted ('Data 2026'!A1) unless it is letters, digits, '_' and '.'
 * only, with a quote inside doubled. */
static void put_sheet(struct zi_buf *o, const char *sheet)
{
    int plain = 1;
    for (const char *q = sheet; *q; q++)
        if (!((*q >= 'A' && *q <= 'Z') || (*q >= 'a' && *q <= 'z') || (*q >= '0' && *q <= '9') || *q == '_' ||
              *q == '.'))
            plain = 0;
    if (plain) {
        zi_buf_put_printable(o, sheet, strlen(sheet));
        return;
    }
    zi_buf_putc(o, '\'');
    for (const char *q = sheet; *q; q++) {
        if (*q == '\'') zi_buf_putc(o, '\'');
        zi_buf_put_printable(o, q, 1);
    }
    zi_buf_putc(o, '\'');
}

void zi_location(struct zi_buf *o, const struct zi_ctx *c, uint64_t row, uint32_t column, int style)
{
    if (!row) return;
    if (c->sheet[0]) {
        put_sheet(o, c->sheet);
        if (column) {
            char letters[8];
            zi_column_letters(column, letters);
            zi_buf_printf(o, "!%s%llu", letters, (unsigned long long)row);
        } else {
            zi_buf_printf(o, ZI_WORDS(c->lang, " baris %llu", " row %llu"), (unsigned long long)row);
        }
        zi_buf_puts(o, style == ZI_LOC_PREFIX ? ":" : ": ");
        return;
    }
    if (style == ZI_LOC_PREFIX) {
        zi_buf_printf(o, "%llu:", (unsigned long long)row);
        if (column) zi_buf_printf(o, "%u:", (unsigned)column);
        return;
    }
    zi_buf_printf(o, "%s %llu",
                  c->json_input ? ZI_WORDS(c->lang, "baris", "line") : ZI_WORDS(c->lang, "baris", "row"),
                  (unsigned long long)row);
    if (column) zi_buf_printf(o, ZI_WORDS(c->lang, ", kolom %u", ", column %u"), (unsigned)column);
    zi_buf_puts(o, ": ");
}
