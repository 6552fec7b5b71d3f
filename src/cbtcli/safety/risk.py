"""The risk check: does what a person wrote suggest they may be at risk of suicide or
self-harm? One entry point, `assess`, used for every piece of free text cbt is given.

The words, patterns and exceptions are data, in data/risk_phrases.yaml. A match is never a
diagnosis: it only decides whether cbt shows, gently, where help is."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

from ..paths import data_file

LEET = str.maketrans({"1": "i", "3": "e", "0": "o", "4": "a", "5": "s", "@": "a", "$": "s"})
TOKEN = re.compile(r"[^\W_]+", re.UNICODE)
REPEATS = re.compile(r"(\w)\1{2,}")


@dataclass(frozen=True)
class Risk:
    kind: str  # wish, intent, self_harm, method or plan
    words: str  # the words that matched, as read
    urgent: bool  # it may be happening now (an overdose taken, "tonight")


@dataclass(frozen=True)
class Rules:
    spellings: dict[str, str]
    exceptions: re.Pattern[str]
    risks: tuple[tuple[str, re.Pattern[str]], ...]
    urgent: re.Pattern[str]


@cache
def rules() -> Rules:
    import yaml

    raw = yaml.safe_load(data_file("risk_phrases.yaml").read_text(encoding="utf-8"))

    def words(pattern: str) -> str:
        return rf"(?<!\w)(?:{pattern})(?!\w)"

    return Rules(
        spellings={str(k): str(v) for k, v in raw["spellings"].items()},
        exceptions=re.compile("|".join(words(p) for p in raw["exceptions"])),
        # Without the leading lookbehind, which first_match applies itself (see there).
        risks=tuple((r["kind"], re.compile(rf"(?:{r['pattern']})(?!\w)")) for r in raw["risk"]),
        urgent=re.compile("|".join(words(re.escape(w)) for w in raw["urgent"])),
    )


def normalise(text: str) -> str:
    """Text as the patterns read it: lower case, no apostrophes, slang spelt out."""
    spellings = rules().spellings
    text = text.lower().replace("’", "'").replace("'", "")
    text = REPEATS.sub(r"\1", text)
    out = []
    for token in TOKEN.findall(text):
        if token in spellings:
            out.append(spellings[token])
        elif any(c.isdigit() for c in token) and any(c.isalpha() for c in token):
            out.append(token.translate(LEET))  # su1c1de -> suicide
        else:
            out.append(token)
    return " ".join(out)


SHORT = 200  # characters: a feeling's name or a short answer, which come back again and again


def assess(text: str) -> Risk | None:
    """The first sign of risk in a text, or None. Idioms and accidents listed as exceptions
    never count ("this deadline is killing me", "I cut myself shaving")."""
    if not text or not text.strip():
        return None
    # An import reads every answer of years of entries, a third of them the same few feelings.
    return assess_short(text) if len(text) <= SHORT else assess_text(text)


@lru_cache(maxsize=4096)
def assess_short(text: str) -> Risk | None:
    return assess_text(text)


def assess_text(text: str) -> Risk | None:
    current = rules()
    read = current.exceptions.sub(" ", normalise(text))
    for kind, pattern in current.risks:
        match = first_match(pattern, read)
        if match:
            return Risk(kind, match.group(0), bool(current.urgent.search(read)))
    return None


WORD_BEFORE = re.compile(r"(?<!\w)")  # matches where no word character comes just before


def first_match(pattern: re.Pattern[str], text: str) -> re.Match[str] | None:
    """The first match of `pattern` that starts a word: what `(?<!\\w)pattern` would find.
    A pattern opening with a lookbehind is tried at every position of the text; without it,
    Python's regex engine skips ahead to where the pattern's first characters can be: more
    than twice as fast over the long answers an import reads by the thousand."""
    start = 0
    while (match := pattern.search(text, start)) is not None:
        if WORD_BEFORE.match(text, match.start()):
            return match
        start = match.start() + 1
    return None


def free_texts(value: Any) -> Iterator[str]:
    """Every piece of text a person gave in an answer: strings, list items, the names of
    feelings, ladder steps, however nested."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, list | tuple):
        for item in value:
            yield from free_texts(item)
    elif isinstance(value, dict):
        for key, item in value.items():
            if (isinstance(key, str) and not key.isidentifier()) or isinstance(item, int):
                yield str(key)  # a feeling's name, not a field name
            if not isinstance(item, int | float | bool):
                yield from free_texts(item)


def assess_answer(value: Any) -> Risk | None:
    """The first sign of risk anywhere in an answer."""
    for text in free_texts(value):
        found = assess(text)
        if found is not None:
            return found
    return None
