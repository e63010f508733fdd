"""Rewrite a regex so that Python's engine matches it faster, with the same matches.

Why: the lexicon cues are long alternations of words ("said|says|told|tells|..."). At
every position of a sentence Python's `re` tries each alternative in turn, and under
IGNORECASE it cannot skip one by its first character, so a cue of a hundred verbs costs
a hundred attempts per word boundary. Grouping the alternatives by their first letter,
as a trie (`s(?:aid|ays)|t(?:old|ells)`), leaves one attempt per group.

The rewrite is exact: it only regroups consecutive alternatives that each start with a
plain character (optionally after the same `\\b`), keeping their order within a group.
Alternatives that start with different characters cannot both match at one position
(under IGNORECASE the key is the ASCII letter lower-cased, and no character matches two
ASCII letters case-insensitively), so the leftmost-first choice among those that can
match there is unchanged. Anything else (classes, escapes, groups, quantified first
characters, mixed case flags) is left as it is.
"""

from __future__ import annotations

import re

__all__ = ["factor_alternatives"]

_Atoms = list[str]
_QUANTIFIERS = ("?", "*", "+", "{")
_SPECIAL = set(".^$|()[]\\?*+{}")
_FLAGS = re.compile(r"\(\?[^:P=!<]")  # an inline flag other than a leading (?i)


def _atoms(src: str, i: int) -> tuple[list[_Atoms], int]:
    """Alternatives (each a list of atoms: one character, an escape, a class or a whole
    group) from src[i] up to the closing parenthesis of the current group or the end."""
    alts: list[_Atoms] = [[]]
    while i < len(src):
        c = src[i]
        if c == "\\":
            alts[-1].append(src[i : i + 2])
            i += 2
        elif c == "[":
            j = i + 1
            if j < len(src) and src[j] == "^":
                j += 1
            if j < len(src) and src[j] == "]":
                j += 1
            while src[j] != "]":
                j += 2 if src[j] == "\\" else 1
            alts[-1].append(src[i : j + 1])
            i = j + 1
        elif c == "(":
            head = _group_head(src, i)
            inner, j = _atoms(src, i + len(head))
            alts[-1].append(head + _emit(inner) + ")")
            i = j + 1
        elif c == ")":
            return alts, i
        elif c == "|":
            alts.append([])
            i += 1
        else:
            alts[-1].append(c)
            i += 1
    return alts, i


def _group_head(src: str, i: int) -> str:
    """'(' plus the group's prefix: '?:', '?P<name>', '?=', '?!', '?<=', '?<!', '?i:'."""
    if not src.startswith("(?", i):
        return "("
    if src.startswith("(?P<", i):
        return src[i : src.index(">", i) + 1]
    for prefix in ("(?:", "(?=", "(?!", "(?<=", "(?<!"):
        if src.startswith(prefix, i):
            return prefix
    j = i + 2
    while src[j] not in ":)":
        j += 1
    if src[j] != ":":
        raise ValueError(f"unsupported group at {i}: {src[i : i + 10]!r}")
    return src[i : j + 1]


def _emit(alts: list[_Atoms]) -> str:
    return "|".join("".join(a) for a in alts)


class _Factor:
    def __init__(self, ignorecase: bool) -> None:
        self.ignorecase = ignorecase

    def key(self, alt: _Atoms) -> tuple[str, str] | None:
        """(prefix, first character) of an alternative that starts with a plain
        character, optionally after \\b; None for any other."""
        prefix = "\\b" if alt[:1] == ["\\b"] else ""
        k = len(prefix) and 1
        if len(alt) <= k:
            return None
        c = alt[k]
        if len(c) != 1 or c in _SPECIAL or c.isspace():
            return None
        if alt[k + 1 : k + 2] and alt[k + 1][0] in _QUANTIFIERS:
            return None
        if self.ignorecase:
            if c.isascii() and c.isalpha():
                c = c.lower()
            elif c.lower() != c or c.upper() != c:
                return None  # a cased non-ASCII letter: leave it to the engine
        return prefix, c

    def alternatives(self, alts: list[_Atoms]) -> list[_Atoms]:
        """Group runs of plain alternatives with the same prefix by first character."""
        alts = [d for alt in alts for d in _distribute(alt)]
        alts = [[self.atom(a) for a in alt] for alt in alts]
        out: list[_Atoms] = []
        k = 0
        while k < len(alts):
            key = self.key(alts[k])
            if key is None:
                out.append(alts[k])
                k += 1
                continue
            run: list[_Atoms] = []
            while k < len(alts) and (kk := self.key(alts[k])) is not None and kk[0] == key[0]:
                run.append(alts[k])
                k += 1
            out.extend(self.group(run, key[0]))
        return out

    def group(self, run: list[_Atoms], prefix: str) -> list[_Atoms]:
        """A run of alternatives with the same prefix as a trie: `\b(?:n(?:ot|ever)|yet)`."""
        if len(run) == 1:
            return run
        skip = 1 if prefix else 0
        groups: dict[str, list[_Atoms]] = {}
        for alt in run:
            key = self.key(alt)
            assert key is not None
            groups.setdefault(key[1], []).append(alt[skip:])
        out: list[_Atoms] = []
        for members in groups.values():
            if len(members) == 1:
                out.append(members[0])
                continue
            rests = self.alternatives([m[1:] for m in members])
            out.append([members[0][0], "(?:" + _emit(rests) + ")"])
        if prefix:
            return [[prefix, "(?:" + _emit(out) + ")"]]
        return out

    def atom(self, atom: str) -> str:
        """A group with its body factored in turn."""
        if len(atom) < 2 or atom[0] != "(":
            return atom
        head = _group_head(atom, 0)
        inner, _ = _atoms(atom, len(head))
        return head + _emit(self.alternatives(inner)) + ")"


