"""Evaluate the article extractor against gold annotations.

    python benchmarks/extract_eval.py GOLD.jsonl ARTICLES_DIR [--details]

Runs ``extract_article`` on every article named in the gold (ARTICLES_DIR/<id>.txt),
prints precision, recall and F1 per field, accuracy of the scalar fields and the
throughput in articles per second (one process, one core). The last line is one
JSON object with the same figures, for scripts.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from danvan.ingest.evaluate import SET_FIELDS, differences, score  # noqa: E402
from danvan.ingest.extract import EXTRACTOR_VERSION, extract_article  # noqa: E402

MIN_TIMING_SECONDS = 1.0


def load_gold(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def throughput(texts: list[tuple[str, str]]) -> float:
    """Articles per second over repeated passes (at least MIN_TIMING_SECONDS of work)."""
    done, start = 0, time.perf_counter()
    while True:
        for article_id, text in texts:
            extract_article(text, article_id)
        done += len(texts)
        elapsed = time.perf_counter() - start
        if elapsed >= MIN_TIMING_SECONDS:
            return done / elapsed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", type=Path)
    parser.add_argument("articles", type=Path)
    parser.add_argument("--details", action="store_true", help="list every miss and extra")
    args = parser.parse_args(argv)

    gold = load_gold(args.gold)
    texts = [
        (g["id"], (args.articles / f"{g['id']}.txt").read_text(encoding="utf-8")) for g in gold
    ]
    pred = [extract_article(text, article_id) for article_id, text in texts]
    result = score(gold, pred)
    result["articles"] = len(gold)
    result["articles_per_second"] = round(throughput(texts), 1)
    result["extractor_version"] = EXTRACTOR_VERSION

    print(f"extractor {EXTRACTOR_VERSION} on {len(gold)} articles from {args.gold}")
    print(f"{'field':<18} {'P':>7} {'R':>7} {'F1':>7} {'tp':>4} {'fp':>4} {'fn':>4}")
    for name in SET_FIELDS:
        m = result[name]
        print(
            f"{name:<18} {m['p']:>7.3f} {m['r']:>7.3f} {m['f1']:>7.3f} {m['tp']:>4} {m['fp']:>4} {m['fn']:>4}"
        )
    for key, value in result.items():
        if key.endswith("_accuracy"):
            print(f"{key:<26} {value:.3f}")
    print(f"articles per second (single process): {result['articles_per_second']}")
    if args.details:
        for g, p in zip(gold, pred, strict=True):
            for line in differences(g, p):
                print("  " + line)
    print(json.dumps(result, ensure_ascii=False, sort_keys=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
