"""HTML drafts and HTML mail parts as text, with mail clients' quote blocks as scopes.

inscriptis renders the HTML as text (block structure kept, so sentences stay whole). Quote
blocks (Gmail's div.gmail_quote, blockquote, Outlook's reply header) are marked before
rendering and become "quote" scopes of the rendered text.
"""

from __future__ import annotations

from dataclasses import replace

from inscriptis import get_text
from inscriptis.model.config import ParserConfig
from lxml import etree
from lxml import html as lxml_html

from heartlint.model import Scope
from heartlint.reading.scopes import reply_headers
from heartlint.reading.suppression import Directive, parse_directive

_OPEN, _CLOSE, _DIRECTIVE, _END = "\ue000", "\ue001", "\ue002", "\ue003"
# Blocks that hold the quoted message itself, and Thunderbird's "On … wrote:" line above its
# blockquote (the writer's reply may follow them: Thunderbird starts replies below the quote).
_QUOTE_BLOCKS = (
    "//div[contains(concat(' ', normalize-space(@class), ' '), ' gmail_quote ')]"
    " | //blockquote | //div[contains(@class, 'yahoo_quoted')] | //div[contains(@class, 'moz-cite-prefix')]"
)
# Reply headers after which everything is quoted history (Outlook: the history is not a block).
_HISTORY_HEADERS = "//div[@id='divRplyFwdMsg'] | //div[@id='appendonsend']"


def html_to_text(markup: str) -> tuple[str, list[Scope], list[Directive]]:
    """Rendered text of an HTML document, the quote scopes in it, and its suppression comments
    (placed where they stood in the rendered text)."""
    if not markup.strip():
        return "", [], []
    config = ParserConfig(display_links=False)
    try:
        tree = lxml_html.document_fromstring(markup)
    except (ValueError, lxml_html.etree.ParserError):
        return get_text(markup, config), [], []
    directives = _mark_directives(tree)
    _mark_quotes(tree)
    text, scopes, places = _strip_marks(get_text(lxml_html.tostring(tree, encoding="unicode"), config))
    return text, scopes, [replace(d, start=places[i], end=places[i]) for i, d in enumerate(directives) if i in places]


def _mark_directives(tree: lxml_html.HtmlElement) -> list[Directive]:
    directives: list[Directive] = []
    for comment in list(tree.iter(etree.Comment)):
        directive = parse_directive(f"<!--{comment.text or ''}-->", 0, 0)
        parent = comment.getparent()
        if directive is None or parent is None:
            continue
        marker = _marker(f"{_DIRECTIVE}{len(directives)}{_END}")
        marker.tail = comment.tail
        parent.replace(comment, marker)
        directives.append(directive)
    return directives


def _mark_quotes(tree: lxml_html.HtmlElement) -> None:
    blocks = tree.xpath(_QUOTE_BLOCKS)
    blocks += [
        header for quote in blocks if quote.tag == "blockquote" and (header := _reply_header_before(quote)) is not None
    ]
    inside = set(blocks)
    for element in blocks:
        if not any(ancestor in inside for ancestor in element.iterancestors()):
            _open_at_start(element)
            element.append(_marker(_CLOSE))
    headers = tree.xpath(_HISTORY_HEADERS)
    if headers:
        _open_at_start(headers[0])
        tree.append(_marker(_CLOSE))


def _reply_header_before(quote: lxml_html.HtmlElement) -> lxml_html.HtmlElement | None:
    """The element just before a blockquote when it is the reply header ("On … wrote:", "Am …
    schrieb …:"), as Apple Mail and others write it above the quote."""
    previous = quote.getprevious()
    while previous is not None and previous.tag == "br" and not (previous.tail or "").strip():
        previous = previous.getprevious()
    if previous is None or (previous.tail or "").strip() or not isinstance(previous.tag, str):
        return None
    return previous if reply_headers().match(previous.text_content().strip() + "\n") else None


def _open_at_start(element: lxml_html.HtmlElement) -> None:
    """An opening mark before all of the element's content, its own leading text included."""
    opening = _marker(_OPEN)
    opening.tail, element.text = element.text, None
    element.insert(0, opening)


def _marker(char: str) -> lxml_html.HtmlElement:
    span = lxml_html.Element("span")
    span.text = char
    return span


def _strip_marks(rendered: str) -> tuple[str, list[Scope], dict[int, int]]:
    text: list[str] = []
    scopes: list[Scope] = []
    places: dict[int, int] = {}
    depth, start, length = 0, 0, 0
    number: list[str] | None = None
    for char in rendered:
        if char == _DIRECTIVE:
            number = []
        elif number is not None:
            if char == _END:
                places[int("".join(number))] = length
                number = None
            else:
                number.append(char)
        elif char == _OPEN:
            if depth == 0:
                start = length
            depth += 1
        elif char == _CLOSE:
            if depth == 1:
                scopes.append(Scope("quote", start, length))
            depth = max(0, depth - 1)
        else:
            text.append(char)
            length += 1
    if depth:
        scopes.append(Scope("quote", start, length))
    return "".join(text), scopes, places
