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
from itertools import chain

WORD = re.compile(r"[^\W\d_][\w'’-]*", re.UNICODE)
# A word after a space that does not end a sentence: a capital there usually means a name.
# (Upper-case letters of the Latin, Greek and Cyrillic alphabets: scripts without case have
# no such hint.)
# (The capital is matched before looking behind it: most characters are not one, so the
# look-behind is rarely tried.)
NAMED = re.compile(r"[A-ZÀ-ÖØ-ÞΑ-ΩА-ЯЁ](?<=[^.!?\s]\s.)[\w'’-]*")


@dataclass
class ThemeWord:
    text: str  # the form the person wrote most often
    person: bool
    entries: list[int] = field(default_factory=list)  # the records holding it, by number


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


class ThemeCounter:
    """Words counted across records as they are read, one record at a time: of each record
    only the set of its words is kept (each word's text shared by every record holding it),
    never its text, so a journal of years costs little memory."""

    def __init__(self) -> None:
        self.named: Counter[str] = Counter()  # see capitalised_words
        self.shared: dict[str, str] = {}
        self.records: list[tuple[str, ...]] = []  # each record's words, in the order added

    def add(self, text: str) -> int:
        """Count a record's words; returns the record's number (0 for the first added)."""
        words = set(WORD.findall(text.lower()))
        self.records.append(tuple(map(self.shared.setdefault, words, words)))
        count_capitalised(text, self.named)
        return len(self.records) - 1

    def themes(self, minimum: int, limit: int = 10) -> tuple[str, list[ThemeWord]]:
        """The journal's language and up to `limit` words found in at least `minimum`
        records, most common first (equally common: a-z); each word's `entries` are the
        numbers of the records holding it. Each record counts a word once."""
        stop, people = word_lists()
        # word -> how many records hold it (counted here at once: quicker than record by record)
        in_records = Counter(chain.from_iterable(self.records))
        language = guess_language(in_records, stop)
        ignore = stop.get(language, frozenset()) | stop["en"]
        stemmer = stem if language == "en" else (lambda word: word)
        # Words that differ only by an ending count as one: a word is kept by its stem, in
        # the form written most, and counted in every record any of its forms appear in.
        stems: dict[str, str] = {}
        forms: dict[str, str] = {}
        # Commonest first, and of equally common forms the shortest ('meeting' over
        # 'meetings'), then a-z.
        for word, _count in sorted(in_records.items(), key=lambda i: (-i[1], len(i[0]), i[0])):
            clean = word.strip("'’-")
            if len(clean) < 3 or clean in ignore or word in ignore:
                continue
            key = stemmer(clean)
            stems[word] = key
            forms.setdefault(key, clean)
        reach: Counter[str] = Counter()
        for word, key in stems.items():
            reach[key] += in_records[word]
        # A record holding two forms of one word ('meeting', 'meetings') counts once.
        form_counts = Counter(stems.values())
        several = frozenset(word for word, key in stems.items() if form_counts[key] > 1)
        for words in self.records if several else ():
            hit = several.intersection(words)
            if len(hit) > 1:
                for key, n in Counter(map(stems.__getitem__, hit)).items():
                    reach[key] -= n - 1
        ranked = sorted(reach.items(), key=lambda item: (-item[1], forms[item[0]]))
        chosen = [key for key, n in ranked if n >= minimum][:limit]
        found = {key: ThemeWord(forms[key], key in people) for key in chosen}
        chosen_words = {word: key for word, key in stems.items() if key in found}
        looked_for = frozenset(chosen_words)
        for number, words in enumerate(self.records):
            hit = looked_for.intersection(words)
            if hit:
                for key in {chosen_words[word] for word in hit}:
                    found[key].entries.append(number)
        names = self.named
        for key, theme in found.items():
            theme.person = theme.person or names.get(key, 0) * 2 >= len(theme.entries)
            if names.get(key):
                theme.text = theme.text.capitalize()
        return language, sorted(found.values(), key=lambda t: (-len(t.entries), t.text.lower()))


def theme_words(
    texts: dict[str, str], minimum: int, limit: int = 10
) -> tuple[str, list[ThemeWord]]:
    """ThemeCounter.themes over texts by record id (`entries` number them in that order)."""
    counter = ThemeCounter()
    for text in texts.values():
        counter.add(text)
    return counter.themes(minimum, limit)


def count_capitalised(text: str, counts: Counter[str]) -> None:
    """Count the words of a text written with a capital letter mid-sentence (a name,
    usually), by stem."""
    for word in NAMED.findall(text):
        if word != "I":
            counts[stem(word.lower())] += 1


def capitalised_words(texts: Iterable[str]) -> Counter[str]:
    """How often each word is written with a capital letter mid-sentence (a name, usually)."""
    counts: Counter[str] = Counter()
    for text in texts:
        count_capitalised(text, counts)
    return counts
