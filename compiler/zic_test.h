/* zic_test.h — `zic test`: runs the cases of criteria tests files (docs/tools.md, "zic test"). */
#ifndef ZIC_TEST_H
#define ZIC_TEST_H

/* argv holds the arguments after `test`. Returns the exit status: 0 every case passed (and, with
 * --require-coverage, every condition was seen holding and failing), 1 a case failed or a tests file has
 * errors, 2 a usage or I/O problem. */
int zic_test_main(int argc, char **argv);

#endif
