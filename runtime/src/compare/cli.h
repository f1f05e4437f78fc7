/* cli.h — `zirun compare …` and `zirun progress …` (cli.c), dispatched from zirun.c. argv[0] is the
 * sub-command's name; each returns zirun's exit status (0 every unit scored, 1 some unit had errors in some
 * file, 2 usage, input/output or module problem). */
#ifndef ZI_COMPARE_CLI_H
#define ZI_COMPARE_CLI_H

int zi_compare_main(int argc, char **argv);
int zi_progress_main(int argc, char **argv);

#endif /* ZI_COMPARE_CLI_H */
