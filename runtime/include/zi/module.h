/* zi/module.h — the one contract between the compiler (zic) and the runtime (libzirt, zirun).
 *
 * A scoring module is an ordinary shared object built by `zic build`. It exports one symbol,
 * ZI_MODULE_SYMBOL, the address of a constant `struct zi_module`: a self-describing descriptor (what the
 * criteria are, every input, every output, every verdict and its conditions) and two entry points.
 * Nothing in a module depends on LLVM or on the runtime; it needs only the C library's absence of anything
 * (it calls no function at all).
 *
 * Data layout of a batch of n units: tiles of ZI_TILE units, column-major within a tile, so that the hot loop
 * reads a few units of one column per instruction, and every column of a tile lies at a constant offset from
 * the tile's start (the module needs one pointer per buffer, not one per column). Unit `row` of column `c` of
 * a buffer of `k` columns is element zi_tile_index(row, c, k) = (row / ZI_TILE) * k * ZI_TILE + c * ZI_TILE +
 * row % ZI_TILE; a buffer holds ceil(n / ZI_TILE) whole tiles (zi_tile_elements), and the module may read
 * and write every unit of the last tile, past n (whatever it leaves there is meaningless; the caller must
 * only have initialised the memory, as calloc or a reset does). Inputs come in two buffers
 * by kind, each input having a `column` in its own buffer; an answer costs one byte when it is a scale label
 * and eight when it is a number, and absence costs nothing extra:
 *   codes    (n_code_columns)   a ZI_INPUT_SCALE input: 0 when missing, else 1 + the index of the label
 *   numbers  (n_number_columns) any other input: the value, NaN when missing (data never holds a NaN)
 *   outputs  (n_outputs)        value of output o (a score in points, or a let's value)
 *   verdict  (1 column)         index into `verdicts`, or ZI_VERDICT_NONE when the unit gets no verdict
 *   failed   (n_failed_words)   bit (c % 64) of word c / 64 is set when condition c failed
 *   unknown  (n_failed_words)   the same bit is set when condition c could not be decided: a fact it reads is
 *                               missing (then its `failed` bit is set too); never for verdict conditions
 *   lhs, rhs (n_conditions)     explain_batch: each condition's operands
 *
 * score_batch writes every output but the items (ZI_OUTPUT_ITEM: reports of totals, groups and views do not
 * need them, and leaving them out halves the memory the hot loop writes); explain_batch writes them all, and
 * the condition operands. Both entry points are pure functions of their inputs: no allocation, no I/O, no
 * global state, safe to call from several threads at once on disjoint buffers.
 */
#ifndef ZI_MODULE_H
#define ZI_MODULE_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Bumped whenever a struct below changes layout or meaning; the loader refuses any other version. */
#define ZI_MODULE_ABI_VERSION 5u
/* "ZIM2" read as a little-endian 32-bit word: the first check the loader makes on the descriptor. */
#define ZI_MODULE_MAGIC 0x324d495au
/* The symbol's name stays the same from one ABI version to the next, so that a runtime finds the descriptor
 * of a module built for another version and can say which version it is (modules of ABI 1 exported
 * "zi_module_v1"; the loader looks for that name too, to tell the user to rebuild). */
#define ZI_MODULE_SYMBOL "zi_scoring_module"
/* A scale's labels are numbered in one byte (0 = missing). */
#define ZI_MAX_SCALE_LABELS 255u

#define ZI_VERDICT_NONE (-1)

/* Units per tile of a batch (see the layout above). */
#define ZI_TILE 64u

static inline uint64_t zi_tile_index(uint64_t row, uint32_t column, uint32_t n_columns)
{
    return (row / ZI_TILE) * n_columns * ZI_TILE + (uint64_t)column * ZI_TILE + row % ZI_TILE;
}

/* Elements of a buffer of `n_columns` columns for n units: whole tiles. */
static inline uint64_t zi_tile_elements(uint64_t n, uint32_t n_columns)
{
    return (n + ZI_TILE - 1) / ZI_TILE * ZI_TILE * n_columns;
}

