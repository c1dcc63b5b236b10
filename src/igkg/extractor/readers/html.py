"""Web pages, parsed with lxml's HTML parser (forgiving, as browsers are), main content only.

The content is the page's ``<main>`` (or ``role="main"``), else its only ``<article>``, else its
``<body>``. Inside it, what is page chrome and not text is dropped: scripts, styles, forms,
``<nav>``, ``<aside>``, ``<figure>``, page-level ``<header>`` and every ``<footer>``, elements with the
ARIA roles of navigation, banners, dialogs and search, hidden elements, cookie and consent
banners, breadcrumbs and share bars (by their class or id), and blocks that are nothing but a
link ("Download the messages (PDF)"). What remains is written as Markdown-like text: headings
``# `` … ``###### ``; ``<ol>`` items with the numbers a browser shows (``start``, ``value``,
``type="a"``/``"i"``, ``reversed``), ``<ul>`` items as ``- ``, nested lists indented; paragraphs,
block quotes, definition lists and ``<div>`` text as paragraphs; table rows as ``| a | b |``.
Entities are decoded; a no-break space becomes a space; attributes (an ``<abbr>``'s title, a
link's URL) are not text.
"""

from __future__ import annotations

import contextlib
import re
from typing import Any

from ...errors import InputError
from .base import Reading
from .numbering import format_number

__all__ = ["read_html"]

_DROP_TAGS = {"script", "style", "noscript", "template", "nav", "aside", "form", "button", "select", "input",
              "textarea", "iframe", "svg", "canvas", "figure", "object", "embed", "dialog", "menu", "head"}
_DROP_ROLES = {"navigation", "banner", "contentinfo", "complementary", "search", "dialog", "alertdialog",
               "menu", "menubar", "toolbar"}
_CHROME = re.compile(r"(?:^|[\s_-])(?:cookie|consent|gdpr|breadcrumbs?|share|sharing|social|newsletter|skip-link|"
                     r"popup|modal|sidebar)(?:$|[\s_-])", re.I)
_BLOCKS = {"p", "div", "section", "article", "main", "blockquote", "li", "dd", "dt", "pre", "address", "center",
           "h1", "h2", "h3", "h4", "h5", "h6", "ol", "ul", "dl", "table", "tr", "td", "th", "tbody", "thead",
           "tfoot", "caption", "hr", "header", "details", "summary", "body", "figcaption"}
_SPACE = re.compile(r"[ \t\r\n\f\u00a0\u200b]+")
_DECLARED = re.compile(rb"<meta[^>]+charset|<\?xml[^>]+encoding", re.I)
_FORMATS = {"a": "lowerLetter", "A": "upperLetter", "i": "lowerRoman", "I": "upperRoman", "1": "decimal"}


def _classes(element: Any) -> str:
    return f"{element.get('class', '')} {element.get('id', '')}"


def _dropped(element: Any, in_article: bool) -> bool:
    tag = element.tag
    if tag in _DROP_TAGS or (tag == "header" and not in_article) or tag == "footer":
        return True
    if element.get("role", "").lower() in _DROP_ROLES or element.get("hidden") is not None:
        return True
    if element.get("aria-hidden", "").lower() == "true":
        return True
    if re.search(r"display\s*:\s*none", element.get("style", ""), re.I):
        return True
    return bool(_CHROME.search(_classes(element)))


def _main(root: Any) -> Any:
    for path in ("//main", "//*[@role='main']"):
        found = root.xpath(path)
        if found:
            return found[0]
    articles = root.xpath("//article")
    if len(articles) == 1:
        return articles[0]
    body = root.find("body")
    return body if body is not None else root


