/* zic_doc.h — `zic doc`: the rule set as a document to review and sign (compiler/doc.h). */
#ifndef ZIC_DOC_H
#define ZIC_DOC_H

/* Runs `zic doc` with the arguments after the command's name. Returns the exit status: 0, 1 errors in the
 * criteria, 2 usage or I/O. */
int zic_doc_main(int argc, char **argv);

#endif /* ZIC_DOC_H */
