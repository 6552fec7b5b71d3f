"""Which words and people recur across thought records: plain counts a person can check.

Words are lower-cased, stop-words (in the journal's own language, where cbt has a list) left out,
and English words crudely stemmed ("meetings", "meeting" -> one word). A word counts once per
record, so a record that repeats it does not outweigh others. No model and no network."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

WORD = re.compile(r"[^\W\d_][\w'’-]*", re.UNICODE)
# A word after a space that does not end a sentence: a capital there usually means a name.
# (Upper-case letters of the Latin, Greek and Cyrillic alphabets: scripts without case have
# no such hint.)
NAMED = re.compile(r"(?<=[^.!?\s]\s)([A-ZÀ-ÖØ-ÞΑ-ΩА-ЯЁ][\w'’-]*)")


@dataclass
class ThemeWord:
    text: str  # the form the person wrote most often
    person: bool
    entries: list[str] = field(default_factory=list)


@cache
def word_lists() -> tuple[dict[str, frozenset[str]], frozenset[str]]:
    """Stop-words by language, and words for people, from data/pattern_words.txt: sections
    `[stop LANG]` and `[people]` of whitespace-separated words (plain text, read in a blink)."""
    text = resources.files("cbtcli").joinpath("data/pattern_words.txt").read_text("utf-8")
    sections: dict[str, list[str]] = {}
    current: list[str] = []
    for line in text.splitlines():
        line = line.strip()
        if line.startswith("[") and line.endswith("]"):
            current = sections.setdefault(line[1:-1], [])
        elif line and not line.startswith("#"):
            current.extend(line.split())
    stop = {
        name.removeprefix("stop "): frozenset(words)
        for name, words in sections.items()
        if name.startswith("stop ")
    }
    return stop, frozenset(sections.get("people", ()))


def stem(word: str) -> str:
    """A crude English stem, enough to count 'meetings' with 'meeting'; never clever. Only
    for grouping: a person always sees a form they wrote."""
    if len(word) > 4 and word.endswith("ies"):
        word = word[:-3] + "y"
    elif len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    if len(word) > 5 and word.endswith("ing"):
        return word[:-3]
    if len(word) > 4 and word.endswith("ed") and not word.endswith("eed"):
        return word[:-2]
    return word


def guess_language(counts: Counter[str], stop: dict[str, frozenset[str]]) -> str:
    """The language whose stop-words the journal uses most (English when none match)."""
    scores = {lang: sum(counts[w] for w in words if w in counts) for lang, words in stop.items()}
    best = max(scores, key=lambda lang: scores[lang])
    return best if scores[best] else "en"


def theme_words(
    texts: dict[str, str], minimum: int, limit: int = 10
) -> tuple[str, list[ThemeWord]]:
    """The journal's language and up to `limit` words found in at least `minimum` records,
    most common first. Each record counts a word once."""
    stop, people = word_lists()
    per_entry = {entry_id: set(WORD.findall(text.lower())) for entry_id, text in texts.items()}
    in_records: Counter[str] = Counter()
    for words in per_entry.values():
        in_records.update(words)
    language = guess_language(in_records, stop)
    ignore = stop.get(language, frozenset()) | stop["en"]
    stemmer = stem if language == "en" else (lambda word: word)
    # Words that differ only by an ending count as one: a word is kept by its stem, in the
    # form written most, and counted in every record any of its forms appear in.
    stems: dict[str, str] = {}
    forms: dict[str, str] = {}
    # Commonest first, and of equally common forms the shortest ('meeting' over 'meetings').
    for word, _count in sorted(in_records.items(), key=lambda item: (-item[1], len(item[0]))):
        clean = word.strip("'’-")
        if len(clean) < 3 or clean in ignore or word in ignore:
            continue
        key = stemmer(clean)
        stems[word] = key
        forms.setdefault(key, clean)
    reach: Counter[str] = Counter()
    entry_stems = []
    for entry_id, words in per_entry.items():
        keys = set(filter(None, map(stems.get, words)))
        reach.update(keys)
        entry_stems.append((entry_id, keys))
    chosen = [key for key, n in reach.most_common() if n >= minimum][:limit]
    found = {key: ThemeWord(forms[key], key in people) for key in chosen}
    for entry_id, keys in entry_stems:
        for key in keys.intersection(found):
            found[key].entries.append(entry_id)
    names = capitalised_words(texts.values())
    for key, theme in found.items():
        theme.person = theme.person or names.get(key, 0) * 2 >= len(theme.entries)
        if names.get(key):
            theme.text = theme.text.capitalize()
    return language, sorted(found.values(), key=lambda t: (-len(t.entries), t.text.lower()))


def capitalised_words(texts: Iterable[str]) -> Counter[str]:
    """How often each word is written with a capital letter mid-sentence (a name, usually)."""
    counts: Counter[str] = Counter()
    for text in texts:
        for match in NAMED.finditer(text):
            word = match.group(1)
            if word != "I":
                counts[stem(word.lower())] += 1
    return counts
