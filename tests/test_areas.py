"""Each card names the right person: the contacts that cover its areas, with the
library's conditions beside them; a scenario's own 'tell' still wins."""

from __future__ import annotations

from pathlib import Path

from playbook_builder.pipeline import load_playbook
from playbook_builder.playbook.model import Playbook
from playbook_builder.site import sitemap
from playbook_builder.site.render import render_site

from .conftest import EXAMPLE
from .test_place import card


def demo(tmp_path: Path, edit: tuple[str, str] = ("", ""), public: bool = False) -> Playbook:
    text = EXAMPLE.read_text(encoding="utf-8")
    assert text.count(edit[0]) >= 1
    path = tmp_path / "example.yml"
    path.write_text(text.replace(*edit, 1), encoding="utf-8")
    (tmp_path / "assets").mkdir(exist_ok=True)
    for logo in (EXAMPLE.parent / "assets").iterdir():
        (tmp_path / "assets" / logo.name).write_bytes(logo.read_bytes())
    return load_playbook(path, public=public)


def test_every_library_card_names_areas_not_job_titles() -> None:
    pb = load_playbook(EXAMPLE)
    for plan in pb.incidents:
        if plan.scenario.id != "food-safety-recall":  # the demo's own
            assert plan.scenario.areas, plan.id
        words = " ".join(filter(None, [plan.scenario.who_to_tell, *plan.scenario.first_steps]))
        for title in ("spokesperson", "the next name", "whoever looks after",
                      "communications lead"):
            assert title not in words.lower(), (plan.id, title)


def test_a_card_prints_the_contacts_that_cover_its_areas(tmp_path: Path) -> None:
    text = card(demo(tmp_path), "someone-at-risk")
    tell = text.split("**Tell:**", 1)[1].split("**Don't:**", 1)[0]
    assert tell.startswith(" Whoever covers safeguarding")  # the library's conditions
    assert "- Safeguarding: [Safeguarding lead](contacts.md#safeguarding-lead)" in tell
    assert "[020 7946 0001](tel:02079460001)" in tell
    assert "- Out of hours: [Out\\-of\\-hours contact](contacts.md#out-of-hours)" in tell
    # The hacked account reaches someone out of hours too, not only a weekday contact.
    hacked = card(demo(tmp_path), "account-compromised")
    assert "(tel:07700900123)" in hacked and "(tel:02079460000)" in hacked


def test_a_scenarios_own_tell_wins_and_keeps_the_conditions(tmp_path: Path) -> None:
    pb = demo(tmp_path, ("    someone-at-risk: {visibility: public}\n",
                         "    someone-at-risk: {visibility: public, tell: [shift-lead]}\n"))
    tell = card(pb, "someone-at-risk").split("**Tell:**", 1)[1].split("**Don't:**", 1)[0]
    assert tell.startswith(" Whoever covers safeguarding")
    assert "Saturday shift lead" in tell and "Safeguarding lead" not in tell


def test_the_top_of_the_page_names_who_covers_out_of_hours(tmp_path: Path) -> None:
    page = {p.src: p.markdown for p in render_site(demo(tmp_path))}[sitemap.INCIDENTS]
    top = page.split('<div class="pb-finder" markdown>', 1)[0]
    assert "**Out of hours:** [Out\\-of\\-hours contact](contacts.md#out-of-hours)" in top


def test_a_public_build_prints_no_internal_contact_for_an_area(tmp_path: Path) -> None:
    pb = demo(tmp_path, ("    pile-on: {visibility: public}\n",
                         "    pile-on: {visibility: public}\n"), public=True)
    assert all(c.visibility == "public" for plan in pb.incidents
               for covered in plan.covering for c in [covered.contact])
