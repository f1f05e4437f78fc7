#!/usr/bin/env python3
"""mutate_thresholds.py ZIC ROOT — the bundled criteria's tests catch a threshold typed wrong by one digit.

For every criteria file ROOT/criteria/NAME.zi that has tests (NAME.zt beside it), every number written in a
verdict's conditions or a prerequisites block (for a rule set that `extends` another: in the conditions it adds
or puts in with `replace … with`) is mutated, one at a time, in a copy of criteria/, and `zic test` must then
fail on some case.

The mutation operator, the same for every number: its last significant digit (the last digit that is not a
trailing zero) goes up by one and, as a second mutant, down by one — 75 → 76 and 74, 3.60 → 3.70 and 3.50,
18.25 → 18.26 and 18.24, 40 → 50 and 30, 100% → 200% and 0%. A number whose lower mutant would be negative
gets only the upper one.

A mutant is
  killed     when `zic test` reports a case FAIL that was scored (a case its lines could not resolve, because the
             mutant changed a condition's text, does not count),
  refused    when the mutated criteria no longer compile (zic's checks catch it; counted apart, not as killed),
  equivalent when it is listed in EQUIVALENT below with the reason no unit can tell it from the original,
  survived   otherwise: the run fails.
A listed equivalent mutant that a test kills is reported too (the list is stale), and fails the run.

ZI_TEST_EXEC wraps every zic call (valgrind in scripts/test.sh). With ZI_TEST_SCALE=k > 1 (the sanitizer and
valgrind passes) only every k-th mutant is run, and the files' own tests are not run first (tests/ztest does):
those passes look for memory errors, not for weak tests.
Prints one line per mutant and "killed K of N mutants …"; exit 0 when none survived, 1 otherwise.
"""
import decimal
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile

# (file, the line as written — stripped —, the mutated number): why no unit can tell the mutant apart.
EQUIVALENT = {
    ("lke-zi-2021.zi", "hasil.bersih >= 19.5", "19.4"):
        "WBBM also requires IPAK >= 3.60 (15.75) and capaian >= 3.75, so B.I is at least 19.5 on every unit "
        "that meets the other conditions",
    ("lke-zi-2021.zi", "hasil.bersih >= 18.25", "18.24"):
        "WBK also requires IPAK >= 3.60 (15.75) and capaian >= 2.5: B.I is at least 18.25",
    ("lke-zi-2021.zi", "hasil.bersih.capaian >= 3.75", "3.74"):
        "capaian is an answer A–E scoring 5, 3.75, 2.5, 1.25 or 0: nothing lies in [3.74, 3.75)",
    ("lke-zi-2021.zi", "hasil.bersih.capaian >= 2.5", "2.4"):
        "capaian scores 5, 3.75, 2.5, 1.25 or 0: nothing lies in [2.4, 2.5)",
    ("lke-zi-2021-bersih-wbk.zi", "replace hasil.bersih >= 19.5 with hasil.bersih >= 18.25", "18.24"):
        "WBBM here also requires IPAK >= 3.60 and capaian >= 2.5: B.I is at least 18.25",
    ("lke-zi-2021-bersih-wbk.zi", "replace hasil.bersih.capaian >= 3.75 with hasil.bersih.capaian >= 2.5", "2.4"):
        "capaian scores 5, 3.75, 2.5, 1.25 or 0: nothing lies in [2.4, 2.5)",
}

NUMBER = re.compile(r"(?<![\w.])(\d+(?:\.\d+)?)")
STRING = re.compile(r'"(?:[^"\\]|\\.)*"')
BLOCK = re.compile(r"^\s*(?:verdict|prerequisites|in verdict|in prerequisites)\b.*\{\s*(?://.*)?$")


def mutants_of(text):
    """The two mutants of a number as written: (up, down), down None when it would be negative."""
    digits = text.replace(".", "")
    last = max(i for i, ch in enumerate(digits) if ch != "0") if digits.strip("0") else len(digits) - 1
    decimals = len(text.split(".")[1]) if "." in text else 0
    place = decimal.Decimal(1).scaleb(len(digits) - 1 - last - decimals)
    value = decimal.Decimal(text)
    fmt = lambda d: f"{d:.{decimals}f}"
    return fmt(value + place), (fmt(value - place) if value - place >= 0 else None)


