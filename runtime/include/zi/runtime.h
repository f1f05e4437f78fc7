/* zi/runtime.h — libzirt, the runtime that scores unit worksheets with a compiled scoring module.
 *
 * What it does: checks a module (zi/module.h) before trusting it, reads unit data (wide CSV, long CSV, JSON,
 * JSON Lines), turns the cells people type into the doubles a module wants, calls the module in batches and
 * writes a report (aligned table, CSV or JSON) with every unit, its scores, its verdict or its errors, and on
 * request the reasons for the verdict. It links no LLVM: `zirun` is this library plus a command line, and
 * `zic run` calls zi_run() with a module just compiled in memory.
 *
 * Ownership in one sentence: the caller owns everything it passes in (module, streams, options), and every
 * object this library returns is released by the one function named next to it. No function keeps a pointer
 * to a caller's buffer after it returns, and no function has global state, so separate runs may go on in
 * separate threads.
 *
 * docs/runtime.md describes the data formats, messages and exit codes for users.
 */
#ifndef ZI_RUNTIME_H
#define ZI_RUNTIME_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "zi/module.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- Checking a module -------------------------------------------------------------------------------- */

/* FNV-1a 64 (offset basis 0xcbf29ce484222325, prime 0x100000001b3) over a canonical serialisation of the
 * descriptor's content, so that a module damaged on disk is refused and the compiler can embed the value:
 *   - a string: its bytes, then one 0 byte; a NULL string: the single byte 0xFF;
 *   - an integer field (any width, signed or not): its value converted to int64, 8 bytes little-endian;
 *   - a double: its IEEE 754 bits, 8 bytes little-endian;
 *   - fields in declaration order, skipping magic, abi_version, descriptor_size, reserved, checksum,
 *     score_batch and explain_batch, and the four array pointers of struct zi_module;
 *   - then the arrays: every input, every output, every condition, every verdict, in that order, each
 *     element's fields in declaration order; an input's `labels` pointer stands for its labels, each label
 *     as its string then its value (the count follows as the field n_labels); then the sources; then
 *     `language`, n_view_parts and each view part's member and part; then n_score_levels and each level's
 *     name, requires and lanes (its entry point, like the others, is not content).
 * Pure function of the content: the same descriptor gives the same value in the compiler and in the runtime.
 * `m` and every array it points to must be readable (call zi_module_validate first for untrusted data). */
uint64_t zi_module_checksum(const struct zi_module *m);

/* Checks everything about a descriptor that can be checked without loading a file: magic, ABI version,
 * descriptor size, counts within limits, no NULL where a value is required, every index in range, enums
 * valid, verdict ranges consistent, and finally the checksum. For a module compiled in memory (zic run) and
 * for one loaded from disk alike. Returns 0 when the module is usable; otherwise -1 with a one-line message
 * (no trailing newline, truncated to errlen) in `err` when err is not NULL. Reads only; owns nothing. */
int zi_module_validate(const struct zi_module *m, char *err, size_t errlen);

/* ---- Loading a module from disk ---------------------------------------------------------------------- */

struct zi_loaded_module; /* opaque: the dlopen handle and the checked descriptor */

/* Loads the scoring module at `path`. Before dlopen it checks that the file is an ELF shared object for
 * this machine whose headers and segments lie within the file (so a truncated or foreign file gets a clear
 * message instead of a crash); then dlopen(RTLD_NOW | RTLD_LOCAL), dlsym(ZI_MODULE_SYMBOL), and every
 * check of zi_module_validate, plus a check that each string, table and entry point of the descriptor lies
 * inside the loaded object. Returns a new handle, released with zi_module_unload, or NULL with a one-line
 * message in `err` (when err is not NULL). */
struct zi_loaded_module *zi_module_load(const char *path, char *err, size_t errlen);

/* The checked descriptor of a loaded module; valid until zi_module_unload. Never NULL. */
const struct zi_module *zi_loaded_module_get(const struct zi_loaded_module *lm);

/* Unloads the module (dlclose) and frees the handle; every pointer from zi_loaded_module_get dies with it.
 * Accepts NULL. */
void zi_module_unload(struct zi_loaded_module *lm);

