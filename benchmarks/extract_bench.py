"""How fast `igkg extract` is on a large generated document (the targets: at least 2,000
recommendations per second, linear in the input, a 5 MB text in at most 10 s and 500 MB), and
what the one-regex lexicon saves against matching every label separately.

    python benchmarks/extract_bench.py                 # 1,000 recommendations
    python benchmarks/extract_bench.py --bullets 5000
    python benchmarks/extract_bench.py --scaling       # 1, 2, 4, 8 thousand and a 5 MB text, each in a fresh process
    python benchmarks/extract_bench.py --scaling --baseline /tmp/old/src   # side by side with another checkout
    python benchmarks/extract_bench.py --rdf --baseline /tmp/old/src       # extract + RDF + Turtle, 1k-10k

The document is generated (deterministically) from bullet templates in the genre of the seed,
with organizations, stakeholder groups and paragraph references in every form drawn at random
from the bundled graph. Prints times; not a test (numbers vary on shared machines).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import igkg
from igkg.extractor.lexicon import build_lexicon, normalise_label
from igkg.extractor.pipeline import extract_document
from igkg.extractor.reading import for_matching, read_source

AGENTS = [
    "the IGF",
    "all governments",
    "the private sector",
    "civil society",
    "the ITU",
    "UNESCO",
    "ICANN",
    "the technical community",
    "intergovernmental organizations",
    "the MAG",
    "the IGF Secretariat",
    "those making public policy",
    "all stakeholders",
    "the Secretary-General",
    "the CSTD",
]
VERBS = ["Encourages", "Invites", "Urges", "Requests", "Calls upon", "Recommends", "Congratulates"]
NOTING = ["Acknowledges", "Notes", "Welcomes", "Reaffirms", "Takes note of", "Recognizes", "Affirms"]
REFERENCES = [
    "paragraph {p} of the Tunis Agenda",
    "Tunis Agenda paragraphs {p} through {q}",
    "paras {p} and {q}",
    "paragraphs {p} to {q} of the Tunis Agenda",
    "Tunis Agenda {p}–{q}",
    "para 72(g)",
    "paragraph 49 of the Geneva Declaration of Principles",
    "A/RES/70/125, paragraph 64",
    "the Tunis Agenda",
    "the recommendations of the CSTD WG on IGF Improvements",
]
TEMPLATES = [
    "{verb} {agent} to take part in Enhanced Cooperation as intended in {ref};",
    "{noting} that {agent2} contributed to the work of the IGF, in line with {ref}, and {verb2} {agent} to "
    "report on it;",
    "{verb} {agent} and {agent2} to engage more fully in the IGF and to bring their questions to it;",
    "{noting} the stakeholder roles that were defined by governments in the Tunis Agenda;",
    "Congratulates {agent} for its work in meeting its Tunis Agenda defined role;",
    "{noting} the efforts of {agent} to make public policy in light of {ref}.",
]


def generate(bullets: int, seed: int = 7) -> str:
    rng = random.Random(seed)
    lines = ["A generated set of recommendations", "", "(Generated for the extraction benchmark.)", ""]
    for n in range(1, bullets + 1):
        p = rng.randint(29, 80)
        ref = rng.choice(REFERENCES).format(p=p, q=p + rng.randint(1, 4))
        text = rng.choice(TEMPLATES).format(
            verb=rng.choice(VERBS),
            verb2=rng.choice(VERBS).lower(),
            noting=rng.choice(NOTING),
            agent=rng.choice(AGENTS),
            agent2=rng.choice(AGENTS),
            ref=ref,
        )
        if n % 10 == 0:
            lines += ["", f"## Section {n // 10}", ""]
        # wrap long bullets over two lines, as drafts often are
        cut = text.find(" ", 60)
        lines += [f"{n}. {text[:cut]}", f"   {text[cut + 1 :]}"] if cut > 0 else [f"{n}. {text}"]
    return "\n".join(lines) + "\n"


def timed(label: str, action):  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    result = action()
    print(f"{label:<52} {time.perf_counter() - start:8.3f} s")
    return result


def naive_mentions(texts: list[str], lexicon) -> int:  # type: ignore[no-untyped-def]
    """The plain way: one regular expression per label, searched in every bullet."""
    labels = [*lexicon.agents.folded, *lexicon.agents.exact]
    patterns = [re.compile(r"(?<!\w)" + re.escape(label) + r"(?!\w)", re.IGNORECASE) for label in labels]
    return sum(1 for text in texts for pattern in patterns if pattern.search(text))


_ONE_RUN = """
import json, resource, sys, tempfile, time
from pathlib import Path
sys.path.insert(0, sys.argv[3])
import igkg
from extract_bench import generate
bullets = int(sys.argv[1])
text = generate(bullets)
path = Path(tempfile.mkdtemp()) / "generated.txt"
path.write_text(text, encoding="utf-8")
kg = igkg.load()
igkg.extract(text="T\\n\\n- Encourages the IGF to act.\\n", graph=kg)  # lexicon and regexes built
start, cpu_start = time.perf_counter(), time.process_time()
document = igkg.extract(path, graph=kg)
extracted, cpu_extracted = time.perf_counter() - start, time.process_time() - cpu_start
if sys.argv[2] == "ttl":
    output = document.serialize("ttl")
