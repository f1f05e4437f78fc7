/* zic_diff.h — `zic diff OLD.zi NEW.zi [--data UNITS]`: what changed between two rule sets, and whom it
 * affects (docs/tools.md, "zic diff"). */
#ifndef ZIC_DIFF_H
#define ZIC_DIFF_H

/* Runs the command on its arguments (those after "diff"). Returns the exit status: 0 the rules are
 * identical, 1 they differ, 2 trouble (usage, I/O, a criteria file with errors, data no side can read). */
int zic_diff_main(int argc, char **argv);

#endif