/* How an input's cell is read (the runtime's job: the module sees label numbers and doubles). */
enum zi_input_kind {
    ZI_INPUT_SCALE = 0,   /* one of the labels, passed as its number in `codes`; scores the label's value */
    ZI_INPUT_NUMBER = 1,  /* a decimal number within [min, max] */
    ZI_INPUT_PERCENT = 2, /* a percentage, stored as a fraction (87 % -> 0.87) within [min, max] */
    ZI_INPUT_COUNT = 3,   /* a whole number >= 0 within [min, max] */
    /* The kinds below are facts only (role ZI_ROLE_FACT); like a scale, the cell is one of `labels`, passed
     * as 1 + its index in `codes`, and the module reads the label's value: */
    ZI_INPUT_GRADE = 4,    /* an ordered grade: value = its rank, worst 1 .. best n */
    ZI_INPUT_CATEGORY = 5, /* an unordered category: value = 1 + the index of its value among the values */
    ZI_INPUT_BOOLEAN = 6,  /* yes (1) or no (0) */
};

/* Whether an input of this kind is one of `labels`, passed in `codes` (else a number in `numbers`). */
static inline int zi_input_has_labels(int32_t kind)
{
    return kind == ZI_INPUT_SCALE || kind == ZI_INPUT_GRADE || kind == ZI_INPUT_CATEGORY ||
           kind == ZI_INPUT_BOOLEAN;
}

/* What an input is: an answer of an item, scored; or a fact about the unit (a grade, a category, a yes/no, a
 * number) that carries no points and is tested only by prerequisites. */
enum zi_input_role {
    ZI_ROLE_ANSWER = 0,
    ZI_ROLE_FACT = 1,
};

/* What a missing answer does (docs/language.md, "Missing answers"). */
enum zi_missing_policy {
    ZI_MISSING_ZERO = 0,
    ZI_MISSING_EXCLUDE = 1,
    ZI_MISSING_ERROR = 2,
};

enum zi_output_kind {
    ZI_OUTPUT_TOTAL = 0, /* the predefined `total` */
    ZI_OUTPUT_GROUP = 1,
    ZI_OUTPUT_ITEM = 2, /* an item's score in points (its share of its group's weight) */
    ZI_OUTPUT_VIEW = 3, /* a member of a view (e.g. an area over Pemenuhan + Reform) */
    ZI_OUTPUT_LET = 4,
};

enum zi_condition_op {
    ZI_COND_GE = 0,
    ZI_COND_GT = 1,
    ZI_COND_LE = 2,
    ZI_COND_LT = 3,
    ZI_COND_EQ = 4,
    ZI_COND_NE = 5,
    ZI_COND_BOOL = 6, /* not a comparison: a boolean expression (lhs/rhs are 1/0) */
};

/* What a condition decides. */
enum zi_condition_role {
    ZI_CONDITION_VERDICT = 0,      /* one of a verdict's score thresholds */
    ZI_CONDITION_REQUIRE = 1,      /* a `require` rule of an item: a data check */
    ZI_CONDITION_PREREQUISITE = 2, /* a prerequisite for proposing a unit that reached the verdict */
    ZI_CONDITION_RELAXATION = 3,   /* a condition of the verdict's relaxation (proposable while unmet) */
};

struct zi_scale_label {
    const char *label;   /* as written in the criteria, e.g. "Ya": one accepted spelling */
    double value;        /* a scale: in [0, 1]; a fact: see enum zi_input_kind */
    uint32_t printed_as; /* 0: reports print this label; else 1 + the index of the label they print for it
                          * (another accepted spelling of a value: "Kementerian/Lembaga" -> "kl") */
    uint32_t reserved;
};