class _Writer:
    def __init__(self) -> None:
        self.blocks: list[str] = []
        self.line: list[str] = []
        self.prefix = ""
        self.links = 0  # characters of the current block inside <a>
        self.in_link = 0

    def text(self, text: str | None) -> None:
        if text:
            self.line.append(text)
            if self.in_link:
                self.links += len(text.strip())

    def flush(self) -> None:
        text = _SPACE.sub(" ", "".join(self.line)).strip()
        self.line = []
        link_only = self.links and self.links >= len(text.replace(" ", "")) * 0.9
        self.links = 0
        if text and not link_only:
            self.blocks.append(self.prefix + text)
        self.prefix = ""

    def start(self, prefix: str) -> None:
        self.flush()
        self.prefix = prefix

    def walk(self, element: Any, depth: int, in_article: bool) -> None:
        tag = element.tag if isinstance(element.tag, str) else ""
        if not tag or _dropped(element, in_article):
            self.text(element.tail)
            return
        in_article = in_article or tag in ("article", "main")
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            self.start("#" * int(tag[1]) + " ")
        elif tag in ("ol", "ul"):
            self.flush()
            self.list(element, depth, in_article)
            self.text(element.tail)
            return
        elif tag == "tr":
            self.flush()
            cells = [_SPACE.sub(" ", c.text_content()).strip().replace("|", "/") for c in element
                     if isinstance(c.tag, str) and c.tag in ("td", "th") and not _dropped(c, in_article)]
            if any(cells):
                self.blocks.append("| " + " | ".join(cells) + " |")
            self.text(element.tail)
            return
        elif tag == "br":
            self.line.append(" ")
        elif tag in _BLOCKS:
            self.flush()
        if tag == "a":
            self.in_link += 1
        self.text(element.text)
        for child in element:
            self.walk(child, depth, in_article)
        if tag == "a":
            self.in_link -= 1
        if tag in _BLOCKS:
            self.flush()
        self.text(element.tail)

    def list(self, element: Any, depth: int, in_article: bool) -> None:
        ordered = element.tag == "ol"
        items = [li for li in element if isinstance(li.tag, str) and li.tag == "li"]
        fmt = _FORMATS.get(element.get("type", "1"), "decimal")
        reverse = element.get("reversed") is not None
        try:
            number = int(element.get("start")) if element.get("start") else (len(items) if reverse else 1)
        except ValueError:
            number = 1
        indent = "    " * depth
        for li in items:
            if _dropped(li, in_article):
                continue
            if ordered:
                with contextlib.suppress(ValueError):
                    number = int(li.get("value")) if li.get("value") else number
                fmt = _FORMATS.get(li.get("type", ""), fmt)
                marker = format_number(number, fmt) + "."
                number += -1 if reverse else 1
            else:
                marker = "-"
            self.start(f"{indent}{marker} ")
            self.text(li.text)
            for child in li:
                if isinstance(child.tag, str) and child.tag in ("ol", "ul"):
                    self.flush()
                    self.list(child, depth + 1, in_article)
                    self.text(child.tail)
                elif isinstance(child.tag, str) and child.tag == "p" and not _dropped(child, in_article):
                    if self.line:  # a second paragraph of the item: keep it in the item
                        self.line.append(" ")
                    self.text(child.text)
                    for grandchild in child:
                        self.walk(grandchild, depth + 1, in_article)
                    self.text(child.tail)
                else:
                    self.walk(child, depth + 1, in_article)
            self.flush()


def read_html(data: bytes, name: str) -> Reading:
    """The main content of a web page as Markdown-like text."""
    import lxml.html
    from lxml import etree

    source: bytes | str = data
    if not _DECLARED.search(data[:4096]) and not data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        try:  # no charset declared: UTF-8, as the HTML standard's default for new documents
            source = data.decode("utf-8")
        except UnicodeDecodeError:
            source = data.decode("cp1252", "replace")
    try:
        root = lxml.html.document_fromstring(source)
    except (etree.ParserError, ValueError) as error:
        raise InputError(f"{name}: a web page that cannot be parsed ({error})") from None
    writer = _Writer()
    writer.walk(_main(root), 0, False)
    writer.flush()
    text = "\n\n".join(writer.blocks)
    if not text.strip():
        raise InputError(
            f"{name}: the web page has no content to extract (only menus, banners and footers; its text may be "
            "filled in by a script): save the page from a browser once it has loaded, or copy its text"
        )
    return Reading(text + "\n", "html")
