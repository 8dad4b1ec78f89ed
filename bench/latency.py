"""Latency benchmark for pre-send hooks and editors: each path beside its yardstick, same run.

    python3 bench/latency.py [--runs 20]

For a typical 150-word draft, p50/p95 and the ratio to the yardstick: the median of the
round-by-round ratios with its interquartile range (the runs are paired), and for the cold start
and the endpoints the same for CPU time, which a busy machine disturbs less than wall time:
1. cold `heartlint draft.txt`  vs  a bare `python3 -c "import spacy; spacy.load(model)"`
   (runs interleaved);
2. warm `heartlint --server URL draft.txt` and through the per-user daemon  vs  `python3 -c pass`;
3. the `/v1/lint` and `/v2/check` endpoints  vs  a bare `nlp(draft)` of the same pipeline,
   interleaved in one process;
4. the language server's lint of a changed buffer (what runs after the debounce)  vs  the
   `/v1/lint` endpoint.
Every command runs with compiled bytecode, as an installed package does (pip compiles it at
install time): the commands share a private bytecode cache (PYTHONPYCACHEPREFIX in a temporary
folder, filled by one untimed run of each), so a PYTHONDONTWRITEBYTECODE environment does not make
heartlint's modules compile from source on every start while spaCy's come precompiled.
Not a test: figures depend on the machine; the ratios are what to compare.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from heartlint.analysis.nlp import pipeline_fingerprint
from heartlint.runner import Runner, RunOptions
from heartlint.service.server import LintService, make_server, warm_up

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


@dataclass
class Samples:
    """One action's timings, round by round: wall time, and CPU time of this process and of the
    child processes it waited for (a subprocess's own work; a daemon's work is not in it)."""

    wall: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)


def p50(samples: list[float]) -> float:
    return statistics.median(samples)


def paired(samples: list[float], base: list[float]) -> str:
    """The median of the round-by-round ratios and their interquartile range: each round times
    both actions back to back, so a slow spell of the machine slows both alike."""
    ratios = sorted(a / b for a, b in zip(samples, base, strict=True))
    low, _, high = statistics.quantiles(ratios, n=4) if len(ratios) > 1 else (ratios[0],) * 3
    return f"{statistics.median(ratios):5.2f}× (IQR {low:.2f}–{high:.2f})"


def line(name: str, samples: Samples, yardstick: str = "", base: Samples | None = None, cpu: bool = False) -> str:
    ordered = sorted(samples.wall)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    text = f"{name:<36} p50 {p50(samples.wall) * 1000:8.1f} ms   p95 {p95 * 1000:8.1f} ms"
    if cpu:
        text += f"   cpu {p50(samples.cpu) * 1000:7.1f} ms"
    if base:
        text += f"   {paired(samples.wall, base.wall)} {yardstick}"
        if cpu:
            text += f"; cpu {paired(samples.cpu, base.cpu)}"
    return text


def cpu_now() -> float:
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def interleaved(actions: list[Callable[[], object]], runs: int) -> list[Samples]:
    """Time each action once per round, round after round, so load affects them alike; the order
    rotates from round to round, so no action always runs first or right after another. Each
    action runs once untimed first (it fills the bytecode cache)."""
    for action in actions:
        action()
    samples = [Samples() for _ in actions]
    for round_ in range(runs):
        for step in range(len(actions)):
            index = (round_ + step) % len(actions)
            cpu, started = cpu_now(), time.perf_counter()
            actions[index]()
            samples[index].wall.append(time.perf_counter() - started)
            samples[index].cpu.append(cpu_now() - cpu)
    return samples


def run(command: list[str], env: dict[str, str] | None = None) -> Callable[[], object]:
    return lambda: subprocess.run(command, capture_output=True, env=env)


def post(url: str, body: bytes, kind: str) -> Callable[[], object]:
    request = urllib.request.Request(url, data=body, headers={"Content-Type": kind})
    return lambda: urllib.request.urlopen(request).read()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--cold-runs", type=int, help="cold starts of each command (default: runs / 2)")
    args = parser.parse_args()
    runs, cold_runs = args.runs, args.cold_runs or max(3, args.runs // 2)
    print(f"draft: {len(DRAFT.split())} words; {runs} runs each ({cold_runs} for cold starts)")
    with tempfile.TemporaryDirectory() as folder:
        draft = Path(folder) / "draft.txt"
        draft.write_text(DRAFT)
        env = {k: v for k, v in os.environ.items() if not k.startswith("HEARTLINT_") and k != "PYTHONDONTWRITEBYTECODE"}
        env["PYTHONPYCACHEPREFIX"] = str(Path(folder) / "bytecode")
        command = [sys.executable, "-m", "heartlint", "--isolated", str(draft)]
        model = pipeline_fingerprint().rsplit("-", 1)[0]  # the package heartlint loads
        bare_load = [sys.executable, "-c", f"import spacy; spacy.load({model!r})"]
        cold, bare = interleaved([run(command, env), run(bare_load, env)], cold_runs)
        print(line("cold CLI", cold, "bare spaCy import + load", bare, cpu=True))
        print(line("  bare spaCy import + load", bare, cpu=True))

        service = LintService(Runner(RunOptions(isolated=True)))
        warm_up(service)  # as `heartlint serve` does before it listens
        server = make_server("127.0.0.1", 0, service)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        url = f"http://127.0.0.1:{server.server_address[1]}"
        v1 = post(f"{url}/v1/lint", json.dumps({"text": DRAFT}).encode(), "application/json")
        form = urllib.parse.urlencode({"text": DRAFT, "language": "en-US"}).encode()
        v2 = post(f"{url}/v2/check", form, "application/x-www-form-urlencoded")
        v1()

        runtime = Path(folder) / "run"
        runtime.mkdir(mode=0o700)
        daemon_env = {**env, "XDG_RUNTIME_DIR": str(runtime), "HEARTLINT_DAEMON": "1"}
        subprocess.run(command, capture_output=True, env=daemon_env)  # starts the daemon
        sock = runtime / "heartlint" / "daemon.sock"
        while not sock.exists():
            time.sleep(0.2)
        client, through_daemon, empty = interleaved(
            [
                run([*command[:-1], "--server", url, str(draft)], env),
                run(command, daemon_env),
                run([sys.executable, "-c", "pass"], env),
            ],
            runs,
        )
        print(line("warm CLI via --server", client, "python3 -c pass", empty))
        print(line("warm CLI via the daemon", through_daemon, "python3 -c pass", empty))
        print(line("  python3 -c pass", empty))
        subprocess.run([sys.executable, "-m", "heartlint", "daemon", "stop"], capture_output=True, env=daemon_env)

        nlp = service.runner.nlp
        v1_times, v2_times, parse = interleaved([v1, v2, lambda: nlp(DRAFT)], runs)
        print(line("/v1/lint endpoint", v1_times, "bare nlp(draft)", parse, cpu=True))
        print(line("/v2/check endpoint", v2_times, "bare nlp(draft)", parse, cpu=True))
        print(line("  bare nlp(draft)", parse, cpu=True))

        buffer = str(Path(folder) / "buffer.txt")
        data = DRAFT.encode()
        lsp_lint, endpoint = interleaved([lambda: service.runner.lint_buffer(buffer, data), v1], runs)
        print(line("language server lint after a change", lsp_lint, "/v1/lint endpoint", endpoint))
        server.shutdown()


if __name__ == "__main__":
    main()
