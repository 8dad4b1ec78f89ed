"""Audit benchmark: messages per second of `heartlint audit` beside spaCy's own `nlp.pipe` on the
same bodies, 1 vs 2 Dask workers, and peak memory for an mbox and a larger one.

    python3 bench/audit.py [--messages 2000] [--larger 10] [--repeat 3]

Not a test: figures depend on the machine; compare the ratios.
"""

from __future__ import annotations

import argparse
import email.message
import json
import mailbox
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CORPUS = Path(__file__).resolve().parent.parent / "corpus" / "real"


def bodies() -> list[str]:
    return [path.read_text(encoding="utf-8") for path in sorted(CORPUS.glob("*/*.txt"))]


def write_mbox(path: Path, count: int, texts: list[str]) -> None:
    box = mailbox.mbox(path)
    box.lock()
    for number in range(count):
        message = email.message.EmailMessage()
        message["From"] = "support@shop.example"
        message["Date"] = f"Mon, 02 {['Jan', 'Feb', 'Mar'][number % 3]} 2026 10:00:00 +0000"
        message["Message-ID"] = f"<m{number}@shop.example>"
        message.set_content(texts[number % len(texts)])
        box.add(message)
    box.flush()
    box.unlock()


def audit_seconds(mbox: Path, *extra: str) -> tuple[float, int]:
    """Wall time of an audit run and its peak RSS in KB (GNU time's %M)."""
    started = time.perf_counter()
    command = [sys.executable, "-m", "heartlint", "audit", str(mbox), "--output", str(mbox) + ".jsonl", *extra]
    done = subprocess.run(["/usr/bin/time", "-f", "%M", *command], capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    return elapsed, int(done.stderr.strip().splitlines()[-1])


# The yardstick, like the audit, in a fresh process: spaCy's own nlp.pipe over the same bodies
# with the pipeline heartlint loads (a warm process would be faster on a second pass).
PIPE = """
import json, sys, time
from heartlint.analysis.nlp import load_pipeline
nlp = load_pipeline()
texts = json.loads(open(sys.argv[1], encoding="utf-8").read())
started = time.perf_counter()
for _ in nlp.pipe(texts, batch_size=64):
    pass
print(time.perf_counter() - started)
"""


def pipe_seconds(sample: Path) -> float:
    """Seconds spaCy's nlp.pipe takes over the bodies in `sample`, in a fresh process."""
    done = subprocess.run([sys.executable, "-c", PIPE, str(sample)], capture_output=True, text=True, check=True)
    return float(done.stdout.strip())


def spacy_version() -> str:
    import spacy

    return spacy.__version__


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=2000)
    parser.add_argument("--larger", type=int, default=10, help="the larger mbox has this many times more")
    parser.add_argument("--repeat", type=int, default=3, help="single-process runs of each, the best counts")
    args = parser.parse_args()
    texts = bodies()
    with tempfile.TemporaryDirectory() as folder:
        one, small = Path(folder) / "one.mbox", Path(folder) / "small.mbox"
        write_mbox(one, 1, texts)
        write_mbox(small, args.messages, texts)
        sample = Path(folder) / "bodies.json"
        sample.write_text(json.dumps([texts[number % len(texts)] for number in range(args.messages)]))
        rates, pipe_rates, rss_small = [], [], 0
        for _ in range(args.repeat):  # interleaved; the best of each, as timeit advises
            startup, _ = audit_seconds(one)
            total, rss_small = audit_seconds(small)
            rates.append(args.messages / max(total - startup, 1e-9))
            pipe_rates.append(args.messages / pipe_seconds(sample))
        rate, pipe_rate = max(rates), max(pipe_rates)
        print(f"spaCy {spacy_version()} nlp.pipe:   {pipe_rate:8.1f} messages/s")
        print(f"heartlint audit, 1 process: {rate:8.1f} messages/s  ({rate / pipe_rate:.2f}× nlp.pipe)")
        each = ", ".join(f"{mine / theirs:.2f}" for mine, theirs in zip(rates, pipe_rates, strict=True))
        print(f"  best of {args.repeat} interleaved runs; run by run: {each}×")

        dask_start, _ = audit_seconds(one, "--dask", "local:1")
        one_worker, _ = audit_seconds(small, "--dask", "local:1")
        two_start, _ = audit_seconds(one, "--dask", "local:2")
        two_workers, _ = audit_seconds(small, "--dask", "local:2")
        rate_one = args.messages / max(one_worker - dask_start, 1e-9)
        rate_two = args.messages / max(two_workers - two_start, 1e-9)
        print(f"Dask, 1 worker:             {rate_one:8.1f} messages/s")
        print(f"Dask, 2 workers:            {rate_two:8.1f} messages/s  ({rate_two / rate_one:.2f}× 1 worker)")
        large = Path(folder) / "large.mbox"
        write_mbox(large, args.messages * args.larger, texts)
        _, rss_large = audit_seconds(large)
        print(
            f"peak RSS: {rss_small / 1024:.0f} MB for {args.messages} messages, {rss_large / 1024:.0f} MB for "
            f"{args.messages * args.larger} ({rss_large / rss_small:.2f}×)"
        )


if __name__ == "__main__":
    main()