struct zi_input_desc {
    const char *key;       /* the data key: item code, or code.name for a score item's input, or facts.name */
    const char *item_code; /* the item it belongs to; NULL for a fact */
    const char *text;      /* question or input text (UTF-8) */
    const char *scale;     /* scale identifier for ZI_INPUT_SCALE, else NULL */
    const struct zi_scale_label *labels;
    uint32_t n_labels;
    int32_t kind;    /* enum zi_input_kind */
    int32_t missing; /* enum zi_missing_policy of its item */
    int32_t item;    /* output index of its item; -1 for a fact */
    int32_t role;    /* enum zi_input_role */
    uint32_t
        column; /* its column in `codes` (scale, grade, category, boolean) or in `numbers` (the others) */
    double min, max; /* valid range of the value as stored */
};

struct zi_output_desc {
    const char *path;  /* dotted path, e.g. "pengungkit.pemenuhan.manajemen_perubahan" */
    const char *code;  /* item code for items, else NULL */
    const char *title; /* human title (UTF-8), never NULL (falls back to the identifier) */
    int32_t kind;      /* enum zi_output_kind */
    int32_t parent;    /* output index of the enclosing group (listed before this output), or -1 */
    int32_t depth;     /* 0 for top-level groups, total, views' members and lets */
    int32_t has_weight;
    double weight; /* maximum points (0 when has_weight is 0) */
};

struct zi_condition_desc {
    const char *text;    /* source text of the condition, e.g. "total >= 75" */
    const char *lhs;     /* what is compared, for messages: a title or the source text of the operand */
    const char *message; /* a require rule's message, a prerequisite's or relaxation's name, else NULL */
    int32_t verdict;     /* verdict index, or -1 for a `require` rule (a data check) */
    int32_t role;        /* enum zi_condition_role */
    int32_t op;          /* enum zi_condition_op */
    int32_t lhs_output;  /* output index when the left operand is one output, else -1 */
    int32_t item;        /* for a require rule: output index of its item, else -1 */
    double rhs_weight;   /* when the threshold is a percentage of a weight: that weight, else 0 */
    double rhs_percent;  /* ... and that percentage as a fraction, else 0 */
};

/* A view member adds up groups (or items) of the same name from several groups (`view area =
 * pengungkit.pemenuhan
 * + pengungkit.reform`): each part is one of them, so a report can name the items behind an area's score. */
struct zi_view_part {
    int32_t member; /* output index of the view member (ZI_OUTPUT_VIEW) */
    int32_t part;   /* output index of a group or item it adds */
};

struct zi_verdict_desc {
    const char *id;                         /* e.g. "WBK" */
    const char *title;                      /* e.g. "Wilayah Bebas dari Korupsi" */
    uint32_t first_condition, n_conditions; /* a contiguous range of `conditions` */
    int32_t is_fallback;                    /* 1 for the `otherwise` verdict (always the last) */
    /* Its prerequisites followed by its relaxation conditions: a contiguous range of `conditions` (0, 0 when
     * the verdict has none: a unit that reaches it may be proposed on its score alone). */
    uint32_t first_prerequisite, n_prerequisites;
};

/* One file of the criteria: the file compiled, or a rule set it extends (directly or further down). */
struct zi_source_desc {
    const char *name;   /* the path as zic read it */
    const char *sha256; /* hex SHA-256 of its text */
};

/* Scores n units. Writes verdict, failed, unknown and every output but the items for every row; reads nothing
 * else.
 * `outputs` has room for all n_outputs rows all the same (the items' rows are left as they were). */
typedef void (*zi_score_batch_fn)(uint64_t n, const uint8_t *codes, const double *numbers, double *outputs,
                                  int32_t *verdict, uint64_t *failed, uint64_t *unknown);

/* ABI 5: one module carries its score loop compiled for several CPU levels, and the runtime picks the best
 * the CPU in front of it supports when it loads the module (a module is built once, by the ministry, and run
 * on every evaluator's machine). The levels are the x86-64 psABI's microarchitecture levels; a level's
 * `requires` holds the bits of every level it needs, and the runtime tests them with CPUID (and the OS's
 * saving of the vector registers), never by trying. */