else:
    output = document.to_json().encode()
total, cpu_total = time.perf_counter() - start, time.process_time() - cpu_start
print(json.dumps({"bullets": bullets, "mb": len(text.encode()) / 1e6, "units": len(document.recommendations),
                  "extract": extracted, "total": total, "output_mb": len(output) / 1e6,
                  "cpu_extract": cpu_extracted, "cpu_total": cpu_total,
                  "rss": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def _one_run(bullets: int, src: str | None, output: str = "json") -> dict[str, float]:
    """One measurement in a fresh process (peak memory is per process); ``src`` another checkout;
    ``output`` "json" or "ttl" (what is written after the extraction)."""
    env = dict(os.environ)
    if src:
        env["PYTHONPATH"] = src
    here = str(Path(__file__).resolve().parent)
    command = [sys.executable, "-c", _ONE_RUN, str(bullets), output, here]
    out = subprocess.run(command, env=env, capture_output=True, text=True, check=True).stdout
    result: dict[str, float] = json.loads(out.strip().splitlines()[-1])
    return result


def scaling(baseline: str | None, sizes: list[int] | None = None) -> None:
    """Recommendations per second as the input grows, and a 5 MB text: time (wall clock and the
    process's CPU time, which a shared machine disturbs less) and peak memory."""
    sizes = sizes or [1000, 2000, 4000, 8000, 42000]  # 42,000 generated bullets are 5.1 MB
    print(
        f"{'bullets':>8} {'MB':>5} | {'units':>6} {'extract s':>9} {'CPU s':>6} {'+JSON s':>8} {'recs/s':>7} "
        f"{'peak MB':>7}" + (" | baseline: units, extract s, CPU s, +JSON s, recs/s, peak MB" if baseline else "")
        + "\n(recs/s of CPU time)"
    )
    for bullets in sizes:
        now = _one_run(bullets, None)
        line = (
            f"{bullets:>8} {now['mb']:>5.2f} | {now['units']:>6.0f} {now['extract']:>9.2f} {now['cpu_extract']:>6.2f} "
            f"{now['total']:>8.2f} {bullets / now['cpu_extract']:>7.0f} {now['rss']:>7.0f}"
        )
        if baseline:
            old = _one_run(bullets, baseline)
            line += (
                f" | {old['units']:>6.0f} {old['extract']:>6.2f} {old['cpu_extract']:>6.2f} {old['total']:>6.2f} "
                f"{bullets / old['cpu_extract']:>6.0f} {old['rss']:>6.0f}"
            )
        print(line, flush=True)


def _exponent(sizes: list[int], seconds: list[float]) -> float:
    """The growth exponent k of time ~ size^k, fitted by least squares on the logarithms."""
    xs, ys = [math.log(n) for n in sizes], [math.log(t) for t in seconds]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum((x - mx) ** 2 for x in xs)


def rdf_scaling(baseline: str | None, rounds: int, sizes: list[int] | None = None) -> None:
    """Recommendations per second of extraction plus RDF with evidence plus Turtle, at 1k, 2k,
    5k and 10k recommendations (fresh processes, the best of ``rounds`` runs, the baseline's run
    right after this checkout's), and the growth exponent of the time (1.0 is linear). Rates are
    of the process's CPU time, which other work on a shared machine disturbs much less than the
    wall-clock time (shown too)."""
    sizes = sizes or [1000, 2000, 5000, 10000]
    print(
        f"{'recs':>6} | {'extract':>7} {'+Turtle':>7} {'wall':>6} {'recs/s':>7} {'Turtle MB':>9} {'peak MB':>7}"
        + (" | baseline: extract, +Turtle, wall, recs/s, peak MB | speed-up" if baseline else "")
        + "\n(extract, +Turtle: CPU seconds; wall: wall-clock seconds of extract + Turtle; recs/s of CPU time)"
    )
    totals: dict[str, list[float]] = {"now": [], "old": []}
    for bullets in sizes:
        runs: dict[str, list[dict[str, float]]] = {"now": [], "old": []}
        for _ in range(rounds):
            runs["now"].append(_one_run(bullets, None, "ttl"))
            if baseline:
                runs["old"].append(_one_run(bullets, baseline, "ttl"))
        now = min(runs["now"], key=lambda r: r["cpu_total"])
        totals["now"].append(now["cpu_total"])
        line = (
            f"{bullets:>6} | {now['cpu_extract']:>7.2f} {now['cpu_total']:>7.2f} {now['total']:>6.1f} "
            f"{bullets / now['cpu_total']:>7.0f} {now['output_mb']:>9.1f} {now['rss']:>7.0f}"
        )
        if baseline:
            old = min(runs["old"], key=lambda r: r["cpu_total"])
            totals["old"].append(old["cpu_total"])
            line += (
                f" | {old['cpu_extract']:>7.2f} {old['cpu_total']:>7.2f} {old['total']:>6.1f} "
                f"{bullets / old['cpu_total']:>7.0f} {old['rss']:>7.0f} | {old['cpu_total'] / now['cpu_total']:.2f}x"
            )
        print(line, flush=True)
    print(f"growth exponent of the CPU time (1.0 = linear): {_exponent(sizes, totals['now']):.2f}", end="")
    print(f"; baseline {_exponent(sizes, totals['old']):.2f}" if baseline else "")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bullets", type=int, default=1000)
    parser.add_argument("--scaling", action="store_true", help="1k-8k bullets and a 5 MB text, fresh processes")
    parser.add_argument("--rdf", action="store_true", help="extract + RDF + Turtle at 1k-10k, fresh processes")
    parser.add_argument("--rounds", type=int, default=1, help="with --rdf: runs per size, the best counts")
    parser.add_argument("--baseline", help="the src/ folder of another checkout, measured side by side")
    parser.add_argument("--sizes", help="with --rdf or --scaling: the numbers of bullets, e.g. 1000,4000,16000")
    args = parser.parse_args()
    sizes = [int(n) for n in args.sizes.split(",")] if args.sizes else None
    if args.rdf:
        rdf_scaling(args.baseline, args.rounds, sizes)
        return
    if args.scaling:
        scaling(args.baseline, sizes)
        return
    text = generate(args.bullets)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "generated.txt"
        path.write_text(text, encoding="utf-8")
        print(f"document: {args.bullets} recommendations, {len(text):,} characters")
        kg = timed("load the bundled graph", igkg.load)
        lexicon = timed("build the lexicon (6 SPARQL queries, one trie each)", lambda: build_lexicon(kg))
        source = timed("read and check the file", lambda: read_source(path))
        document = timed("extract (segment, verbs, agents, references)", lambda: extract_document(source, lexicon))
        timed("JSON (fixed format)", document.to_json)
        triples = timed("RDF triples with evidence annotations", document.to_graph)
        turtle = timed("Turtle", lambda: document.serialize("ttl"))
        total = time.perf_counter()
        igkg.extract(path, graph=kg).to_json()
        print(f"{'end to end: igkg.extract(path).to_json() (graph loaded)':<52} {time.perf_counter() - total:8.3f} s")
        print(
            f"recommendations {len(document.recommendations)}, triples {len(triples):,}, "
            f"Turtle {len(turtle) / 1e6:.1f} MB"
        )
        texts = [for_matching(r.text) for r in document.recommendations]
        fast = timed(
            "mentions, one trie regex for all labels", lambda: sum(len(lexicon.agents.find(t)) > 0 for t in texts)
        )
        slow = timed(
            f"mentions, plain way: {len(lexicon.agents.folded) + len(lexicon.agents.exact)} regexes per bullet",
            lambda: naive_mentions(texts, lexicon),
        )
        print(f"(bullets with a mention: {fast}; label hits the plain way: {slow})")
        assert normalise_label("x") == "x"


if __name__ == "__main__":
    main()