/* ---- Signed modules (docs/runtime.md, "Signed modules") -------------------------------------------------
 * A signed module is its ELF image followed by a trailer of ZI_SIGNATURE_SIZE bytes: the signer's Ed25519
 * public key (32), the signature of the image (64), the image's length (8, little-endian), "ZISIG01\n". */
#define ZI_SIGNATURE_SIZE 112
#define ZI_PUBLIC_KEY_SIZE 32
#define ZI_KEY_ID_SIZE 17 /* 16 hex digits (the public key's first 8 bytes) and a NUL */

struct zi_keyring; /* opaque: the trusted public keys of a keys file */

/* Reads a trusted-keys file: lines "ed25519 <64 hex digits> [name]", blank lines and # comments allowed.
 * Returns a new keyring, released with zi_keyring_free, or NULL with a one-line message in `err`. */
struct zi_keyring *zi_keyring_load(const char *path, char *err, size_t errlen);
void zi_keyring_free(struct zi_keyring *k); /* accepts NULL */

/* zi_module_load, and before anything of the file is checked or loaded: the file must be signed by one of
 * the keys of `trusted` (when not NULL), and its signature must match its bytes; otherwise NULL with a
 * message saying which of the three it is (unsigned, signed by another key, altered after signing). Without
 * `trusted`, a signature present must still match. */
struct zi_loaded_module *zi_module_load_trusted(const char *path, const struct zi_keyring *trusted, char *err,
                                                size_t errlen);

/* Who signed the module, for people: "not signed", or "ed25519 key <16 hex digits> (NAME, trusted)" /
 * "(… not checked against trusted keys)". Valid until zi_module_unload. */
const char *zi_loaded_module_signer(const struct zi_loaded_module *lm);

/* A new key pair named `name` as two lines of text (the formats above): *secret_text for its owner only,
 * *public_text for everyone who must trust the modules. The caller frees both; -1 when out of memory. */
int zi_key_generate(const char *name, char **secret_text, char **public_text);

/* The trailer that signs the image [image, image+n) with the secret key of `secret_text` (a secret key
 * line). 0, or -1 with a message in `err` when the text is not a usable secret key. */
int zi_module_sign(const unsigned char *image, size_t n, const char *secret_text,
                   unsigned char trailer[ZI_SIGNATURE_SIZE], char *err, size_t errlen);

/* The short id of a public key: its first 8 bytes in hex. */
void zi_key_id(const unsigned char key[ZI_PUBLIC_KEY_SIZE], char id[ZI_KEY_ID_SIZE]);

/* Writes a readable description of a validated module — criteria, title, regulation, source file and its
 * SHA-256, compiler, checksum, counts of inputs, outputs, conditions and verdicts, and the verdicts — to
 * `out`. Returns 0, or -1 when writing failed. */
int zi_module_describe(const struct zi_module *m, FILE *out);

/* ---- Which score loop runs here (module ABI 5) -------------------------------------------------------
 * A module built by zic carries its score loop for several x86-64 levels (zi/module.h); the runtime runs the
 * best one this CPU supports. */

/* The ZI_CPU_* levels this CPU and its operating system support (CPUID and XGETBV); 0 on the x86-64 baseline
 * and on other architectures. Pure: the same value every call. */
uint32_t zi_cpu_levels(void);

/* The highest level among `levels` for people: "x86-64-v4 (AVX-512)", …, "baseline". A static string. */
const char *zi_cpu_level_name(uint32_t levels);

/* The index of the level of `m`'s score loop to run on this CPU: the one named `want` (e.g. "x86-64-v3"), or
 * when `want` is NULL the best the CPU supports. -1 with a one-line message in `err` when `want` names no
 * level of the module, when this CPU lacks what that level needs, or when it lacks what every level needs (a
 * module built with --cpu=native for another machine). A module without a table of levels has the one level
 * 0. */
int zi_module_pick_level(const struct zi_module *m, const char *want, char *err, size_t errlen);

/* Level `level`'s score_batch and name ("any" for a module without a table); level from
 * zi_module_pick_level. */
zi_score_batch_fn zi_module_level_entry(const struct zi_module *m, int level);
const char *zi_module_level_name(const struct zi_module *m, int level);

/* ---- Scoring data ------------------------------------------------------------------------------------ */

