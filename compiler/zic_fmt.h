/* zic_fmt.h — `zic fmt`: rewrite criteria files in the canonical layout (compiler/format.h). */
#ifndef ZIC_FMT_H
#define ZIC_FMT_H

/* Runs `zic fmt` with the arguments after the command's name. Returns the exit status: 0 every file is
 * formatted (or, with --check or --diff, already was), 1 a file has syntax errors (never formatted) or would
 * change, 2 a usage or I/O problem. */
int zic_fmt_main(int argc, char **argv);

#endif
