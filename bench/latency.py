"""Latency benchmark for pre-send hooks: p50/p95 for a typical 150-word draft.

    python3 bench/latency.py [--runs 20]

Measures (1) a cold CLI run, (2) the CLI in client mode against a warm `heartlint serve`, and
(3) the server's /v1/lint endpoint alone. Not a test: figures depend on the machine.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

from heartlint.runner import Runner, RunOptions
from heartlint.service.server import LintService, make_server

DRAFT = """Hi Dana,

I'm so sorry your order arrived a week late, and that the box was damaged when it finally came.
I know you were counting on those plates for your daughter's birthday party on Saturday, and
having to scramble for replacements at the last minute must have been really stressful.

We have refunded the full cost of the order to your card, and a new set is already on its way by
express courier; it should reach you tomorrow before noon. I have also added a note to your
account so that any future order is checked by hand before it leaves our warehouse.

If the new set arrives with anything wrong at all, reply to this email and I will sort it out
personally the same day. Thank you for giving us the chance to put this right.

Best,
Sam
"""


def percentiles(samples: list[float]) -> str:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return f"p50 {statistics.median(ordered) * 1000:7.1f} ms   p95 {p95 * 1000:7.1f} ms"


def timed(action, runs: int) -> list[float]:
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        samples.append(time.perf_counter() - started)
    return samples


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    print(f"draft: {len(DRAFT.split())} words, {args.runs} runs each")
    with tempfile.TemporaryDirectory() as folder:
        draft = Path(folder) / "draft.txt"
        draft.write_text(DRAFT)
        command = [sys.executable, "-m", "heartlint", "--isolated", str(draft)]
        cold = timed(lambda: subprocess.run(command, capture_output=True), max(3, args.runs // 4))
        print(f"cold CLI:               {percentiles(cold)}")

        server = make_server("127.0.0.1", 0, LintService(Runner(RunOptions(isolated=True))))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        url = f"http://127.0.0.1:{server.server_address[1]}"
        body = json.dumps({"text": DRAFT}).encode()

        def endpoint() -> None:
            request = urllib.request.Request(f"{url}/v1/lint", data=body, headers={"Content-Type": "application/json"})
            urllib.request.urlopen(request).read()

        endpoint()  # warm up
        env = {**os.environ, "HEARTLINT_SERVER": url}
        client = timed(lambda: subprocess.run([*command[:-2], str(draft)], capture_output=True, env=env), args.runs)
        print(f"warm server via client: {percentiles(client)}")
        print(f"server endpoint alone:  {percentiles(timed(endpoint, args.runs))}")
        server.shutdown()


if __name__ == "__main__":
    main()
