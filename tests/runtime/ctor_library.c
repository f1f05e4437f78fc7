/* ctor_library.c — a shared object with a constructor: dlopen would run it before zirun could look at the
 * file, so the loader must refuse the file before opening it (elfcheck.c). The constructor writes to stderr
 * through a raw system call (the library links no libc), so a test sees it if it ever runs. */
#include <unistd.h>

__attribute__((constructor)) static void ran_at_load(void)
{
    static const char said[] = "ctor_library: constructor ran\n";
    write(2, said, sizeof said - 1);
}

int zi_scoring_module;
