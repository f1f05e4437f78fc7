/* zic_sign.c — `zic keygen` and `zic build --sign`: reading and writing the key files and the signed module.
 * The formats and the cryptography are libzirt's (runtime/src/load/sign.c), so that what zic writes is what
 * zirun reads; files are written through zi/outfile.h like every other output of zic. */
#include "zic_sign.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "zi/outfile.h"
#include "zi/runtime.h"

/* The file's first line (a key file is one line); NULL with a message. Owned by the caller. */
static char *read_line(const char *path, char *err, size_t errlen)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        snprintf(err, errlen, "cannot read the key '%s': %s", path, strerror(errno));
        return NULL;
    }
    char *line = malloc(1024);
    if (line && !fgets(line, 1024, f)) line[0] = '\0';
    fclose(f);
    if (!line) snprintf(err, errlen, "out of memory");
    return line;
}

static int write_text(const char *path, int mode, const char *text, const char *const *inputs,
                      size_t n_inputs, char *err, size_t errlen)
{
    static const char *const what[] = {"the secret key"};
    struct zi_outfile o;
    if (zi_outfile_open(&o, path, ZI_OUTFILE_STREAM | mode, inputs, what, n_inputs, err, errlen) != 0)
        return -1;
    if (fputs(text, o.f) == EOF) {
        int e = errno;
        zi_outfile_abort(&o);
        snprintf(err, errlen, "cannot write '%s': %s", path, strerror(e));
        return -1;
    }
    return zi_outfile_commit(&o, err, errlen);
}

int zic_keygen(const char *keyfile)
{
    const char *base = strrchr(keyfile, '/');
    base = base ? base + 1 : keyfile;
    size_t n = strlen(keyfile) + sizeof ".pub";
    char *pub = malloc(n), *secret_text = NULL, *public_text = NULL, err[1024];
    int status = 2;
    if (!pub || zi_key_generate(base, &secret_text, &public_text) != 0) {
        fprintf(stderr, "zic: error: cannot make a key pair: out of memory\n");
    } else {
        snprintf(pub, n, "%s.pub", keyfile);
        const char *inputs[] = {keyfile};
        if (write_text(keyfile, ZI_OUTFILE_SECRET, secret_text, NULL, 0, err, sizeof err) != 0) {
            fprintf(stderr, "zic: error: %s\n", err);
        } else if (write_text(pub, 0, public_text, inputs, 1, err, sizeof err) != 0) {
            fprintf(stderr, "zic: error: %s\n", err);
            remove(keyfile); /* half a key pair is no use: the next keygen may take the same name */
        } else {
            fprintf(
                stderr,
                "zic: wrote the secret key '%s' (keep it to yourself: it signs modules) and the public key "
                "'%s' (give it to whoever runs them: zirun --trust %s)\n",
                keyfile, pub, pub);
            status = 0;
        }
    }
    if (secret_text) memset(secret_text, 0, strlen(secret_text));
    free(secret_text);
    free(public_text);
    free(pub);
    return status;
}

int zic_sign_module(const char *module_path, const char *keyfile, char *err, size_t errlen)
{
    char *key = read_line(keyfile, err, errlen);
    if (!key) return -1;
    FILE *f = fopen(module_path, "r+b");
    unsigned char *image = NULL;
    long size = -1;
    if (f && fseek(f, 0, SEEK_END) == 0 && (size = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0)
        image = malloc((size_t)size + 1);
    int status = -1;
    unsigned char trailer[ZI_SIGNATURE_SIZE];
    char why[300];
    if (!image || fread(image, 1, (size_t)size, f) != (size_t)size) {
        snprintf(err, errlen, "cannot read the module '%s' to sign it: %s", module_path,
                 errno ? strerror(errno) : "short read");
    } else if (zi_module_sign(image, (size_t)size, key, trailer, why, sizeof why) != 0) {
        snprintf(err, errlen, "cannot sign with '%s': %s", keyfile, why);
    } else if (fseek(f, 0, SEEK_END) != 0 || fwrite(trailer, 1, sizeof trailer, f) != sizeof trailer ||
               fflush(f) != 0) {
        snprintf(err, errlen, "cannot write the signature to '%s': %s", module_path, strerror(errno));
    } else {
        status = 0;
    }
    if (f && fclose(f) != 0 && status == 0) {
        snprintf(err, errlen, "cannot write the signature to '%s': %s", module_path, strerror(errno));
        status = -1;
    }
    free(image);
    memset(key, 0, strlen(key));
    free(key);
    return status;
}
