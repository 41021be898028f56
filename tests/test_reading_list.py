"""The reading list names who wrote each work and when, and links only to addresses that
someone checked.

An address goes into the library only once a person has found it in a source they trust
(the publisher's own site, or a stored copy of the page) and confirmed that it is the
canonical public page of that work. Such addresses are listed below with where each was
checked; an entry whose address is not known has no ``url``, and that is fine.
"""

from __future__ import annotations

import re

import pytest

from playbook_builder.inputs.library import Library, Reading
from playbook_builder.inputs.loading import load_library
from playbook_builder.resources import data_dir

REVIEWED_URLS = {
    # The manifesto's own site, where its authors published it in 1999; its pages are
    # linked over https in 2026 (for example https://www.cluetrain.com/book/longing.html).
    "https://www.cluetrain.com/",
    # GOV.UK publication page of the Charity Commission's guidance of 18 September 2023,
    # as linked when it appeared (a charity adviser's post of 22 September 2023).
    "https://www.gov.uk/government/publications/charities-and-social-media",
    # GOV.UK guidance page of the GDS playbook (stored copy of the page itself; also
    # linked from Defra's accessibility guidance, 2022).
    "https://www.gov.uk/guidance/social-media-playbook",
    # The Government Communication Service's own page (stored copy; also linked from
    # Defra's accessibility guidance, 2022).
    "https://gcs.civilservice.gov.uk/guidance/digital-communication/"
    "planning-creating-and-publishing-accessible-social-media-campaigns/",
    # Samaritans' own page for its media guidelines (stored copy).
    "https://www.samaritans.org/about-samaritans/media-guidelines/",
    # The National Suicide Prevention Alliance's own page for its guidelines (stored copy).
    "https://www.nspa.org.uk/responding-suicidal-content-online/",
    # Mailchimp's own subdomain for its content style guide, the address style and
    # accessibility references link to.
    "https://styleguide.mailchimp.com/",
}

def _entries() -> list[object]:
    return [pytest.param(r, id=r.id) for r in load_library(data_dir("content")).reading]


@pytest.mark.parametrize("entry", _entries())
def test_every_entry_names_its_author_and_year(entry: Reading) -> None:
    assert entry.author is not None and entry.author.strip(), f"{entry.id}: no author"
    assert entry.year is not None and re.fullmatch(r"[0-9]{4}", entry.year), (
        f"{entry.id}: the year must be four digits, not {entry.year!r}")


def test_every_address_was_reviewed(library: Library) -> None:
    unreviewed = {r.id: r.url for r in library.reading
                  if r.url is not None and r.url not in REVIEWED_URLS}
    assert not unreviewed, ("addresses nobody checked; leave 'url' out, or check the"
                            f" address and add it to REVIEWED_URLS: {unreviewed}")


def test_addresses_are_https(library: Library) -> None:
    assert all(url.startswith("https://") for url in REVIEWED_URLS)
    plain = {r.id: r.url for r in library.reading
             if r.url is not None and not r.url.startswith("https://")}
    assert not plain


def test_every_reviewed_address_belongs_to_an_entry(library: Library) -> None:
    """The list of checked addresses is kept to the ones in use."""
    unused = REVIEWED_URLS - {r.url for r in library.reading}
    assert not unused, f"remove the addresses no entry uses: {sorted(unused)}"


def test_the_list_keeps_its_anchors(library: Library) -> None:
    """The current references the playbook's operational pages lean on."""
    ids = set(library.ids("reading"))
    assert {"charities-and-social-media", "gds-social-media-playbook",
            "cluetrain-manifesto"} <= ids
    assert len(ids) >= 8
