"""Turning Chinese names into search tokens, and queries into phrases of those tokens.

Word segmentation misses substrings (执照 inside 营业执照) and trigram indexes cannot answer one or
two characters, so a name is indexed as its single characters plus every overlapping pair; a query
of n > 2 characters becomes the phrase of its n-1 pairs, which matches exactly the names holding
that substring. Pinyin is indexed twice: full syllables (phrase-aware, so 长寿区 is chang shou qu)
and initials, the latter split into letters and letter pairs the same way.
"""

from __future__ import annotations

import functools
import re
import unicodedata

from pypinyin import Style, lazy_pinyin
from pypinyin.constants import PINYIN_DICT

_RUN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+|[a-z0-9]+")
_LETTERS = re.compile(r"^[a-z]+$")


def normalise(text: str) -> str:
    return unicodedata.normalize("NFKC", text).lower()


def runs(text: str) -> list[str]:
    return _RUN.findall(normalise(text))


def gram_tokens(text: str) -> list[str]:
    """Singles first, then pairs: the pairs of a run stay adjacent, so phrases of pairs work."""
    singles: list[str] = []
    pairs: list[str] = []
    for run in runs(text):
        singles.extend(run)
        pairs.extend(run[i : i + 2] for i in range(len(run) - 1))
    return singles + pairs


def gram_phrase(word: str) -> list[str]:
    """The tokens a query word must match in sequence (one character, or its pairs)."""
    if len(word) == 1:
        return [word]
    return [word[i : i + 2] for i in range(len(word) - 1)]


def pinyin_syllables(text: str) -> list[str]:
    out: list[str] = []
    for piece in lazy_pinyin(normalise(text), errors=lambda chars: list(runs(chars))):
        out.extend(runs(piece))
    return out


def initials(text: str) -> str:
    letters = lazy_pinyin(normalise(text), style=Style.FIRST_LETTER, errors=lambda chars: list(runs(chars)))
    return "".join(p[0] for p in letters if p and p[0].isalnum())


def initials_tokens(text: str) -> list[str]:
    return gram_tokens(initials(text))


@functools.cache
def _syllables() -> frozenset[str]:
    found: set[str] = set()
    for readings in PINYIN_DICT.values():
        for reading in readings.split(","):
            plain = unicodedata.normalize("NFKD", reading)
            plain = "".join(c for c in plain if not unicodedata.combining(c)).replace("ü", "v")
            if _LETTERS.match(plain):
                found.add(plain)
    return frozenset(found)


def split_pinyin(word: str) -> list[str] | None:
    """Split letters into pinyin syllables (fewest syllables wins); the last may be a prefix.

    Returns None when the word is not pinyin, e.g. initials such as `kbqy`.
    """
    syllables = _syllables()
    n = len(word)
    best: list[list[str] | None] = [None] * (n + 1)
    best[0] = []
    for i in range(n):
        if best[i] is None:
            continue
        for j in range(i + 1, min(n, i + 6) + 1):
            piece = word[i:j]
            if piece in syllables:
                candidate = best[i] + [piece]
                if best[j] is None or len(candidate) < len(best[j]):
                    best[j] = candidate
    if best[n] is not None:
        return best[n]
    # Allow an unfinished last syllable (typing "yingyezhizh").
    for i in range(n - 1, 0, -1):
        if best[i] is not None and any(s.startswith(word[i:]) for s in syllables):
            return best[i] + [word[i:] + "*"]
    return None


def is_letters(word: str) -> bool:
    return bool(_LETTERS.match(word))
