/* zic_lsp.h — `zic lsp`: the language server for editors (compiler/lsp.h). */
#ifndef ZIC_LSP_H
#define ZIC_LSP_H

/* Runs `zic lsp [--stdio]` (argv after the command name). Returns the exit status: 0 after a clean
 * shutdown, 1 when the client left without one, 2 for a usage error. */
int zic_lsp_main(int argc, char **argv);

#endif /* ZIC_LSP_H */
