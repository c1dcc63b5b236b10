"""A longer fuzzing campaign than CI runs, with the number of examples each target ran.

    python scripts/fuzz.py [--examples 1000]

Runs the hypothesis tests (tests/test_fuzz.py, tests/test_fuzz_extract.py,
tests/test_export_roundtrip.py, and the chunking test of tests/test_limits.py) with
IGKG_FUZZ_EXAMPLES set, and prints, per target, the examples that passed and failed (from
hypothesis's statistics). Exit code 1 when any failed. CI runs the same tests with 150.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MODULES = ["tests/test_fuzz.py", "tests/test_fuzz_extract.py", "tests/test_export_roundtrip.py",
           "tests/test_limits.py::test_random_turtle_pieces_are_judged_the_same_whole_and_in_chunks"]
_BLOCK = re.compile(r"^(tests/\S+):\s*$")
_COUNT = re.compile(r"(\d+) passing, (\d+) failing")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--examples", type=int, default=1000)
    args = parser.parse_args()
    env = {**os.environ, "IGKG_FUZZ_EXAMPLES": str(args.examples), "PYTHONPATH": str(ROOT / "src")}
    done = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                           "--hypothesis-show-statistics", *MODULES], cwd=ROOT, env=env,
                          capture_output=True, text=True, check=False)
    totals: dict[str, list[int]] = {}
    current = None
    for line in done.stdout.splitlines():
        block = _BLOCK.match(line)
        if block:
            current = block.group(1)
            totals.setdefault(current, [0, 0])
        count = _COUNT.search(line)
        if count and current:
            totals[current][0] += int(count.group(1))
            totals[current][1] += int(count.group(2))
    width = max((len(name) for name in totals), default=10)
    for name, (passed, failed) in totals.items():
        print(f"{name:<{width}}  {passed:>7} passed  {failed:>4} failed")
    print(f"{'total':<{width}}  {sum(p for p, _ in totals.values()):>7} passed  "
          f"{sum(f for _, f in totals.values()):>4} failed")
    print(done.stdout.strip().splitlines()[-1] if done.stdout.strip() else done.stderr[-2000:])
    return 0 if done.returncode == 0 else 1


if __name__ == "__main__":
    raise SystemExit(main())
