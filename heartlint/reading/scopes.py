"""Find the parts of a plain-text draft that the writer did not write as the reply body.

Quoted history and signatures are excluded from linting; the greeting and sign-off are
excluded too, because they carry no moves and must not merge into body sentences.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Container

from mailparser_reply.constants import MAIL_LANGUAGES
from mailparser_reply.parser import EmailMessage

from heartlint.model import Scope

_QUOTE_LINE = re.compile(r"^[ \t]*>")
_FORWARD_START = re.compile(
    r"^[ \t]*(?:-{2,}\s*(?:Original Message|Forwarded message)\s*-{2,}|Begin forwarded message:|_{10,})[ \t]*$",
    re.IGNORECASE | re.MULTILINE,
)
_HEADER_LINE = re.compile(r"^(?:To|Cc|Bcc|From|Subject|Date|Sent|Reply-To)[ \t]*:[^\n]*\n", re.IGNORECASE)
# Other fields of a memo's header block, once it has begun: "Role: Facilities", "Re: Water supply".
_FIELD_LINE = re.compile(r"^[A-Z][A-Za-z.-]*(?: [A-Za-z.-]+)?[ \t]*:[ \t]+[^\n]{1,80}\n")
# A title line above a memo's header block: "Memo", "MEMORANDUM", "Internal memo" (not any short
# line: "Thanks" above an Outlook "From:/Sent:" block is the writer's reply, the block history).
_MEMO_TITLE = re.compile(
    r"^[ \t]*(?:(?:internal|staff|office|team)[ \t]+)?(?:memo|memorandum|notice|announcement|circular|bulletin)"
    r"[ \t]*:?[ \t]*$",
    re.IGNORECASE,
)
_SIGNATURE_DASHES = re.compile(r"^-- ?$")
_SENT_FROM = re.compile(r"^[ \t]*Sent from my [^\n]{1,40}$", re.IGNORECASE)
_GREETING = re.compile(
    r"^[ \t]*(?:(?i:hi|hello|hey|hiya|dear|greetings|good (?:morning|afternoon|evening))\b"
    r"(?:[ \t]+[^\s,!:;]+){0,4}?[ \t]*(?:[,!:]|$)|[A-Z][\w.'-]*(?: [A-Z][\w.'-]*){0,2},[ \t]*$)[ \t]*",
)
_SIGN_OFF = re.compile(
    r"^[ \t]*(?:best|best wishes|best regards|kind regards|warm regards|warmest regards|regards|"
    r"many thanks|thanks|thanks again|thank you|thank you again|cheers|sincerely|yours sincerely|"
    r"yours truly|yours|warmly|warm wishes|all the best|take care|talk soon|respectfully|"
    r"with thanks|with apologies|with sincere apologies|speak soon|"
    r"have an? (?:great|lovely|nice|good|wonderful|fantastic) \w+)\b[^\n]{0,20}?[,!.]?[ \t]*$",
    re.IGNORECASE,
)
# Any short closing phrase ending in a comma ("Enjoy,", "Stay safe,", "Happy baking,") above a name.
_CLOSING_COMMA = re.compile(r"^[ \t]*[A-Za-z][\w'’ -]{0,30},[ \t]*$")
_MAX_CLOSING_WORDS = 4
_MAX_SIGN_OFF_TAIL = 6
_HEADING = re.compile(r"^[ \t]*(?:#{1,6}[ \t]+)?[A-Z][^\n.!?:;,]{0,60}?[ \t]*:?[ \t]*$")
_PERSONAL = re.compile(r"\b(?:i|me|my|we|us|our|you|your|sorry|apolog\w*)\b", re.IGNORECASE)
_MAX_HEADING_WORDS = 6
# An issue or pull-request reference makes a short line a tracker reply ("Duplicate of #4172",
# "Fixed in #88"), not a heading.
_ISSUE_REFERENCE = re.compile(r"(?:^|\s)#\d+\b")


def find_scopes(text: str) -> list[Scope]:
    """Return the excluded scopes of a plain-text draft, in source order."""
    lines = text.splitlines(keepends=True)
    starts = _line_starts(lines)
    scopes: list[Scope] = []
    header_lines = _leading_headers(lines)
    if header_lines:
        scopes.append(Scope("headers", 0, starts[header_lines]))
    body_end_line, inline_headers = _history_start(text, lines, starts, starts[header_lines])
    if body_end_line < len(lines):
        scopes.append(Scope("quote", starts[body_end_line], len(text)))
    scopes.extend(Scope("quote", starts[first], starts[last]) for first, last in inline_headers)
    scopes.extend(_quoted_lines(lines, starts, body_end_line))
    signature_line = _signature_start(lines, body_end_line)
    if signature_line < body_end_line:
        scopes.append(Scope("signature", starts[signature_line], starts[body_end_line]))
        body_end_line = signature_line
    scopes.extend(_sent_from_lines(lines, starts, body_end_line))
    sign_off_line = _sign_off_start(lines, body_end_line)
    if sign_off_line < body_end_line:
        scopes.append(Scope("sign-off", starts[sign_off_line], starts[body_end_line]))
        body_end_line = sign_off_line
    quoted = {i for first, last in inline_headers for i in range(first, last)}
    quoted |= {i for i in range(body_end_line) if _QUOTE_LINE.match(lines[i])}
    greeting = _greeting(lines, starts, body_end_line, header_lines, quoted)
    if greeting:
        scopes.append(greeting)
    scopes.extend(_headings(lines, starts, body_end_line))
    return sorted(scopes, key=lambda s: s.start)


def _line_starts(lines: list[str]) -> list[int]:
    starts, position = [], 0
    for line in lines:
        starts.append(position)
        position += len(line)
    starts.append(position)
    return starts


@functools.lru_cache(maxsize=1)
def reply_headers() -> re.Pattern[str]:
    """mail-parser-reply's quote headers in every language it knows: "On … wrote:", "Am … schrieb",
    "Le … a écrit", Outlook From:/Sent: blocks, -----Original Message-----."""
    languages = [name for name in MAIL_LANGUAGES if len(name) == 2]
    return EmailMessage(text="", languages=languages).HEADER_REGEX


def _leading_headers(lines: list[str]) -> int:
    """How many lines at the top are a pasted header block ("To: …", "Subject: …", then any other
    short fields: "Role: …", "Re: …"), with a short title line above it ("Memo") and the blank
    lines after it; 0 when the draft starts with its own text."""
    index = 1 if lines and _MEMO_TITLE.match(lines[0]) else 0
    if index >= len(lines) or not _HEADER_LINE.match(lines[index]):
        return 0
    while index < len(lines) and (_HEADER_LINE.match(lines[index]) or _FIELD_LINE.match(lines[index])):
        index += 1
    while index < len(lines) and not lines[index].strip():
        index += 1
    return index


def _history_start(text: str, lines: list[str], starts: list[int], after: int = 0) -> tuple[int, list[tuple[int, int]]]:
    """Index of the first line of quoted history (after offset `after`) that runs to the end, or
    the line count; and the (first, end) lines of the reply headers of inline replies before it.

    A reply header ("On … wrote:") whose `>` quote is followed by the writer's own unquoted text
    heads an inline (bottom-posted) reply: only the header and the `>` lines are history there,
    unless that text is itself another header (an older thread quoted without `>`).
    """
    flat = text.replace("\r", " ")
    inline: list[tuple[int, int]] = []
    header = _next_header(flat, starts, after)
    while header is not None:
        first, end, _ = header
        own_text = _text_after_quote(lines, end)
        if own_text is None:
            return first, inline
        following = _next_header(flat, starts, starts[own_text])
        if following is not None and following[2] <= starts[own_text] + 1:
            return first, inline
        if not _QUOTE_LINE.match(lines[first]):  # a header inside a `>` quote is part of that quote
            inline.append((first, end))
        header = following
    return len(lines), inline


def _next_header(text: str, starts: list[int], after: int) -> tuple[int, int, int] | None:
    """The first reply header or forwarded block after offset `after`: its first line, the line
    after it, and where its match starts; None if there is none."""
    found = [(m.start() + len(m.group()) - len(m.group().lstrip("\n")), m) for m in _matches(text, after)]
    if not found:
        return None
    offset, match = min(found, key=lambda pair: pair[0])
    first = bisect.bisect_right(starts, offset) - 1
    return first, bisect.bisect_left(starts, match.end()), match.start()


def _text_after_quote(lines: list[str], index: int) -> int | None:
    """The first unquoted, non-blank line after the `>` quote that starts at line `index` (blank
    lines before it allowed); None when no quote starts there or nothing unquoted follows it."""
    while index < len(lines) and not lines[index].strip():
        index += 1
    if index >= len(lines) or not _QUOTE_LINE.match(lines[index]):
        return None
    index = _quote_block_end(lines, index, len(lines))
    return index if index < len(lines) else None


def _quote_block_end(lines: list[str], index: int, end_line: int) -> int:
    """The first line from `index` (before `end_line`) that is neither a `>` line nor blank."""
    while index < end_line and (_QUOTE_LINE.match(lines[index]) or not lines[index].strip()):
        index += 1
    return index


def _matches(text: str, after: int) -> list[re.Match[str]]:
    return [m for m in (_first_reply_header(text, after), _FORWARD_START.search(text, after)) if m]


def _first_reply_header(text: str, after: int) -> re.Match[str] | None:
    """`reply_headers().search(text, after)`, tried only where one of its alternatives can begin:
    at a line start, at a newline, or at a "-----" line (the regex is long, and trying it at
    every character was most of the cost of reading a message)."""
    pattern = reply_headers()
    candidates = {after}
    for mark in ("\n", "-----"):
        position = text.find(mark, after)
        while position >= 0:
            candidates.add(position)
            if mark == "\n":
                candidates.add(position + 1)
            position = text.find(mark, position + 1)
    for position in sorted(candidates):
        match = pattern.match(text, position)
        if match:
            return match
    return None


def _quoted_lines(lines: list[str], starts: list[int], end_line: int) -> list[Scope]:
    scopes: list[Scope] = []
    index = 0
    while index < end_line:
        if _QUOTE_LINE.match(lines[index]):
            first = index
            index = _quote_block_end(lines, index, end_line)
            last = index
            while last > first and not lines[last - 1].strip():
                last -= 1
            scopes.append(Scope("quote", starts[first], starts[last]))
        else:
            index += 1
    return scopes


def _signature_start(lines: list[str], end_line: int) -> int:
    for index in range(end_line):
        if _SIGNATURE_DASHES.match(lines[index].rstrip("\r\n")):
            return index
    return end_line


def _sent_from_lines(lines: list[str], starts: list[int], end_line: int) -> list[Scope]:
    return [
        Scope("signature", starts[i], starts[i + 1])
        for i in range(end_line)
        if _SENT_FROM.match(lines[i].rstrip("\r\n"))
    ]


def _sign_off_start(lines: list[str], end_line: int) -> int:
    """The closing line ("Best,", "Thanks!") followed only by a few short name/title lines."""
    content = [i for i in range(end_line) if lines[i].strip() and not _SENT_FROM.match(lines[i])]
    for position in range(len(content) - 1, max(-1, len(content) - _MAX_SIGN_OFF_TAIL - 1), -1):
        index = content[position]
        line = lines[index].strip()
        tail = content[position + 1 :]
        closing = _SIGN_OFF.match(line) or (
            tail and _CLOSING_COMMA.match(line) and len(line.split()) <= _MAX_CLOSING_WORDS
        )
        names_only = all(len(lines[i].split()) <= 6 and not lines[i].rstrip().endswith(".") for i in tail)
        if closing and len(line.split()) <= 5 and position > 0 and names_only:
            return index
    return end_line


def _headings(lines: list[str], starts: list[int], end_line: int) -> list[Scope]:
    """Section headings ("What happens next", "Risks and issues"): a short line on its own, without
    sentence punctuation, personal words or an issue reference, between blank lines."""
    scopes = []
    for index in range(end_line):
        line = lines[index].strip()
        alone = (index == 0 or not lines[index - 1].strip()) and (index + 1 >= end_line or not lines[index + 1].strip())
        if (
            alone
            and _HEADING.match(line)
            and len(line.split()) <= _MAX_HEADING_WORDS
            and not _PERSONAL.search(line)
            and not _ISSUE_REFERENCE.search(line)
            and index + 1 < end_line
        ):
            scopes.append(Scope("heading", starts[index], starts[index + 1]))
    return scopes


def _greeting(
    lines: list[str], starts: list[int], end_line: int, first_line: int = 0, quoted: Container[int] = frozenset()
) -> Scope | None:
    """The greeting on the first line of the writer's own text (quoted lines skipped)."""
    for index in range(first_line, end_line):
        if lines[index].strip() and index not in quoted:
            match = _GREETING.match(lines[index].rstrip("\r\n"))
            if not match or not match.group().strip():
                return None
            rest = lines[index][match.end() :].strip()
            end = starts[index + 1] if not rest else starts[index] + match.end()
            words = match.group().split()
            if len(words) > 6 or (not rest and not match.group().rstrip().endswith((",", "!", ":")) and len(words) > 3):
                return None
            return Scope("greeting", starts[index], end)
    return None
