"""The language matrix: every per-language table of a closed word class covers every language in LANGUAGES
(docs/verifiers.md, "Languages"); besides them a table may list Chinese, Japanese or Korean."""

from __future__ import annotations

import pytest

from rlvr.verifiers import lexicon
from rlvr.verifiers.lexicon import LANGUAGES

#: tables keyed by word, not by language (``FOREIGN_JOINERS``, ``FOREIGN_MULTIPLIERS``), and the modal predicates
#: of the verb-final languages only
NOT_PER_LANGUAGE = {"FOREIGN_JOINERS", "FOREIGN_MULTIPLIERS", "FOREIGN_MODAL_PREDICATES"}
TABLES = sorted(
    name
    for name in dir(lexicon)
    if name.startswith("FOREIGN_") and isinstance(getattr(lexicon, name), dict) and name not in NOT_PER_LANGUAGE
)


def test_the_tables_are_found() -> None:
    assert {"FOREIGN_NEGATIONS", "FOREIGN_MODALS", "FOREIGN_BELIEFS", "FOREIGN_LABEL_CUES", "FOREIGN_COPULAS"} <= set(
        TABLES
    )


@pytest.mark.parametrize("name", TABLES)
def test_a_table_covers_every_language_read(name: str) -> None:
    table = getattr(lexicon, name)
    assert sorted(set(LANGUAGES) - set(table)) == [], f"{name} lacks these languages"
    assert set(table) - set(LANGUAGES) <= {"zh", "ja", "ko"}, f"{name} has languages LANGUAGES does not list"


@pytest.mark.parametrize("name", TABLES)
def test_an_entry_is_words_of_its_language(name: str) -> None:
    """No entry is left empty by accident: an empty one says why in its table's comment, so none is allowed here
    except where the class has no words of its own in that language."""
    table = getattr(lexicon, name)
    empty = sorted(code for code, words in table.items() if not words)
    assert len(empty) <= len(table) // 4, f"{name}: {empty} are empty"
