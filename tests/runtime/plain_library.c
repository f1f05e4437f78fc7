/* plain_library.c — an ordinary shared object with no zi_scoring_module: the loader must refuse it by name.
 */
int plain_library_answer(void);

int plain_library_answer(void)
{
    return 42;
}