enum zi_data_format {
    ZI_DATA_AUTO = 0,     /* decided from the first bytes and the header (docs/runtime.md) */
    ZI_DATA_WIDE_CSV = 1, /* one row per unit, a unit id column and a column per input */
    ZI_DATA_LONG_CSV = 2, /* unit,item,answer rows in any order */
    ZI_DATA_JSON = 3,     /* {"units": [{"id": …, "answers": {…}}, …]} or a top-level array of units */
    ZI_DATA_JSON_LINES = 4, /* one unit object per line */
};

enum zi_report_format {
    ZI_REPORT_TABLE = 0, /* aligned columns for people */
    ZI_REPORT_CSV = 1,   /* unit,total,verdict,status, a column per group/view/let path, missing, errors */
    ZI_REPORT_JSON = 2,  /* every score, verdict and provenance, one unit per line */
    ZI_REPORT_XLSX = 3,  /* an Excel workbook written at zi_run_options.out_path (docs/runtime.md) */
    ZI_REPORT_HTML = 4, /* one self-contained page for people: index, charts, what to fix (docs/runtime.md) */
    ZI_REPORT_CSV_EXCEL = 5, /* the CSV report as Excel set to Indonesian reads it: ';', decimal comma, BOM */
};

/* The language of labels, messages and reports (--lang). ZI_LANG_AUTO is the criteria's own: Indonesian for
 * criteria that declare `language id`, English otherwise (docs/runtime.md, "Languages"). */
enum zi_lang {
    ZI_LANG_AUTO = 0,
    ZI_LANG_ID = 1, /* Bahasa Indonesia: labels, messages, decimal comma */
    ZI_LANG_EN = 2, /* English */
};

struct zi_run_options {
    enum zi_data_format data_format;
    enum zi_report_format report_format;
    int explain;         /* nonzero: say why each unit got its verdict and where it lost points */
    char separator;      /* CSV field separator; 0 detects ',', ';' or tab from the header line */
    uint32_t batch_size; /* units per call of the module; 0 means 256 */
    uint32_t
        max_messages; /* unit errors echoed to the diagnostics stream; 0 means 20 (all are in the report) */
    const char *out_name; /* the report's file name in messages; NULL or "-": standard output */
    const char *program;  /* the name the run's messages start with ("zic" for `zic run`); NULL: "zirun" */
    /* How to read a CSV header (docs/runtime.md, "The header"): */
    uint32_t header_row;       /* the header's row (1-based), for a file with title rows; 0 means row 1 */
    const char *id_column;     /* the unit column's header; NULL: a unit word, or the first other column */
    int allow_missing_columns; /* nonzero: an input with no column is scored as unanswered, not refused */
    const char *sheet;         /* an Excel workbook's sheet to read; NULL: the first (docs/runtime.md) */
    /* ZI_REPORT_XLSX: the file the workbook is written to (a file, not the `out` stream: zirun gives the
     * temporary file of zi/outfile.h's path mode); the run fails without it. */
    const char *out_path;
    enum zi_lang lang; /* --lang: ZI_LANG_AUTO follows the criteria */
    /* --gap: a verdict id of the criteria, or "next" (the verdict above each unit's); NULL: no gap. Each
     * unit below it gets the fewest answer changes that reach it (docs/runtime.md, "What to fix first"). */
    const char *gap;
    /* --period-column: the wide layout's column naming each row's period (`zirun progress`); each row is the
     * unit in that period, its id reported as "ID [PERIOD]" (docs/runtime.md, "Progress over time"). */
    const char *period_column;
    /* --cpu-level: the level of the module's score loop to run (zi_module_pick_level), e.g. "x86-64" to
     * compare levels; NULL: the best this CPU supports. */
    const char *cpu_level;
};

/* Fills `opt` with the defaults: auto-detected input, table report, no explanation, detected separator. */
void zi_run_options_init(struct zi_run_options *opt);

