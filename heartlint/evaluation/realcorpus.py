"""The real-derived corpus: drafts paraphrased from real published replies, with provenance
and sentence-level move labels. `python -m heartlint.evaluation.realcorpus [DIR…]` validates it."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

from heartlint.analysis.packs import tomllib
from heartlint.reading.files import InputError, read_path

REAL_CORPUS = Path(__file__).resolve().parent.parent.parent / "corpus" / "real"
MOVES = ("apology", "non-apology", "empathy", "fix", "explanation", "blame", "grovel")
KINDS = (
    "helpdesk-template",
    "helpdesk-bad-example",
    "incident-letter",
    "review-response",
    "issue-tracker",
    "customer-quoted",
    "app-store-response",
    "seller-response",
    "agency-client",
    "public-body",
    "ordinary-mail",
)
RULE_CODES = {f"HL{n}" for n in (101, 102, 103, 104, 201, 202, 203, 204, 301, 302, 303, 401)}


@dataclass(frozen=True)
class LabelledSentence:
    """One sentence of the writer's own text and the moves it makes."""

    text: str
    moves: frozenset[str]


@dataclass(frozen=True)
class RealDraft:
    """One real-derived draft: its file, provenance, expected rules and sentence labels."""

    path: Path
    source: str
    kind: str
    incident: bool
    expected: frozenset[str]
    sentences: tuple[LabelledSentence, ...]

    @property
    def source_group(self) -> str:
        """The publisher of the source: its host, or owner/repo on code hosts."""
        url = urlparse(self.source)
        host = url.netloc.lower().removeprefix("www.")
        if host in {"github.com", "gitlab.com", "bitbucket.org"}:
            return host + "/" + "/".join(url.path.strip("/").split("/")[:2]).lower()
        return host


def load_real_corpus(root: Path = REAL_CORPUS) -> list[RealDraft]:
    """Every draft listed in a `labels.toml` below `root`, in a stable order."""
    drafts = []
    for labels_file in sorted(root.rglob("labels.toml")):
        for name, entry in sorted(tomllib.loads(labels_file.read_text("utf-8")).items()):
            sentences = tuple(
                LabelledSentence(s["text"], frozenset(s.get("moves", []))) for s in entry.get("sentences", [])
            )
            drafts.append(
                RealDraft(
                    path=labels_file.parent / name,
                    source=entry.get("source", ""),
                    kind=entry.get("kind", ""),
                    incident=bool(entry.get("incident", True)),
                    expected=frozenset(entry.get("expect", [])),
                    sentences=sentences,
                )
            )
    return drafts


def problems(draft: RealDraft) -> list[str]:
    """What is wrong with one draft's labels (empty when it is consistent)."""
    found = []
    if not draft.path.is_file():
        return [f"{draft.path}: file missing"]
    text = draft.path.read_text("utf-8")
    try:
        read_path(draft.path)
    except InputError as error:  # e.g. all of it reads as quoted history
        found.append(f"heartlint cannot read it: {error}")
    if not draft.source.startswith(("http://", "https://")):
        found.append("source must be the URL of the real reply")
    if draft.kind not in KINDS:
        found.append(f"kind {draft.kind!r} is not one of {', '.join(KINDS)}")
    if unknown := draft.expected - RULE_CODES:
        found.append(f"unknown rule codes {sorted(unknown)}")
    if not draft.sentences:
        found.append("no sentences listed")
    position = 0
    for sentence in draft.sentences:
        if unknown := sentence.moves - set(MOVES):
            found.append(f"unknown moves {sorted(unknown)} in {sentence.text[:40]!r}")
        at = text.find(sentence.text, position)
        if at < 0:
            found.append(f"sentence not found in the file (in order): {sentence.text[:60]!r}")
        else:
            position = at + len(sentence.text)
    moves = [m for s in draft.sentences for m in s.moves]
    if not draft.incident:
        if draft.expected:
            found.append("a non-incident draft expects no rules")
        return found
    implied = {
        "HL201": "apology" not in moves,
        "HL202": "non-apology" in moves,
        "HL301": "empathy" not in moves,
        "HL401": "blame" in moves,
        "HL204": "grovel" in moves or moves.count("apology") > 3,
    }
    for code, fires in implied.items():
        if fires != (code in draft.expected):
            found.append(f"{code} {'should' if fires else 'should not'} be expected given the sentence moves")
    if "fix" in moves and "HL101" not in draft.expected and "apology" not in moves:
        found.append("HL101 should be expected: a fix and no apology")
    if "explanation" in moves and "apology" not in moves and "HL103" not in draft.expected:
        found.append("HL103 should be expected: an explanation and no apology")
    return found


def main(argv: list[str] | None = None) -> int:
    """Validate the corpus (or the folders given) and print every problem; exit 1 if any."""
    args = sys.argv[1:] if argv is None else argv
    roots = [Path(a) for a in args] or [REAL_CORPUS]
    drafts = [d for root in roots for d in load_real_corpus(root)]
    listed = {d.path.resolve() for d in drafts}
    count = 0
    for root in roots:
        for txt in sorted(root.rglob("*.txt")):
            if txt.resolve() not in listed:
                print(f"{txt}: not listed in labels.toml")
                count += 1
    for draft in drafts:
        for problem in problems(draft):
            print(f"{draft.path}: {problem}")
            count += 1
    sources = {d.source for d in drafts}
    incident = sum(d.incident for d in drafts)
    print(
        f"{len(drafts)} drafts ({incident} incident, {len(drafts) - incident} not), "
        f"{len(sources)} sources, {len({d.source_group for d in drafts})} publishers; "
        f"{count} problems"
    )
    return 1 if count else 0


if __name__ == "__main__":
    raise SystemExit(main())
