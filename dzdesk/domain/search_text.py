"""Making Chinese text searchable by SQLite's full-text index.

SQLite's tokenizers split on spaces and punctuation, so a run of Chinese characters is one long token and a search
for two characters inside it finds nothing. Here each run is indexed as its single characters and its character
pairs (`联合验收` → `联 合 验 收 联合 合验 验收`); a query becomes the pairs it contains, and the caller confirms
the exact substring on the few rows that match.
"""

from __future__ import annotations

import re

_CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_RUNS = re.compile(rf"[{_CJK}]+|[0-9A-Za-z]+")
_IS_CJK = re.compile(rf"[{_CJK}]")


def index_tokens(text: str) -> str:
    """The tokens to store for `text`, separated by spaces."""
    tokens: list[str] = []
    for run in _RUNS.findall(text):
        if _IS_CJK.match(run):
            tokens.extend(run)
            tokens.extend(run[i:i + 2] for i in range(len(run) - 1))
        else:
            tokens.append(run.lower())
    return " ".join(tokens)


def match_expression(query: str) -> str | None:
    """An FTS5 MATCH expression finding every record whose text contains all words of `query`; None when the
    query has nothing searchable. Latin words match as prefixes, so `pd` finds `PDF`."""
    terms: list[str] = []
    for run in _RUNS.findall(query):
        if _IS_CJK.match(run):
            pieces = [run] if len(run) == 1 else [run[i:i + 2] for i in range(len(run) - 1)]
            terms.extend(f'"{p}"' for p in pieces)
        else:
            terms.append(f'"{run.lower()}"*')
    return " AND ".join(dict.fromkeys(terms)) or None


def index_is_exact(word: str) -> bool:
    """Whether the index alone answers `word` exactly: one run of at most two Chinese characters, or one Latin
    word (matched as a word prefix). Longer runs match by their pairs, which may lie apart, so callers confirm."""
    runs = _RUNS.findall(word)
    return len(runs) == 1 and runs[0] == word.strip() and (not _IS_CJK.match(runs[0]) or len(runs[0]) <= 2)