#define ZI_CPU_X86_64_V2 0x1u /* SSE3, SSSE3, SSE4.1, SSE4.2, POPCNT, CX16, LAHF */
#define ZI_CPU_X86_64_V3 0x2u /* AVX, AVX2, FMA, BMI1, BMI2, F16C, LZCNT, MOVBE, XSAVE */
#define ZI_CPU_X86_64_V4 0x4u /* AVX-512 F, BW, CD, DQ, VL */
#define ZI_CPU_KNOWN (ZI_CPU_X86_64_V2 | ZI_CPU_X86_64_V3 | ZI_CPU_X86_64_V4)
/* At most this many levels in a module. */
#define ZI_MAX_SCORE_LEVELS 8u

/* What score_batch writes, plus the items' outputs and each condition's operands in lhs and rhs (for a
 * ZI_COND_BOOL condition, lhs is 1 or 0 and rhs is 1): for --explain and for reports that list items. Slower
 * than score_batch; called instead of it, only when asked. */
typedef void (*zi_explain_batch_fn)(uint64_t n, const uint8_t *codes, const double *numbers, double *outputs,
                                    int32_t *verdict, uint64_t *failed, uint64_t *unknown, double *lhs,
                                    double *rhs);

/* One compilation of score_batch. Every level computes the same IEEE operations in the same order, so all
 * give the same bits; they differ in how many units one instruction takes. */
struct zi_score_level {
    const char *name;  /* "x86-64", "x86-64-v3", "x86-64-v4"; "native (CPU)" for a zic build --cpu=native */
    uint32_t requires; /* ZI_CPU_* bits the CPU must have: 0 for the baseline */
    uint32_t lanes;    /* units per vector instruction (2, 4, 8) */
    zi_score_batch_fn score_batch;
};

struct zi_module {
    uint32_t magic;           /* ZI_MODULE_MAGIC */
    uint32_t abi_version;     /* ZI_MODULE_ABI_VERSION */
    uint32_t descriptor_size; /* sizeof(struct zi_module) as the compiler saw it */
    uint32_t reserved;
    uint64_t checksum; /* FNV-1a 64 over the descriptor's content (see zi_module_checksum in the
                        * runtime); a module whose tables were damaged on disk is refused */
    const char *criteria_id;
    const char *title;
    const char *regulation;
    const char *source_name;      /* file name the module was built from */
    const char *source_sha256;    /* hex SHA-256 of the source text (the file compiled) */
    const char *compiler_version; /* "zic 0.1.0 (LLVM 14.0.6)" */
    uint32_t n_inputs, n_outputs, n_conditions, n_verdicts;
    uint32_t n_failed_words;                   /* ceil(n_conditions / 64), at least 1 */
    int32_t total_output;                      /* output index of `total` */
    uint32_t n_code_columns, n_number_columns; /* columns of `codes` and `numbers` */
    const struct zi_input_desc *inputs;
    const struct zi_output_desc *outputs;
    const struct zi_condition_desc *conditions;
    const struct zi_verdict_desc *verdicts;
    uint32_t n_sources; /* files of the criteria: the one compiled first (source_name), then its bases */
    uint32_t reserved2;
    const struct zi_source_desc *sources;
    zi_score_batch_fn score_batch;
    zi_explain_batch_fn explain_batch;
    /* ABI 4: the language the criteria are written in, from its `language` declaration — "id" (reports and
     * messages in Indonesian by default) or "en" — or NULL when the criteria do not say (English). */
    const char *language;
    /* ABI 4: what each view member adds up, ordered by member then part (n_view_parts may be 0). */
    uint32_t n_view_parts;
    uint32_t reserved3;
    const struct zi_view_part *view_parts;
    /* ABI 5: score_batch for each CPU level, from the baseline up (`requires` grows along the table); the
     * field score_batch above is the first level's. 0 levels (modules written by hand, for tests):
     * score_batch alone, for any CPU of the architecture. */
    uint32_t n_score_levels;
    uint32_t reserved4;
    const struct zi_score_level *score_levels;
};

#ifdef __cplusplus
}
#endif

#endif /* ZI_MODULE_H */
