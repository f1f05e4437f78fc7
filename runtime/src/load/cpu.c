/* cpu.c — which of a module's score loops this CPU runs (module ABI 5, zi/module.h).
 *
 * A module carries its score loop for several x86-64 levels; the best one the CPU supports is picked here,
 * once per run, by asking the CPU (CPUID) and the operating system (XGETBV: an OS that does not save the 256-
 * or 512-bit registers on a context switch makes them unusable even on a CPU that has them). Never by trying:
 * an instruction the CPU lacks kills the process (SIGILL) rather than failing, so a level is used only when
 * every feature of it, and of every level below, is present. Not IFUNC: a module calls nothing and resolves
 * nothing, and the loader refuses relocations it does not expect; the table in the descriptor is plain data.
 */
#include "zirt.h"

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <cpuid.h>

static int has(unsigned reg, unsigned bit)
{
    return (reg >> bit) & 1u;
}

/* The extended state the OS saves (XCR0); only read when CPUID says OSXSAVE, else XGETBV itself faults. */
static uint64_t xcr0(void)
{
    uint32_t lo, hi;
    __asm__ volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
    return (uint64_t)hi << 32 | lo;
}

uint32_t zi_cpu_levels(void)
{
    unsigned a, b, c1, d;
    if (!__get_cpuid(1, &a, &b, &c1, &d)) return 0;
    unsigned b7 = 0, c7 = 0, d7 = 0, ce = 0;
    /* The highest leaves: GCC's cpuid.h returns them unsigned, clang's as int. */
    unsigned max_leaf = (unsigned)__get_cpuid_max(0, NULL);
    unsigned max_extended = (unsigned)__get_cpuid_max(0x80000000u, NULL);
    if (max_leaf >= 7) __cpuid_count(7, 0, a, b7, c7, d7);
    if (max_extended >= 0x80000001u) __cpuid(0x80000001u, a, b, ce, d);
    uint32_t levels = 0;
    /* x86-64-v2: SSE3, SSSE3, SSE4.1, SSE4.2, POPCNT, CMPXCHG16B, LAHF/SAHF. */
    if (!(has(c1, 0) && has(c1, 9) && has(c1, 19) && has(c1, 20) && has(c1, 23) && has(c1, 13) && has(ce, 0)))
        return levels;
    levels |= ZI_CPU_X86_64_V2;
    /* x86-64-v3: AVX, AVX2, FMA, F16C, MOVBE, XSAVE, BMI1, BMI2, LZCNT — and the OS saves SSE and AVX state.
     */
    if (!(has(c1, 28) && has(b7, 5) && has(c1, 12) && has(c1, 29) && has(c1, 22) && has(c1, 26) &&
          has(b7, 3) && has(b7, 8) && has(ce, 5) && has(c1, 27)))
        return levels;
    uint64_t saved = xcr0();
    if ((saved & 0x6) != 0x6) return levels;
    levels |= ZI_CPU_X86_64_V3;
    /* x86-64-v4: AVX-512 F, DQ, CD, BW, VL — and the OS saves the mask registers and all 512-bit registers.
     */
    if (!(has(b7, 16) && has(b7, 17) && has(b7, 28) && has(b7, 30) && has(b7, 31))) return levels;
    if ((saved & 0xe0) != 0xe0) return levels;
    return levels | ZI_CPU_X86_64_V4;
}
#else
uint32_t zi_cpu_levels(void)
{
    return 0; /* not x86-64: a module of this architecture has one level, the baseline */
}
#endif

const char *zi_cpu_level_name(uint32_t levels)
{
    if (levels & ZI_CPU_X86_64_V4) return "x86-64-v4 (AVX-512)";
    if (levels & ZI_CPU_X86_64_V3) return "x86-64-v3 (AVX2)";
    if (levels & ZI_CPU_X86_64_V2) return "x86-64-v2 (SSE4.2)";
    return "baseline";
}

int zi_module_pick_level_for(const struct zi_module *m, const char *want, uint32_t cpu, char *err,
                             size_t errlen)
{
    if (m->n_score_levels == 0) {
        if (!want) return 0;
        snprintf(err, errlen, "the module has one score loop, for any CPU: no level '%s' to choose", want);
        return -1;
    }
    if (want) {
        for (uint32_t k = 0; k < m->n_score_levels; k++) {
            const struct zi_score_level *l = &m->score_levels[k];
            if (strcmp(l->name, want) != 0) continue;
            if ((l->requires & ~cpu) == 0) return (int)k;
            snprintf(err, errlen, "the module's level %s needs %s, which this CPU (%s) does not have", want,
                     zi_cpu_level_name(l->requires & ~cpu), zi_cpu_level_name(cpu));
            return -1;
        }
        size_t n = (size_t)snprintf(err, errlen, "the module has no level '%s' (it has", want);
        for (uint32_t k = 0; k < m->n_score_levels && n < errlen; k++)
            n += (size_t)snprintf(err + n, errlen - n, "%s %s", k ? "," : "", m->score_levels[k].name);
        if (n < errlen) snprintf(err + n, errlen - n, ")");
        return -1;
    }
    int best = -1;
    for (uint32_t k = 0; k < m->n_score_levels; k++)
        if ((m->score_levels[k].requires & ~cpu) == 0) best = (int)k;
    if (best >= 0) return best;
    /* Only a module built with --cpu=native on another machine gets here: it has no baseline. */
    snprintf(
        err, errlen,
        "the module was built for another CPU (%s, with zic build --cpu=native) and needs %s, which this "
        "CPU (%s) does not have: rebuild it without --cpu=native",
        m->score_levels[0].name, zi_cpu_level_name(m->score_levels[0].requires & ~cpu),
        zi_cpu_level_name(cpu));
    return -1;
}

int zi_module_pick_level(const struct zi_module *m, const char *want, char *err, size_t errlen)
{
    return zi_module_pick_level_for(m, want, zi_cpu_levels(), err, errlen);
}

zi_score_batch_fn zi_module_level_entry(const struct zi_module *m, int level)
{
    return m->n_score_levels ? m->score_levels[level].score_batch : m->score_batch;
}

const char *zi_module_level_name(const struct zi_module *m, int level)
{
    return m->n_score_levels ? m->score_levels[level].name : "any";
}
