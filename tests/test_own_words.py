"""The library is written in its own words: no run of eight or more words is shared with
a source it paraphrases.

The sources are the ideas and quotations the library is built from, as the project's
domain notes give them (copied here so that the test needs nothing outside the
repository). Names are facts and may be cited, so the titles of published works, the
names given to principles and the credits that say whose idea something was are left out
of the sources, and the library's titles, credits, authors and addresses are not checked.
Both sides are compared as lower-case words, without punctuation; a run may span
sentences on either side.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parent.parent
CONTENT = REPO / "content"

RUN = 8
"""The shortest run of shared words that counts as copying."""

NOT_CHECKED = frozenset({"title", "short_title", "credit", "author", "url"})
"""Fields that hold names and addresses, which are facts to cite rather than prose."""

SOURCES: tuple[str, ...] = (
    # The core idea
    "Social media strategy starts from purpose, not from tools. An organisation that"
    " opens accounts everywhere because \"everyone should be on social media\" burns time"
    " and money and cannot tell whether it is working: without a focus there is nothing"
    " to measure. The tools become useful once there is a problem to solve and a group of"
    " people to talk with. Social media is not new in kind; it is people talking, and the"
    " tools make some conversations easier than they are offline (keeping up with"
    " colleagues, exchanging contacts, friend-of-a-friend introductions). There is no"
    " one-size-fits-all plan: each organisation works out its own, and the same tool is"
    " used differently by different organisations.",
    # Principles
    "Decide what you are trying to achieve, then pick the tools that get you there. Write"
    " the communication strategy down before touching a platform. Ask: if the internet did"
    " not exist, how would you start conversations with the people you need to meet, at"
    " what level, and who would introduce you?",
    "The conversations that used to happen on golf courses and in private clubs"
    " increasingly happen online, across status, age and geography. Find where your"
    " audience already talks and join there.",
    "Until you know who should care about your work and why, you do not know what to"
    " share, what to look for, or what to measure. Followers are not the goal; the right"
    " followers might be.",
    "The aim is not a mass audience or another sales channel; it is a better conversation"
    " with the people who matter to you. Treat them as intelligent people. Choosing to do"
    " that is a question of who you are, not only a business decision.",
    "Participate and contribute first; do not overpower or spam, or the community shows"
    " you the door and sees a marketer, not a member. Give before you take.",
    "Work with the focus of each network rather than against it; some obvious tools will"
    " not fit your needs, and some fit only one part of the strategy.",
    "Brief, casual online exchanges build relationships, and relationships pay off,"
    " professionally too.",
    "Busywork across many platforms makes people feel worse and achieves little.",
    # The five-step path
    "Work out why anyone should care about what you are doing.",
    "List the people who should care, grouped by interest.",
    "Start listening to their conversations before speaking.",
    "Take part in a useful way that builds credibility.",
    "Create ways for people who care about your mission to take part.",
    "A related progression, \"learn to crawl before you walk\": find where current and"
    " potential customers are, establish a presence, contribute, and only then promote.",
    # Questions that drive a strategy
    "What are our clients (or members, donors, citizens...) doing online?",
    "What makes the networks they chose attractive to them?",
    "What social gap or real-life problem does that network solve for them?",
    "How can we take part there in a way that adds value, brings us closer, keeps us in"
    " touch with their needs, and is reciprocal?",
    "Wrong questions that skeptical clients ask: \"why do people spend time on this?\" and"
    " \"how can I benefit?\". The first has an answer (people use these networks because it"
    " helps them network offline, find information fast, build relationships and stay in"
    " touch); the second puts the organisation before the audience.",
    # Platform metaphors
    "Social networking in general: a digital cocktail party; mingle, listen, don't hand"
    " out brochures.",
    "LinkedIn: a business conference; business questions and introductions are welcome.",
    "Twitter (X): your own headline news ticker; scan, share, respond fast, keep it short.",
    "YouTube: your private TV station; you program a channel; think in episodes.",
    "Facebook: a social gathering among acquaintances (\"LinkedIn is business, Facebook is"
    " social\"); rapport first; business only after trust.",
    "Metaphors are imperfect and that is stated honestly: they explain a platform's"
    " etiquette, not its features.",
    # Homework and exercises
    "Try one platform seriously for three weeks, then decide.",
    "Write the offline version of the strategy first, on paper.",
    "For each audience, find three places where its conversations already happen.",
    # Objections
    "Executives and colleagues raise objections; the playbook gives calm, specific"
    " responses.",
    "Typical objections: it is a waste of time; we can't measure the return; we'll lose"
    " control of the message; people will say negative things about us; our audience"
    " isn't on social media; we don't have the staff; it's just for young people;"
    " legal/compliance won't allow it; what if an employee says something wrong; we tried"
    " it and nothing happened; it's a fad; we already do marketing.",
    # Reading list (what each work says; the titles are left out)
    "Social media should not come first in a marketing plan.",
    "Markets are conversations.",
    # The operational layer
    "The seeds are about strategy; a playbook that staff and volunteers act on also"
    " answers \"what do I do now, and whom do I ask\".",
    "A named role (not only a person) for each kind of question, with how to reach them"
    " and when; a fallback out of hours. Every page should say who owns it and when it"
    " was last reviewed; a playbook nobody reviews goes stale within a year.",
    "Each scenario: the signs, the first steps in the first minutes, whom to tell, what"
    " not to do, a holding reply. The usual set: a wave of negative comments or a"
    " pile-on; a post that was wrong (correct openly, do not silently delete); someone in"
    " crisis or at risk writes to the account (acknowledge, signpost to emergency or"
    " specialist help, pass to the safeguarding lead, never counsel or promise"
    " confidentiality); a journalist's enquiry (route to the named spokesperson); a hacked"
    " or locked-out account (secure, tell followers, report to the platform); a volunteer"
    " posts something harmful; misinformation about the organisation; out of hours.",
    "What anyone may post (reminders, thanks, shares of agreed material) and what needs"
    " sign-off (appeals for money, anything about the people the organisation serves,"
    " campaigning or political content, replies to complaints), by whom, and how fast"
    " replies are expected.",
    "Written consent before a photo or story of a person is used, the right to withdraw"
    " it, extra care for children and for people using the service, records kept.",
    "Alt text on images, captions on video, transcripts for audio, CamelCase hashtags, no"
    " key text only inside an image, enough contrast, emoji used sparingly and not as"
    " words.",
    "Two-factor sign-in, no shared passwords (a password manager or the platform's roles"
    " instead), access removed when people leave.",
    "Staff and volunteers speaking for themselves versus for the organisation; not"
    " befriending people who use the service; not posting locations and times that put"
    " people at risk.",
    "Do not screenshot or share what people say there, do not name them, do not message"
    " someone about their hardship unless they ask.",
    "A short public moderation policy: what is removed, what is hidden, how to appeal.",
    "Pairs of \"we say / we avoid\" teach voice faster than adjectives.",
    "The Charity Commission for England and Wales' guidance covers policy, approvals,"
    " criticism, personal use and what to do when something goes wrong; the UK Government"
    " Digital Service published a social media playbook; GOV.UK's Service Manual and the"
    " GitLab handbook show an owner and a review date on every page; Mailchimp's content"
    " style guide teaches voice by example.",
    # Platforms as they are in late 2026
    "X (formerly Twitter): the default feed is algorithmic (\"For you\"), beside a"
    " \"Following\" tab; many organisations now weigh whether to stay (values, brand"
    " safety, falling reach).",
    "Threads: Meta's text network, tied to Instagram accounts (launched 2023).",
    "Bluesky: open to everyone without invites since early 2024; posts can be read"
    " without an account.",
    "Mastodon: independent servers that talk to each other (the fediverse).",
    "WhatsApp: groups; communities (groups of groups); channels for one-way updates"
    " (2023).",
    "Instagram: feed, stories, Reels (short video, its main reach format), collab posts"
    " shared by two accounts.",
    "YouTube: long video, Shorts, and video podcasts.",
    "Nextdoor and local neighbourhood groups: where neighbours ask for and offer help.",
    "Google Business Profile: the listing on Google Search and Maps with opening hours and"
    " updates; for a local service, often the first thing people see.",
)


def words(text: str) -> list[str]:
    """The text as lower-case words: letters and digits only, so punctuation, quotes,
    hyphens and Markdown do not hide a shared run."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    return re.findall(r"[^\W_]+", folded)