def _distribute(alt: _Atoms) -> list[_Atoms]:
    """`(?:a|b)c` as `ac|bc` (tried in the same order) when the alternative opens with a
    plain non-capturing group, possibly after \b, so that its words can join a trie."""
    k = 1 if alt[:1] == ["\\b"] else 0
    if len(alt) <= k or not alt[k].startswith("(?:"):
        return [alt]
    if alt[k + 1 : k + 2] and alt[k + 1][0] in _QUANTIFIERS:
        return [alt]
    inner, _ = _atoms(alt[k], 3)
    if len(inner) > 32 or _captures(alt[k + 1 :]):
        return [alt]  # (a group after it would be repeated: group names and numbers change)
    return [d for choice in inner for d in _distribute([*alt[:k], *choice, *alt[k + 1 :]])]


def _captures(atoms: _Atoms) -> bool:
    """Whether the atoms hold a capturing group."""
    for atom in atoms:
        if atom.startswith("("):
            head = _group_head(atom, 0)
            if head == "(" or head.startswith("(?P<"):
                return True
            inner, _ = _atoms(atom, len(head))
            if any(_captures(alt) for alt in inner):
                return True
    return False


def factor_alternatives(src: str) -> str:
    """`src` with its alternations grouped by first character (see the module docstring);
    unchanged when its case flags are mixed (inline (?i: or (?-i groups)."""
    ignorecase = src.startswith("(?i)")
    body = src[4:] if ignorecase else src
    if _FLAGS.search(body):
        return src
    alts, end = _atoms(body, 0)
    if end != len(body):
        raise ValueError(f"unbalanced parenthesis at {end}: {src!r}")
    return ("(?i)" if ignorecase else "") + _emit(_Factor(ignorecase).alternatives(alts))


def required_literals(src: str) -> frozenset[str] | None:
    """Lower-case strings of which every match of `src` contains at least one (a cheap
    test before a regex search: no such string in the lower-cased text, no match), or
    None when the regex does not tell (a class or an optional part where a word is
    needed, escapes this reader does not know).

    Lower-cased, a match's text contains the string only if lower() keeps the letters
    case-insensitive matching equates (no text.FOLD_TRAPS in the text)."""
    body = src[4:] if src.startswith("(?i)") else src
    if _FLAGS.search(body.replace("(?i:", "(?:")):
        return None
    alts, end = _atoms(body, 0)
    if end != len(body):
        return None
    try:
        found = _required(alts)
    except ValueError:
        return None
    return frozenset(found) if found is not None else None


def _required(alts: list[_Atoms]) -> set[str] | None:
    out: set[str] = set()
    for alt in alts:
        r = _required_in(alt)
        if r is None:
            return None
        out |= r
    return out


def _required_in(atoms: _Atoms) -> set[str] | None:
    """The best requirement of one alternative: its longest run of literal characters
    that must all match, or the requirement of a group it cannot skip."""
    items: list[tuple[str, str]] = []  # (atom, quantifier)
    k = 0
    while k < len(atoms):
        atom, k = atoms[k], k + 1
        quant = ""
        if k < len(atoms) and atoms[k] in ("?", "*", "+"):
            quant, k = atoms[k], k + 1
        elif k < len(atoms) and atoms[k] == "{":
            j = k
            while j < len(atoms) and atoms[j] != "}":
                j += 1
            quant, k = "".join(atoms[k : j + 1]), j + 1
            if not re.fullmatch(r"\{\d*(,\d*)?\}", quant):
                raise ValueError(quant)
        if k < len(atoms) and atoms[k] in ("?", "+") and quant:
            k += 1  # lazy or possessive
        items.append((atom, quant))
    candidates: list[set[str]] = []
    run = ""
    for atom, quant in items:
        optional = quant in ("?", "*") or quant.startswith(("{0", "{,"))
        char = _literal_char(atom)
        if char is not None and not optional:
            run += char.lower()
            if quant:  # x+ or x{2,}: x once, then the run ends
                candidates.append({run})
                run = ""
            continue
        if run:
            candidates.append({run})
            run = ""
        if atom.startswith("(") and not optional:
            head = _group_head(atom, 0)
            if head in ("(?=", "(?!", "(?<=", "(?<!"):
                continue
            inner, _ = _atoms(atom, len(head))
            r = _required(inner)
            if r:
                candidates.append(r)
    if run:
        candidates.append({run})
    if not candidates:
        return None
    return max(candidates, key=lambda c: (min(map(len, c)), -len(c)))


def _literal_char(atom: str) -> str | None:
    """The character a literal atom matches, else None (classes, anchors, groups)."""
    if len(atom) == 1:
        return None if atom in _SPECIAL else atom
    if atom[0] == "\\" and len(atom) == 2:
        c = atom[1]
        if c.isalnum() or c == "_":
            if c in "uxUN0123456789":
                raise ValueError(atom)  # an escape of several characters: not read here
            return None  # \b \d \s \w ...: not a literal
        return c
    return None
