"""Short names a document defines for a body: "Ban Quản lý dự án đầu tư xây dựng các công trình
giao thông tỉnh (Ban QLDA giao thông)", "Văn phòng Đoàn đại biểu Quốc hội và Hội đồng nhân dân
tỉnh Thanh Hóa (sau đây viết tắt là Văn phòng)". A bracket after a name is a short name only when
it keeps the name's head ("Văn phòng UBND tỉnh (Trung tâm Phục vụ hành chính công)" names a
sub-unit instead).

After the definition the short name stands for the full one (ANNOTATION.md writes each body as
one string, the name the text makes unambiguous), so every later occurrence becomes a mention of
the full name, replacing a shorter mention the gazetteer found inside it ("Ban QLDA").
"""

from __future__ import annotations

import re
from dataclasses import replace

from nlp_service.nlp.recognizer import Mention

_DEFINITION = re.compile(
    r"\(\s*(?P<said>(?:sau\s+đây\s+)?(?:gọi\s+tắt\s+là|gọi\s+là|viết\s+tắt\s+là)\s*:?\s*)?[“\"]?"
    r"(?P<alias>[^()“”\"\n]{2,60}?)[”\"]?\s*\)",
    re.IGNORECASE,
)
_HEAD_ONLY = re.compile(r"(?:Ban|Sở|Phòng|Trung\s+tâm|Văn\s+phòng|Công\s+ty|Đoàn|Tổ|Cục|Chi\s+cục)")
# Between the body mention and the bracket: the rest of its name, no clause break.
_NAME_REST = re.compile(r"[^.;:()\n]{0,120}")


def defined_aliases(text: str, mentions: list[Mention]) -> list[Mention]:
    """``mentions`` with each later use of a defined short name as a mention of the full name,
    and of a defined collective name as mentions of every body it gathers."""
    out = _defined_collectives(text, list(mentions))
    for d in _DEFINITION.finditer(text):
        alias = d.group("alias").strip()
        if not alias[:1].isupper() or len(alias.split()) > 4:
            # "(gọi là chủ dự án thành phần)": a role; "(sau đây gọi là UBND cấp xã nơi có cụm
            # công nghiệp)": a qualified collective the text goes on using as its name.
            continue
        body = _defined_body(text, d.start(), out)
        if body is None:
            continue
        full = text[body.start : d.start()].rstrip()
        if full.split()[0].lower() != alias.split()[0].lower():
            continue  # a short name is the full name's head with a tag ("Ban QLDA giao thông")
        if d.group("said") is None and _HEAD_ONLY.fullmatch(alias):
            # "Trung tâm Xúc tiến Đầu tư … (Trung tâm)": a bare head noun in brackets is how
            # an issuer writes of itself ("Trung tâm đã tham mưu …"); only "sau đây gọi là"
            # makes it a name the text then uses for the body.
            continue
        name = full if len(full) > len(body.text) else body.normalized or body.text
        pattern = re.compile(rf"(?<![\w]){re.escape(alias)}(?![\w])")
        for m in pattern.finditer(text, d.end()):
            inside = [x for x in out if x.start < m.end() and m.start() < x.end]
            if any(x.end - x.start > m.end() - m.start() for x in inside):
                continue  # a longer name that contains the short one
            out = [x for x in out if x not in inside]
            out.append(_standing_for(body, m, name, "defined short name"))
        if alias.split()[0].lower() == "ban":
            out = _member_titles(text, d.end(), body, name, out)
    return sorted(out, key=lambda x: x.start)


# The posts of a board a decision establishes, written bare in its rules ("Điều 4. Nhiệm vụ của
# Trưởng ban", "Phó Trưởng ban thường trực giúp Trưởng ban …", "Tổ giúp việc cập nhật …"): each is
# the post of the board the text defined ("… (sau đây gọi là Ban Chỉ đạo)"), not another Ban.
_MEMBER_TITLE = re.compile(
    r"(?<![\w])(?P<t>(?:Phó\s+)?Trưởng\s+ban(?:\s+thường\s+trực)?|Tổ\s+giúp\s+việc)"
    r"(?![\w])(?![ \t]+[A-ZĐ])"
)


def _member_titles(
    text: str, start: int, body: Mention, name: str, mentions: list[Mention]
) -> list[Mention]:
    out = list(mentions)
    for m in _MEMBER_TITLE.finditer(text, start):
        if any(x.start < m.end() and m.start() < x.end for x in out):
            continue
        title = " ".join(m.group("t").split())
        out.append(_standing_for(body, m, f"{title} {name}", "post of a defined board"))
    return out