/* The options zirun and `zic run` share, as their --help lists them (26 columns for the names). */
#define ZI_RUN_OPTIONS_HELP                                                                                  \
    "  --format table|csv|json|xlsx|csv-excel|html\n"                                                        \
    "                          report format (default table; xlsx needs -o FILE.xlsx; csv-excel is CSV\n"    \
    "                          for Excel in Indonesian: ';' between fields, decimal comma, BOM; html is\n"   \
    "                          one page to read and print)\n"                                                \
    "  --explain               say why each unit got its verdict and where it lost points\n"                 \
    "  --input-format auto|wide|long|json|jsonl\n"                                                           \
    "                          how DATA is laid out (default: detected)\n"                                   \
    "  --separator ','|';'|tab CSV field separator (default: detected from the header)\n"                    \
    "  --header-row N          the CSV header is row N (rows above it are a title)\n"                        \
    "  --id-column NAME        the column that names the unit (default: unit, nama unit kerja, …)\n"       \
    "  --allow-missing-columns score inputs the file has no column for as unanswered\n"                      \
    "                          (default: refuse the file)\n"                                                 \
    "  --batch-size N          units per call of the module (default 256)\n"                                 \
    "  --sheet NAME            the sheet of an Excel workbook (.xlsx) to read (default: the first)\n"        \
    "  --lang id|en            language of the report and messages (default: the criteria's)\n"              \
    "  --gap VERDICT|next      for each unit below VERDICT (next: the one above its own), the fewest\n"      \
    "                          answer changes that reach it, re-scored (e.g. --gap WBK)\n"                   \
    "  --period-column NAME    the column naming each row's period: a row is a unit in a period\n"           \
    "  --cpu-level LEVEL       run the module's score loop for LEVEL (x86-64, x86-64-v3, …) rather than\n" \
    "                          the best this CPU supports (zirun --verify lists the module's levels)\n"

/* Nonzero when `arg` is one of the options of ZI_RUN_OPTIONS_HELP (its name alone, or name=value). */
int zi_run_option_known(const char *arg);

/* Parses argv[*i] into `opt` when it is one of the options of ZI_RUN_OPTIONS_HELP, its value given as
 * "--name=value" or as the next argument (then *i is advanced past it). Returns 1 when it was one, 0 when it
 * is not (the caller's own option, or an unknown one; nothing changed), -1 with a one-line message in `err`
 * ("--header-row takes a row number from 1 to 1000000, not 'x'") when its value is missing or wrong. Values
 * kept in `opt` (--id-column) point into argv. */
int zi_run_option_parse(struct zi_run_options *opt, int argc, char **argv, int *i, char *err, size_t errlen);

struct zi_run_stats {
    uint64_t units;  /* units read: every one of them is in the report */
    uint64_t scored; /* units that got a verdict */
    uint64_t
        with_errors; /* units reported with errors (unreadable data, broken rule, missing required item) */
    uint64_t with_missing; /* units with at least one missing answer */
    uint64_t warnings;     /* file-level warnings (unknown columns, items without a column, …) */
};

/* The exit codes of zirun, returned by zi_run. */
enum zi_run_status {
    ZI_RUN_OK = 0,          /* every unit scored without a data error */
    ZI_RUN_UNIT_ERRORS = 1, /* at least one unit was reported with errors; the others were scored */
    ZI_RUN_FAILED = 2,      /* the module was refused, or the input or output failed: the report is partial */
};

/* Reads every unit from `in` (named `in_name` in messages, e.g. "data.csv" or "<stdin>"), scores it with `m`
 * and streams the report to `out`, ending it with a summary (docs/runtime.md, "The last line"); a write to
 * `out` that fails stops the run at the end of that batch, with a message naming opt->out_name and the
 * reason; warnings, the first unit errors and fatal problems go to `diag` (may be
 * NULL to stay silent). Memory is the batch and fixed buffers, plus about 20 bytes per unit for the
 * duplicate-id check, plus, for a long-format CSV only, the answers of every unit, which must be grouped
 * before any unit is complete (docs/runtime.md). The module is validated first (zi_module_validate). `stats`
 * may be NULL. Reads `in` to its end or to the fatal error; never closes a stream. Returns an enum
 * zi_run_status. */
int zi_run(const struct zi_module *m, FILE *in, const char *in_name, FILE *out, FILE *diag,
           const struct zi_run_options *opt, struct zi_run_stats *stats);

#ifdef __cplusplus
}
#endif

#endif /* ZI_RUNTIME_H */
