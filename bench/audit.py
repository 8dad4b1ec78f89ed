"""Audit benchmark: messages per second of `heartlint audit` beside spaCy's own `nlp.pipe` on the
same bodies, 1 vs 2 Dask workers, and peak memory for an mbox and a larger one.

    python3 bench/audit.py [--messages 2000] [--larger 10]

Not a test: figures depend on the machine; compare the ratios.
"""

from __future__ import annotations

import argparse
import email.message
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=2000)
    parser.add_argument("--larger", type=int, default=10, help="the larger mbox has this many times more")
    args = parser.parse_args()
    texts = bodies()
    with tempfile.TemporaryDirectory() as folder:
        one, small = Path(folder) / "one.mbox", Path(folder) / "small.mbox"
        write_mbox(one, 1, texts)
        write_mbox(small, args.messages, texts)
        startup, _ = audit_seconds(one)
        total, rss_small = audit_seconds(small)
        rate = args.messages / max(total - startup, 1e-9)

        import spacy  # the yardstick: spaCy's own pipeline over the same bodies, in this process

        from heartlint.analysis.nlp import load_pipeline

        nlp = load_pipeline()
        sample = [texts[number % len(texts)] for number in range(args.messages)]
        started = time.perf_counter()
        for _ in nlp.pipe(sample, batch_size=64):
            pass
        pipe_rate = args.messages / (time.perf_counter() - started)
        print(f"spaCy {spacy.__version__} nlp.pipe:   {pipe_rate:8.1f} messages/s")
        print(f"heartlint audit, 1 process: {rate:8.1f} messages/s  ({rate / pipe_rate:.2f}× nlp.pipe)")

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