def _standing_for(body: Mention, m: re.Match[str], name: str, rule: str) -> Mention:
    """A mention at ``m`` of the body a definition named, under ``name``."""
    return replace(
        body,
        start=m.start(),
        end=m.end(),
        text=m.group(0),
        normalized=name,
        explanation={**body.explanation, "rule": rule},
    )


def _defined_body(text: str, bracket: int, mentions: list[Mention]) -> Mention | None:
    """The body mention whose name runs up to the bracket of a definition."""
    before = [m for m in mentions if m.end <= bracket and m.label == "BODY"]
    if not before:
        return None
    body = max(before, key=lambda m: m.end)
    gap = text[body.end : bracket]
    if _NAME_REST.fullmatch(gap) is None:
        return None
    return body


# "các sở, ban, ngành tỉnh (sau đây gọi chung là cơ quan cấp tỉnh)", "cơ quan cấp tỉnh và UBND cấp
# xã sau đây gọi chung là các cơ quan, đơn vị": a name the text then uses for a group of bodies,
# often several (corpus/CONVENTIONS.md: the defined collective is expanded into its bodies).
_COLLECTIVE_BRACKET = re.compile(
    r"\(\s*(?:sau\s+đây\s+)?gọi\s+chung\s+là\s*:?\s*[“\"]?(?P<alias>[^()“”\"\n]{2,60}?)[”\"]?\s*\)",
    re.IGNORECASE,
)
_COLLECTIVE_CLAUSE = re.compile(
    r"(?P<members>[^.;:()\n]{3,200}?)\s+(?:sau\s+đây\s+)?(?:được\s+)?gọi\s+chung\s+là\s+[“\"]?"
    r"(?P<alias>[^.;:,()“”\"\n]{2,40}(?:,\s*[^.;:,()“”\"\n]{2,20})?)[”\"]?(?=\s*[.;:)\n]|$)",
    re.IGNORECASE,
)
_MEMBER_JOIN = re.compile(r"\s*(?:,|\bvà\b)\s*", re.IGNORECASE)


def _alias_pattern(alias: str) -> re.Pattern[str]:
    core = re.sub(r"^(?:các|những)\s+", "", " ".join(alias.split()), flags=re.IGNORECASE)
    words = r"\s+".join(re.escape(w) for w in core.split())
    return re.compile(rf"(?<![\w])(?:(?:các|những)\s+)?{words}(?![\w])", re.IGNORECASE)


def _defined_collectives(text: str, mentions: list[Mention]) -> list[Mention]:
    defined: list[tuple[int, re.Pattern[str], list[Mention]]] = []  # (from, alias, bodies)
    for d in _COLLECTIVE_BRACKET.finditer(text):
        body = _defined_body(text, d.start(), mentions)
        if body is not None:
            defined.append((d.end(), _alias_pattern(d.group("alias")), [body]))
    for d in _COLLECTIVE_CLAUSE.finditer(text):
        # Each member is a collective defined before ("cơ quan cấp tỉnh") or a body named here.
        bodies: list[Mention] = []
        a, b = d.span("members")
        for piece in (p.strip() for p in _MEMBER_JOIN.split(d.group("members"))):
            known = next(
                (found for start, pat, found in defined if start <= a and pat.fullmatch(piece)),
                None,
            )
            bodies.extend(
                known
                or [
                    m
                    for m in mentions
                    if a <= m.start
                    and m.end <= b
                    and " ".join(m.text.split()).lower() == " ".join(piece.split()).lower()
                ]
            )
        if len(bodies) >= 2:
            defined.append((d.end(), _alias_pattern(d.group("alias")), bodies))
    if not defined:
        return mentions
    out = list(mentions)
    for start, pattern, bodies in defined:
        for m in pattern.finditer(text, start):
            inside = [x for x in out if x.start < m.end() and m.start() < x.end]
            if any(x.end - x.start > m.end() - m.start() for x in inside):
                continue  # a longer name that holds the alias's words
            out = [x for x in out if x not in inside]
            for body in bodies:
                out.append(
                    _standing_for(body, m, body.normalized or body.text, "defined collective")
                )
    return sorted(out, key=lambda x: x.start)
