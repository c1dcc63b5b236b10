"""The streaming check of RDF/XML before Oxigraph reads it: element depth, the length of text
(a literal), and entities.

XML's internal entities can make a small file huge: an 826-byte "billion laughs" file declares
``&lol1;`` as ten ``&lol;``, ``&lol2;`` as ten ``&lol1;`` … and expands to three billion
characters. igkg reads the ``<!DOCTYPE`` before the parser does and works out how much every
entity expands to (without expanding it); a declaration that would expand to more than
``IGKG_MAX_XML_ENTITY_KB`` (1 MiB), or references that add up to more in one document, are
refused. External entities and DTDs (``SYSTEM``, ``PUBLIC``), parameter entities (``%name;``)
and character references that would create new markup inside an entity (``&#38;``, ``&#60;``)
are refused outright: igkg reads no other file or URL.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..limits import InputLimits
from .scanners import Scanner, mib

__all__ = ["XmlScanner"]

_TEXT = re.compile(rb"[^<&]++")
_REFERENCE = re.compile(rb"&(#?[^\s;<>&\"']{1,256});")
_ATTRIBUTE_REFERENCE = re.compile(rb"&([^\s;<>&\"'#][^\s;<>&\"']{0,255});")
_TAG = re.compile(rb"<[^!?/][^>\"']*+(?:(?:\"[^\"]*+\"|'[^']*+')[^>\"']*+)*+>")
_END_TAG = re.compile(rb"</[^>]*+>")
_DOCTYPE = re.compile(
    rb"<!DOCTYPE(?P<head>(?:[^\[>\"']++|\"[^\"]*+\"|'[^']*+')*+)"
    rb"(?:\[(?P<subset>(?:[^\]\"'<]++|\"[^\"]*+\"|'[^']*+'|<!--[\s\S]*?-->"
    rb"|<(?!!--)[^>\"']*+(?:(?:\"[^\"]*+\"|'[^']*+')[^>\"']*+)*+>)*+)\])?\s*>")
_ENTITY = re.compile(
    rb"<!ENTITY\s+(?P<pe>%\s+)?(?P<name>[^\s%;&<>\"']+)\s+"
    rb"(?:\"(?P<dq>[^\"]*)\"|'(?P<sq>[^']*)'|(?P<external>SYSTEM|PUBLIC)\b[^>]*)\s*>")
_MARKUP_REFERENCE = re.compile(rb"&#(?:0*(?:38|60|37)|x0*(?:26|3[cC]|25));")
_PREDEFINED = {b"lt": 1, b"gt": 1, b"amp": 1, b"apos": 1, b"quot": 1}
#: Where a token that the end of the buffer cut off is looked for (comments, CDATA, PIs).
_ENDS = {b"<!--": b"-->", b"<![CDATA[": b"]]>", b"<?": b"?>"}


class XmlScanner(Scanner):
    """RDF/XML: elements nested, text lengths, entity declarations and references."""

    def __init__(self, path: str | Path | None, limits: InputLimits) -> None:
        super().__init__(path, limits)
        self.entities: dict[bytes, int] = dict(_PREDEFINED)
        self.expanded = 0  # bytes that entity references have added so far
        self.text = 0  # bytes of text since the last tag (one literal)
        self.inside: bytes | None = None  # the end of a comment, CDATA section or PI we are in

    def scan(self, buffer: bytes, final: bool) -> int:
        n, pos = len(buffer), 0
        if self.inside is not None:
            pos = self._skip_to(buffer, 0, self.inside, final)
            if self.inside is not None:
                return pos
        while pos < n:
            c = buffer[pos]
            if c != 0x3C and c != 0x26:  # text
                end = _TEXT.match(buffer, pos).end()  # type: ignore[union-attr]  # c is not < or &
                self._text(buffer, pos, end - pos)
                pos = end
            elif c == 0x26:  # &
                match = _REFERENCE.match(buffer, pos)
                if match is None:
                    if not final and n - pos < 260:
                        return pos
                    pos += 1
                    continue
                self._reference(buffer, pos, match.group(1))
                pos = match.end()
            else:
                done = self._markup(buffer, pos, final)
                if done is None:
                    return pos  # cut off by the end of the buffer: carried
                pos = done
        return n

    # -- markup -------------------------------------------------------------------------------
    def _markup(self, buffer: bytes, pos: int, final: bool) -> int | None:
        for start, end in _ENDS.items():
            if buffer.startswith(start, pos):
                return self._skip_to(buffer, pos + len(start), end, final)
        if len(buffer) - pos < 9 and not final:
            return None  # too little to tell what it is
        if buffer.startswith(b"<!DOCTYPE", pos):
            match = _DOCTYPE.match(buffer, pos)
            if match is None:
                return None if not final else pos + 1
            self._doctype(buffer, pos, match)
            return match.end()
        if buffer.startswith(b"</", pos):
            match = _END_TAG.match(buffer, pos)
            if match is None:
                return None if not final else pos + 1
            self.closed()
            self.text = 0
            return match.end()
        match = _TAG.match(buffer, pos)
        if match is None:  # cut off (or malformed: the parser, which has it already, will say so)
            return None if not final else pos + 1
        tag = match.group()
        for reference in _ATTRIBUTE_REFERENCE.finditer(tag):
            self._reference(buffer, pos, reference.group(1))
        if not tag.endswith(b"/>"):
            self.opened(buffer, pos)
        self.text = 0
        return match.end()

    def _skip_to(self, buffer: bytes, pos: int, end: bytes, final: bool) -> int:
        """Skip a comment, CDATA section or PI up to ``end``; CDATA counts as text."""
        found = buffer.find(end, pos)
        stop = len(buffer) if found < 0 else found
        if end == b"]]>":
            self._text(buffer, pos, stop - pos)
        if found >= 0:
            self.inside = None
            return found + len(end)
        if final:
            self.inside = None
            return len(buffer)
        self.inside = end
        return max(pos, len(buffer) - len(end) + 1)  # keep what could be the start of the end

    def _text(self, buffer: bytes, pos: int, length: int) -> None:
        self.text += length
        if self.text > self.token_limit:
            raise self.fail(buffer, pos, f"a literal (text) longer than {mib(self.token_limit)}")

    # -- entities -------------------------------------------------------------------------------
    def _reference(self, buffer: bytes, pos: int, name: bytes) -> None:
        if name.startswith(b"#"):
            self._text(buffer, pos, 1)
            return
        size = self.entities.get(name, 0)
        if size > 1:
            self.expanded += size
            if self.expanded > self.limits.max_entity_bytes:
                raise self.fail(buffer, pos, f"entity references expand to more than "
                                             f"{self.limits.max_entity_bytes // 1024} KiB in all "
                                             f"(IGKG_MAX_XML_ENTITY_KB): refused")
        self._text(buffer, pos, size)

    def _doctype(self, buffer: bytes, pos: int, match: re.Match[bytes]) -> None:
        head, subset = match.group("head"), match.group("subset") or b""
        if re.search(rb"\b(?:SYSTEM|PUBLIC)\b", head):
            raise self.fail(buffer, pos, "a DOCTYPE with an external DTD (SYSTEM or PUBLIC) is refused: "
                                         "igkg reads no other file or URL")
        if re.search(rb"%[^\s;%]+;", subset.replace(b"<!ENTITY %", b"")):
            raise self.fail(buffer, pos, "parameter entities (%name;) are refused")
        values: dict[bytes, bytes] = {}
        for entity in _ENTITY.finditer(subset):
            name = entity.group("name")
            if entity.group("pe"):
                raise self.fail(buffer, pos, f"the parameter entity %{name.decode(errors='replace')}; is refused")
            if entity.group("external"):
                raise self.fail(buffer, pos, f"the external entity &{name.decode(errors='replace')}; "
                                             f"({entity.group('external').decode()}) is refused: igkg reads "
                                             f"no other file or URL")
            if self.limits.max_entity_bytes == 0:
                raise self.fail(buffer, pos, "entity declarations are refused (IGKG_MAX_XML_ENTITY_KB=0)")
            value = entity.group("dq") if entity.group("dq") is not None else entity.group("sq")
            assert value is not None
            if _MARKUP_REFERENCE.search(value):
                raise self.fail(buffer, pos, f"the entity &{name.decode(errors='replace')}; hides markup "
                                             f"(&#38; &#60; or &#37;): refused")
            values.setdefault(name, value)
        for name in values:
            size = self._expansion(name, values, buffer, pos)
            if size > self.limits.max_entity_bytes:
                raise self.fail(buffer, pos, f"the entity &{name.decode(errors='replace')}; expands to "
                                             f"{size:,} bytes, more than {self.limits.max_entity_bytes // 1024} "
                                             f"KiB (IGKG_MAX_XML_ENTITY_KB): refused (a 'billion laughs' file?)")
            self.entities[name] = size

    def _expansion(self, name: bytes, values: dict[bytes, bytes], buffer: bytes, pos: int) -> int:
        """How many bytes ``&name;`` expands to, without expanding it (an explicit stack, so a
        long chain of entities cannot exhaust Python's recursion)."""
        sizes = self.entities
        stack, active = [name], {name}
        while stack:
            current = stack[-1]
            if current in sizes:
                stack.pop()
                active.discard(current)
                continue
            references = [r.group(1) for r in _REFERENCE.finditer(values.get(current, b""))]
            pending = [r for r in references if not r.startswith(b"#") and r not in sizes and r in values]
            if pending:  # depth first: what is on the stack is what refers to what is above it
                reference = pending[0]
                if reference in active:
                    raise self.fail(buffer, pos, f"the entity &{reference.decode(errors='replace')}; "
                                                 f"refers to itself: refused")
                stack.append(reference)
                active.add(reference)
                continue
            value = values.get(current, b"")
            size = len(_REFERENCE.sub(b"", value))
            size += sum(1 if r.startswith(b"#") else sizes.get(r, 0) for r in references)
            sizes[current] = min(size, 1 << 62)
        return sizes[name]