def runs(text: str) -> Iterator[tuple[str, ...]]:
    """Every run of RUN consecutive words in the text."""
    found = words(text)
    for start in range(len(found) - RUN + 1):
        yield tuple(found[start:start + RUN])


SOURCE_RUNS = frozenset(run for source in SOURCES for run in runs(source))


def checked_text(value: object, path: str = "") -> Iterator[tuple[str, str]]:
    """(field path, text) for every string in an item, except names and addresses."""
    if isinstance(value, dict):
        for key, item in value.items():
            if key not in NOT_CHECKED:
                yield from checked_text(item, f"{path}.{key}" if path else str(key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from checked_text(item, f"{path}[{i}]")
    elif isinstance(value, str):
        yield path, value


def overlaps(text: str) -> list[str]:
    """The shared runs in the text, each once, in the order they appear."""
    seen: dict[str, None] = {}
    for run in runs(text):
        if run in SOURCE_RUNS:
            seen.setdefault(" ".join(run))
    return list(seen)


ITEMS = sorted(CONTENT.glob("*/*.yml"))


def test_the_library_is_there() -> None:
    assert len(ITEMS) > 50
    assert all(len(words(source)) > 0 for source in SOURCES)


def test_a_shared_run_is_found() -> None:
    """The check finds a copied run however it is punctuated, cased or split."""
    copied = "As they say: WITHOUT a focus, there is nothing -- to *measure*!"
    assert overlaps(copied) == ["without a focus there is nothing to measure"]
    assert overlaps("without a focus there is little to measure") == []
    assert overlaps("a focus there is nothing to measure") == []  # seven words


@pytest.mark.parametrize("path", ITEMS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_no_run_of_eight_words_is_shared_with_a_source(path: Path) -> None:
    item = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    found = [f"{field}: {run!r}" for field, text in checked_text(item)
             for run in overlaps(text)]
    assert not found, (f"{path.relative_to(REPO)} shares runs of {RUN} words with its"
                       " sources:\n  " + "\n  ".join(found))
