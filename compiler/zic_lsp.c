/* zic_lsp.c — `zic lsp`: serves the Language Server Protocol on standard input and output until the editor
 * says exit (compiler/lsp.c). Nothing else is written to standard output: it carries the protocol. */
#include "zic_lsp.h"

#include <stdio.h>
#include <string.h>

#include "lsp.h"

static const char help[] =
    "usage: zic lsp [--stdio]\n"
    "\n"
    "Serves the Language Server Protocol (3.17) on standard input and output, for editors: diagnostics as\n"
    "you type (the messages and fixes of 'zic check'), hover, go to definition, completion and formatting\n"
    "of .zi files. An editor starts it; see editors/README.md. --stdio is accepted for clients that pass "
    "it.\n"
    "\n"
    "exit status: 0 after the editor's shutdown and exit, 1 when the input ended without them, 2 usage.\n";

int zic_lsp_main(int argc, char **argv)
{
    for (int i = 0; i < argc; i++) {
        if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) {
            fputs(help, stdout);
            return 0;
        }
        if (strcmp(argv[i], "--stdio") != 0) {
            fprintf(stderr, "zic: error: 'zic lsp' takes no %s '%s'\nTry 'zic lsp --help'.\n",
                    argv[i][0] == '-' ? "option" : "argument", argv[i]);
            return 2;
        }
    }
    return zi_lsp_serve(stdin, stdout);
}
