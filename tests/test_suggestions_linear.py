"""Did-you-mean grows with the references and the ids, never with their product.

Proved by counting, not timing: each collection of choices is read once however many
references search it, and what the searches compare stays within the run's budget.
"""

from __future__ import annotations

import difflib
import random
from collections.abc import Collection, Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from playbook_builder.cli import main
from playbook_builder.inputs import diagnostics
from playbook_builder.inputs.diagnostics import SUGGESTION_BUDGET, Suggestions, did_you_mean


class CountedIds(Collection[str]):
    """Ids that count how often they are read in full."""

    def __init__(self, ids: list[str]) -> None:
        self.ids = ids
        self.reads = 0

    def __iter__(self) -> Iterator[str]:
        self.reads += 1
        return iter(self.ids)

    def __len__(self) -> int:
        return len(self.ids)

    def __contains__(self, item: object) -> bool:
        return item in self.ids


def ids(count: int) -> list[str]:
    return [f"audience-number-{i:04d}" for i in range(count)]


@pytest.fixture
def compared(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The characters each difflib search is handed to compare, one entry per search."""
    searches: list[int] = []
    original = difflib.get_close_matches

    def counting(word: str, possibilities: Any, *args: Any, **kwargs: Any) -> list[str]:
        searches.append(len(possibilities) * len(word) + sum(map(len, possibilities)))
        return original(word, possibilities, *args, **kwargs)

    monkeypatch.setattr(diagnostics.difflib, "get_close_matches", counting)
    return searches


def test_eight_thousand_lookups_read_the_ids_once(compared: list[int]) -> None:
    known = CountedIds(ids(8000))
    suggest = Suggestions()
    hints = [suggest(f"audiance-numbre-{i:04d}", known) for i in range(8000)]
    assert known.reads == 1  # once per lookup, 8,000 sorts of 8,000 ids, before
    assert sum(compared) <= SUGGESTION_BUDGET
    assert hints[-1].startswith("expected one of 'audience-number-0000', ")


def test_the_first_references_keep_their_suggestions(compared: list[int]) -> None:
    known = CountedIds(ids(1000))
    suggest = Suggestions()
    hints = [suggest(f"audiance-numbre-{i:04d}", known) for i in range(1000)]
    assert hints[0] == "did you mean 'audience-number-0000'?"
    assert known.reads == 1
    assert 0 < len(compared) < 10 and sum(compared) <= SUGGESTION_BUDGET


def test_a_search_reads_only_ids_of_a_length_that_can_come_close(
        compared: list[int]) -> None:
    known = ["x" * 3, "facebook", "y" * 40]
    assert did_you_mean("facebok", known) == "did you mean 'facebook'?"
    assert compared == [7 + 8 + 7 + 3]  # 'xxx' and 'facebook'; 40 letters never come close


def test_every_choice_set_is_prepared_once_through_validate(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    prepared: list[int] = []
    original = diagnostics._Choices.of

    def counting(choices: Any) -> diagnostics._Choices:
        result = original(choices)
        prepared.append(result.count)
        return result

    monkeypatch.setattr(diagnostics._Choices, "of", counting)
    audiences = "".join(f"  - {{id: audience-number-{i:04d}, name: A}}\n" for i in range(2000))
    refs = ", ".join(f"audiance-numbre-{i:04d}" for i in range(2000))
    (tmp_path / "p.yml").write_text(
        "schema_version: 1\norganisation:\n  name: H\nwhy: y\naudiences:\n" + audiences
        + f"goals:\n  - {{id: g, statement: s, audiences: [{refs}]}}\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["validate", "p.yml"])
    assert result.exit_code == 2
    assert result.stderr.endswith("2001 errors\n")  # and the audiences past their bound
    assert result.stderr.count("[PB201]") == 2000
    assert prepared == [2000]


def test_suggestions_are_what_difflib_finds_among_all_choices() -> None:
    """Reading only ids of a length that can come close changes no suggestion."""
    rng = random.Random(22)
    letters = "abcdefghij-"
    for _ in range(300):
        choices = ["".join(rng.choices(letters, k=rng.randint(1, 30)))
                   for _ in range(rng.randint(0, 40))]
        value = "".join(rng.choices(letters, k=rng.randint(0, 30)))
        if choices and rng.random() < 0.5:  # a typo of one of them
            typo = list(rng.choice(choices))
            typo[rng.randrange(len(typo))] = rng.choice(letters)
            value = "".join(typo)
        best = difflib.get_close_matches(value, sorted(set(choices)), n=1, cutoff=0.6)
        hint = did_you_mean(value, choices)
        assert hint.startswith("did you mean") == bool(best), (value, choices)
        if best:
            assert hint == f"did you mean '{best[0]}'?"


def test_a_collection_that_changed_is_prepared_again() -> None:
    suggest = Suggestions()
    known = ["facebook"]
    assert suggest("linkedn", known) == "expected one of 'facebook'"
    known.append("linkedin")
    assert suggest("linkedn", known) == "did you mean 'linkedin'?"


def test_choices_read_once_from_an_iterator() -> None:
    suggest = Suggestions()
    assert suggest("facebok", iter(["facebook", "linkedin"])) == "did you mean 'facebook'?"
    assert suggest("x", iter([])) == "there is nothing to refer to here yet"


def test_a_run_holds_only_a_few_collections() -> None:
    suggest = Suggestions()
    for i in range(1000):
        suggest("facebok", [f"platform-{i}"])
    assert len(suggest._held) <= diagnostics._HELD
