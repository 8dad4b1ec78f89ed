"""Scale an audit out on Dask (`run_audit(linted_on_dask(...), ...)`): `--dask local:N` starts
a LocalCluster of N worker processes, `--dask tcp://HOST:PORT` uses a running scheduler (a
dask-jobqueue or Kubernetes cluster).

The sources are read here and cut into partitions; each worker loads the pipeline once (a
worker plugin) and lints partitions through the same `lint_batch` as a single process; results
are written in the sources' order, so the findings file and summary are the same as a
single-process run. At most a few partitions per worker are in flight: memory stays bounded.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator
from typing import Any

from distributed import WorkerPlugin

from heartlint.audit.run import Message, MessageLinter, batches, lint_batch
from heartlint.runner import Runner, RunOptions

PARTITION = 128
IN_FLIGHT_PER_WORKER = 3
LOCAL = "local:"


class HeartlintWorker(WorkerPlugin):
    """A Dask worker plugin: one warm runner per worker process."""

    name = "heartlint"

    def __init__(self, fail_on: str) -> None:
        super().__init__()
        self.fail_on = fail_on

    def setup(self, worker: Any) -> None:
        worker.heartlint_runner = Runner(RunOptions(isolated=True, fail_on=self.fail_on))
        worker.heartlint_runner.nlp  # noqa: B018  (load the pipeline now, not in the first task)


def lint_partition(messages: list[Message]) -> list[dict[str, Any]]:
    """Worker side: the findings rows of one partition."""
    from distributed import get_worker

    runner: Runner = getattr(get_worker(), "heartlint_runner")  # noqa: B009  (set by the plugin)
    return lint_batch(runner, messages)


def connect(address: str) -> Any:
    """A Dask client for `local:N` (a LocalCluster of N single-threaded processes) or a scheduler."""
    from distributed import Client, LocalCluster

    if address.startswith(LOCAL):
        workers = int(address[len(LOCAL) :] or 1)
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None)
        return Client(cluster)
    return Client(address)


def linted_on_dask(address: str, fail_on: str) -> MessageLinter:
    """Lint the stream on a Dask cluster, partition by partition, yielding rows in stream order."""

    def lint(stream: Iterator[Message]) -> Iterator[tuple[list[dict[str, Any]], int]]:
        client = connect(address)
        try:
            client.register_plugin(HeartlintWorker(fail_on), name=HeartlintWorker.name)
            workers = max(1, len(client.scheduler_info()["workers"]))
            window: deque[tuple[Any, int]] = deque()
            for partition in batches(stream, PARTITION):
                window.append((client.submit(lint_partition, partition, pure=False), len(partition)))
                if len(window) >= workers * IN_FLIGHT_PER_WORKER:
                    future, size = window.popleft()
                    yield future.result(), size
            while window:
                future, size = window.popleft()
                yield future.result(), size
        finally:
            cluster = getattr(client, "cluster", None)
            client.close()
            if cluster is not None:
                cluster.close()

    return lint
