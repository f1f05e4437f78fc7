/* zic_doc.c — `zic doc FILE.zi [--format md|html|json] [--lang id|en] [-o OUT]`: reads a criteria that must
 * check clean, lowers it, and writes the document (doc.h) through zi/outfile.h, never over the criteria. */
#include "zic_doc.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "doc.h"
#include "zi/outfile.h"
#include "zic_common.h"

static const char help[] =
    "usage: zic doc [OPTIONS] FILE.zi\n"
    "\n"
    "Writes the rule set as a document to review and sign, as the regulation's annex shows it: the weights\n"
    "of the components, areas and sub-areas, every item with its answers and points, the predicates and the\n"
    "prerequisites in plain words, the facts asked, and the provenance (each file's SHA-256).\n"
    "\n"
    "options:\n"
    "  --format md|html|json   Markdown (default); one self-contained HTML page (print it on A4); or the\n"
    "                          model's numbers as JSON, for tools\n"
    "  --lang id|en            the document's language (default: the criteria's 'language', else\n"
    "                          Indonesian)\n"
    "  -o FILE                 write the document to FILE (default: standard output)\n"
    "  -Werror                 treat warnings as errors\n"
    "  --color=auto|always|never\n"
    "                          colour diagnostics (auto: only on a terminal, never with NO_COLOR)\n"
    "  -h, --help              show this help\n"
    "\n"
    "exit status: 0 written, 1 errors in the criteria, 2 usage or I/O problem.\n";

struct options {
    enum zi_doc_format format;
    enum zi_lang lang;
    const char *output, *file;
    struct zi_frontend_options frontend;
    int colour;
};

/* The value of `name` (`--name VALUE` or `--name=VALUE`) at argv[*i], or NULL when argv[*i] is not that
 * option; "" when the value is missing. */
static const char *value_of(const char *name, int argc, char **argv, int *i)
{
    size_t n = strlen(name);
    if (strncmp(argv[*i], name, n) != 0) return NULL;
    if (argv[*i][n] == '=') return argv[*i] + n + 1;
    if (argv[*i][n] != '\0') return NULL;
    return *i + 1 < argc ? argv[++*i] : "";
}

static int usage_error(const char *message, const char *arg)
{
    fprintf(stderr, "zic: error: ");
    fprintf(stderr, message, arg);
    fprintf(stderr, "\nTry 'zic doc --help'.\n");
    return ZIC_EXIT_USAGE;
}

static int parse(struct options *o, int argc, char **argv)
{
    o->format = ZI_DOC_MARKDOWN;
    o->lang = ZI_LANG_AUTO;
    o->frontend.error_limit = 50;
    o->colour = -1;
    for (int i = 0; i < argc; i++) {
        const char *arg = argv[i], *v;
        if ((v = value_of("--format", argc, argv, &i))) {
            if (strcmp(v, "md") == 0 || strcmp(v, "markdown") == 0)
                o->format = ZI_DOC_MARKDOWN;
            else if (strcmp(v, "html") == 0)
                o->format = ZI_DOC_HTML;
            else if (strcmp(v, "json") == 0)
                o->format = ZI_DOC_JSON;
            else
                return usage_error("--format takes md, html or json, not '%s'", v);
        } else if ((v = value_of("--lang", argc, argv, &i))) {
            if (strcmp(v, "id") == 0)
                o->lang = ZI_LANG_ID;
            else if (strcmp(v, "en") == 0)
                o->lang = ZI_LANG_EN;
            else
                return usage_error("--lang takes id or en, not '%s'", v);
        } else if (strcmp(arg, "-o") == 0) {
            if (i + 1 == argc) return usage_error("'%s' needs a file name", arg);
            o->output = argv[++i];
        } else if (strcmp(arg, "-Werror") == 0) {
            o->frontend.werror = true;
        } else if ((v = value_of("--color", argc, argv, &i)) || (v = value_of("--colour", argc, argv, &i))) {
            if (strcmp(v, "auto") == 0 || strcmp(v, "always") == 0 || strcmp(v, "never") == 0)
                o->colour = v[0] == 'a' ? (v[1] == 'u' ? -1 : 1) : 0;
            else
                return usage_error("--color takes auto, always or never, not '%s'", v);
        } else if (arg[0] == '-' && arg[1] != '\0') {
            return usage_error("'zic doc' takes no option '%s'", arg);
        } else if (o->file) {
            return usage_error("give one criteria file, not also '%s'", arg);
        } else {
            o->file = arg;
        }
    }
    if (!o->file) return usage_error("no input file%s", "");
    return 0;
}

int zic_doc_main(int argc, char **argv)
{
    for (int i = 0; i < argc; i++)
        if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) {
            fputs(help, stdout);
            return 0;
        }
    struct options o = {0};
    int status = parse(&o, argc, argv);
    if (status) return status;
    struct zi_compilation c;
    status = zic_open_clean(&c, o.file, &o.frontend, o.colour);
    if (status) return status;
    struct zi_model *model = zi_model_lower(c.criteria, &c.source, zic_compiler_version(), &c.arena);
    /* Never over the criteria or a file it extends. */
    const char *reads[ZI_SOURCE_MAX_FILES], *what[ZI_SOURCE_MAX_FILES];
    for (size_t k = 0; k < c.source.n_files; k++) {
        reads[k] = c.source.files[k].name;
        what[k] = k ? "a file the criteria extends" : "the criteria file";
    }
    struct zi_outfile out;
    char err[1024];
    if (zi_outfile_open(&out, o.output, ZI_OUTFILE_STREAM, reads, what, c.source.n_files, err, sizeof err) !=
        0) {
        fprintf(stderr, "zic: error: %s\n", err);
        status = ZIC_EXIT_USAGE;
    } else {
        /* The criteria's own language unless --lang says otherwise; Indonesian when it declares none: the
         * rules are the regulation's, and the regulation is Indonesian. */
        enum zi_lang lang = o.lang != ZI_LANG_AUTO                   ? o.lang
                            : c.criteria->language == ZI_LANGUAGE_EN ? ZI_LANG_EN
                                                                     : ZI_LANG_ID;
        struct zi_doc_input in = {c.criteria, &model->descriptor, &c.source, lang, &c.arena};
        if (zi_doc_write(&in, o.format, out.f) != 0) {
            fprintf(stderr, "zic: error: cannot write '%s': %s\n", out.name, strerror(errno));
            zi_outfile_abort(&out);
            status = ZIC_EXIT_USAGE;
        } else if (zi_outfile_commit(&out, err, sizeof err) != 0) {
            fprintf(stderr, "zic: error: %s\n", err);
            status = ZIC_EXIT_USAGE;
        }
    }
    zi_compilation_free(&c);
    return status;
}
