/* ifunc_library.c — a shared object with an indirect function (GNU IFUNC): while relocating it, dlopen calls
 * the function's resolver — code of the file — before zirun could look at the descriptor, so the loader must
 * refuse the file before opening it (elfcheck.c). The resolver writes to stderr through a raw system call
 * (the library links no libc), so a test sees it if it ever runs. */
#include <unistd.h>

static int chosen(void)
{
    return 1;
}

typedef int scorer(void);

static scorer *resolve(void)
{
    static const char said[] = "ifunc_library: resolver ran\n";
    write(2, said, sizeof said - 1);
    return chosen;
}

/* Exported, a reference to it is a relocation against an IFUNC symbol; built with ZI_LOCAL_IFUNC, hidden, it
 * becomes an IRELATIVE relocation: elfcheck.c looks for both. */
#ifdef ZI_LOCAL_IFUNC
__attribute__((visibility("hidden")))
#endif
int scored(void) __attribute__((ifunc("resolve")));

/* A reference to the indirect function, which the linker turns into a relocation that calls the resolver. */
int (*const zi_scored)(void) = scored;

int zi_scoring_module;