def sites(path):
    """(line index, the line, start, end of the number) for every threshold number of the file."""
    out = []
    depth = 0
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    for i, line in enumerate(lines):
        # Strings blanked (a prerequisite's name may hold digits), comments cut.
        code = STRING.sub(lambda m: " " * len(m.group(0)), line).split("//")[0]
        stripped = code.strip()
        if depth == 0:
            depth = 1 if BLOCK.match(code) else 0
            continue
        if stripped.startswith("}"):
            depth = 0
            continue
        if not stripped or stripped.startswith("remove "):
            continue
        # Only what the line puts in: the part after `with` of a replace.
        start = code.index(" with ") + 6 if stripped.startswith("replace ") and " with " in code else 0
        for m in NUMBER.finditer(code, start):
            out.append((i, lines, m.start(1), m.end(1)))
    return out


def run_tests(zic, criteria):
    cmd = shlex.split(os.environ.get("ZI_TEST_EXEC", "")) + [zic, "test", criteria]
    p = subprocess.run(cmd, capture_output=True, text=True)
    failed = [line[5:] for line in p.stdout.splitlines()
              if line.startswith("FAIL ") and not line.endswith("above)")]
    return p.returncode, failed, p.stderr


def main():
    if len(sys.argv) != 3:
        print("usage: mutate_thresholds.py ZIC ROOT", file=sys.stderr)
        return 2
    zic, root = os.path.abspath(sys.argv[1]), sys.argv[2]
    scale = max(1, int(os.environ.get("ZI_TEST_SCALE", "1") or 1))
    src = os.path.join(root, "criteria")
    tmp = tempfile.mkdtemp(prefix="zi-mutants-")
    total = killed = refused = equivalent = 0
    bad = []
    try:
        work = os.path.join(tmp, "criteria")
        shutil.copytree(src, work)
        for name in sorted(os.listdir(src)):
            if not name.endswith(".zi") or not os.path.exists(os.path.join(src, name[:-3] + ".zt")):
                continue
            target = os.path.join(work, name)
            # The file's own tests must pass first (under a scale above 1, ztest_bundled_* has checked that).
            status, failed, said = run_tests(zic, target) if scale == 1 else (0, [], "")
            if status != 0:
                bad.append(f"{name}: its own tests do not pass (exit {status}):\n{said}")
                continue
            for index, (i, lines, a, b) in enumerate(sites(os.path.join(src, name))):
                number = lines[i][a:b]
                for mutant in mutants_of(number):
                    if mutant is None:
                        continue
                    total += 1
                    if (total - 1) % scale:
                        continue
                    key = (name, lines[i].split("//")[0].strip(), mutant)
                    changed = lines[:i] + [lines[i][:a] + mutant + lines[i][b:]] + lines[i + 1:]
                    with open(target, "w", encoding="utf-8") as f:
                        f.write("\n".join(changed))
                    status, failed, said = run_tests(zic, target)
                    where = f"{name}:{i + 1}: {key[1]}: {number} -> {mutant}"
                    if status not in (0, 1):  # a crash, or valgrind's error exit under ZI_TEST_EXEC
                        print(f"BROKEN     {where}: zic exited {status}")
                        bad.append(f"{where}: zic exited {status}:\n{said}")
                    elif failed:
                        killed += 1
                        print(f"killed     {where} (case '{failed[0]}')")
                        if key in EQUIVALENT:
                            bad.append(f"{where}: listed as equivalent but killed: remove it from EQUIVALENT")
                    elif status == 1 and "error:" in said and "zt:" not in said:
                        refused += 1
                        print(f"refused    {where} (the criteria no longer compile)")
                    elif key in EQUIVALENT:
                        equivalent += 1
                        print(f"equivalent {where}: {EQUIVALENT[key]}")
                    else:
                        print(f"SURVIVED   {where}")
                        bad.append(f"{where}: no case fails")
            shutil.copy(os.path.join(src, name), target)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    run = killed + refused + equivalent + sum(1 for b in bad if "no case fails" in b)
    note = f" (every {scale}th of {total})" if scale > 1 else ""
    print(f"killed {killed} of {run} mutants{note}; {refused} refused by zic's checks, {equivalent} equivalent "
          f"(listed with the reason)")
    for b in bad:
        print(f"FAIL: {b}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
