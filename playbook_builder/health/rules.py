"""The strategy health rules, each defined once with the check that finds it.

A rule belongs to a step of the five-step path and explains, in the method's own words,
why it matters; its check reads the merged playbook and yields where the profile could
follow the method more closely, what was noticed, and what to do about it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from datetime import date

from ..inputs.areas import AREA_TITLES
from ..inputs.build_time import build_time
from ..inputs.diagnostics import in_words
from ..inputs.library import STEP_IDS, StepId
from ..inputs.profile import Role
from ..inputs.yamlsource import Loc
from ..playbook.model import Playbook
from .findings import Rule, Severity

MIN_WHY_WORDS = 8
"""Below this, the answer to "why care?" is a placeholder rather than an answer."""

FULL_WHY_WORDS = 25
"""Below this, the answer is a start; the why step asks for a short paragraph."""

MAX_PLATFORMS_PER_OWNER = 2
"""More platforms than this for one person is busywork the method warns against."""

NAMED = 3
"""How many items a finding about many of them names before saying how many more."""

WORKSHOP_PATHS = ("exercises/", "questions/", "workshop/")
"""Path entries under these (and ``workshop`` itself) lead into the editors' workshop
rather than the playbook."""


_Notes = Iterator[tuple[Loc, str, str]]
"""What a check yields: where, the message and the advice, for each finding."""
_Check = Callable[[Playbook], _Notes]

CHECKS: list[tuple[Rule, _Check]] = []


def _rule(
    id: str, severity: Severity, step: StepId, title: str, explanation: str, source: str
) -> Callable[[_Check], _Check]:
    """Register the decorated check under a rule, so each rule is defined exactly once."""

    def register(check: _Check) -> _Check:
        CHECKS.append((Rule(id, severity, step, title, explanation, source), check))
        return check

    return register


def _words(text: str) -> int:
    return len(text.split())


def _quote(text: str, limit: int = 80) -> str:
    """``text`` on one line in single quotes, shortened so messages stay readable."""
    flat = " ".join(text.split())
    if len(flat) > limit:
        flat = flat[: limit - 1].rstrip() + "…"
    return f"'{flat}'"


def _few(names: list[str]) -> str:
    """The first few of ``names`` in plain words, and how many more there are."""
    if len(names) <= NAMED + 1:
        return in_words(names)
    return f"{', '.join(names[:NAMED])} and {len(names) - NAMED} more"


def today() -> date:
    """The date the health check counts as today, for the rules that compare dates.

    The same inputs must give the same site, byte for byte, on whatever day they are
    built, so a build's date comes from ``SOURCE_DATE_EPOCH`` (seconds since the epoch,
    read as UTC, by :func:`inputs.build_time.build_time`), which ``playbook build`` sets
    from the last commit. Without it, as for ``playbook check`` run by hand, it is the
    local date. Every command refuses a malformed value before a rule runs."""
    when = build_time()
    return when.date() if when is not None else date.today()


def _keeps_standard_on(pb: Playbook, topic: str) -> bool:
    """Whether the playbook keeps a standard on ``topic``. A public build leaves internal
    standards out, so there, whether one of those covers it is for the full check to say."""
    if any(standard.topic == topic for standard in pb.standards):
        return True
    return "standards" in pb.withheld


# --- Step 1: why care? -----------------------------------------------------------------


@_rule(
    "why-missing", "warning", "why", "The why is missing",
    "Everything else in the playbook rests on why anyone should care about your work. "
    "Without it there is nothing to choose audiences, platforms or measures by.",
    "strategy/why",
)
def _why_missing(pb: Playbook) -> _Notes:
    why = pb.profile.why
    if _words(why) < MIN_WHY_WORDS:
        yield (("why",),
               f"Your answer to 'why should anyone care?' is only {_quote(why)}.",
               "Write a few sentences about what changes in someone's life, work or "
               "neighbourhood because you exist. Try the one-sentence exercise on the "
               "'Why care' page with two people who do not work with you.")


@_rule(
    "why-thin", "advice", "why", "The why could say more",
    "A short paragraph on why your work matters to people outside your organisation "
    "gives every later choice something to be judged against.",
    "strategy/why",
)
def _why_thin(pb: Playbook) -> _Notes:
    count = _words(pb.profile.why)
    if MIN_WHY_WORDS <= count < FULL_WHY_WORDS:
        yield (("why",),
               f"Your answer to 'why should anyone care?' has {count} words.",
               "It is a good start. Add a sentence or two on who it matters to and what "
               "they would miss if you stopped tomorrow.")


@_rule(
    "no-goals", "warning", "why", "No goals yet",
    "Decide what you want to achieve before choosing any tools; without a goal there is "
    "nothing to measure and no way to tell whether the work is helping.",
    "principles/know-where-you-are-going",
)
def _no_goals(pb: Playbook) -> _Notes:
    if not pb.profile.goals:
        yield (("goals",),
               "The profile has no goals yet.",
               "Add two or three goals under 'goals', each saying who should do what, "
               "and by when, with a measure that tells you whether it happened.")


@_rule(
    "goal-without-measure", "warning", "why", "A goal without a measure",
    "A goal needs a way to tell whether it has been met; otherwise nobody can say "
    "whether the time spent is working.",
    "strategy/why",
)
def _goal_without_measure(pb: Playbook) -> _Notes:
    for i, goal in enumerate(pb.profile.goals):
        if not goal.measures:
            yield (("goals", i, "measures"),
                   f"The goal {_quote(goal.statement)} has no measure.",
                   "Add one or two 'measures' you could count each month, such as "
                   "sign-ups, replies or referrals that the goal is really about.")


_VANITY = re.compile(
    r"\b(followers?|likes|fans|views|impressions|reach|retweets?|reposts?|shares|"
    r"subscribers?|reactions|hearts|engagement|page ?views|follower count)\b",
    re.IGNORECASE,
)
"""Counts that grow without anyone doing what the goal needs."""

_OUTCOME = re.compile(
    r"\b(who|that|which|becom\w*|turn\w* into|go on to|went on to|sign(?:ed|s)? up)\b",
    re.IGNORECASE,
)
"""Words that tie a count to what people then do ("subscribers who become donors")."""


def _is_vanity(measure: str) -> bool:
    return bool(_VANITY.search(measure)) and not _OUTCOME.search(measure)


@_rule(
    "goal-only-vanity-measures", "warning", "why", "A goal measured only by popularity",
    "Follower and like counts look like progress but say little on their own; the right "
    "followers matter, not the number. Count the actions your goal depends on.",
    "principles/tactic-not-strategy",
)
def _goal_only_vanity(pb: Playbook) -> _Notes:
    for i, goal in enumerate(pb.profile.goals):
        if goal.measures and all(_is_vanity(m) for m in goal.measures):
            counted = in_words([_quote(m) for m in goal.measures])
            yield (("goals", i, "measures"),
                   f"The goal {_quote(goal.statement)} is measured only by {counted}.",
                   "Keep these if they help, and add a measure of what people do because "
                   "of it, such as sign-ups, donations, replies or referrals.")


@_rule(
    "platform-without-goal", "warning", "why", "A tool before a strategy",
    "No account should be opened until it is linked to one of your goals; a platform "
    "that serves no goal is effort with nothing to show for it.",
    "strategy/why",
)
def _platform_without_goal(pb: Playbook) -> _Notes:
    for i, platform in enumerate(pb.platforms):
        if not platform.goals:
            yield (("platforms", i, "goals"),
                   f"The platform {_quote(platform.name)} serves no goal.",
                   f"Name the goal {platform.name} helps with under its 'goals', or pause "
                   "it until one of your goals needs it.")


# --- Step 2: who? ----------------------------------------------------------------------


@_rule(
    "goal-without-audience", "warning", "who", "A goal without an audience",
    "Every goal depends on some group of people doing something; linking it to them "
    "shows whose conversations to follow and where to take part.",
    "strategy/who",
)
def _goal_without_audience(pb: Playbook) -> _Notes:
    for i, goal in enumerate(pb.profile.goals):
        if not goal.audiences:
            yield (("goals", i, "audiences"),
                   f"The goal {_quote(goal.statement)} names no audience.",
                   "Add the ids of the audiences this goal depends on under its "
                   "'audiences'.")


@_rule(
    "platform-without-audience", "warning", "who", "A platform for nobody in particular",
    "Until you know who a platform is for, you cannot tell what to share there, what to "
    "listen for or what to count.",
    "principles/tactic-not-strategy",
)
def _platform_without_audience(pb: Playbook) -> _Notes:
    for i, platform in enumerate(pb.platforms):
        if not platform.audiences:
            yield (("platforms", i, "audiences"),
                   f"The platform {_quote(platform.name)} names no audience.",
                   f"Add the audiences you meet on {platform.name} under its "
                   "'audiences'; if you cannot name one, it may not be needed yet.")


@_rule(
    "audience-without-place", "advice", "who", "An audience with no known meeting place",
    "Conversations already happen somewhere; joining them works better than building a "
    "stage and hoping people turn up.",
    "principles/go-where-the-conversation-is",
)
def _audience_without_place(pb: Playbook) -> _Notes:
    for i, audience in enumerate(pb.profile.audiences):
        if not audience.hangs_out:
            yield (("audiences", i, "hangs_out"),
                   f"The audience {_quote(audience.name)} has no place listed where it "
                   "already talks.",
                   "Ask a few of them where they swap news and questions, and list those "
                   "platforms under 'hangs_out'; three places is a good start.")


@_rule(
    "platform-away-from-audience", "advice", "who", "A platform where your audience is not",
    "Go where your audience already talks rather than asking it to come to you; a "
    "platform none of its audiences uses means building an empty stage.",
    "principles/go-where-the-conversation-is",
)
def _platform_away_from_audience(pb: Playbook) -> _Notes:
    for i, platform in enumerate(pb.platforms):
        audiences = platform.audiences or pb.profile.audiences
        if not any(a.hangs_out for a in audiences):
            continue  # nobody's places are known yet: audience-without-place says so
        if not any(platform.id in a.hangs_out for a in audiences):
            who = in_words([_quote(a.name) for a in audiences])
            yield (("platforms", i),
                   f"{_quote(platform.name)} is not among the places where its "
                   f"audiences ({who}) already talk.",
                   f"Check whether {platform.name} is really where they are. If it is, add "
                   f"'{platform.id}' to their 'hangs_out'; if not, consider meeting them "
                   "where they already talk instead.")


@_rule(
    "audience-not-reached", "advice", "who", "An audience no platform reaches",
    "Naming an audience is the start; the plan should say where you will meet it, "
    "ideally in a place it already uses.",
    "principles/go-where-the-conversation-is",
)
def _audience_not_reached(pb: Playbook) -> _Notes:
    chosen = {p.id for p in pb.platforms}
    for i, audience in enumerate(pb.profile.audiences):
        if pb.platforms_for(audience.id) or chosen.intersection(audience.hangs_out):
            continue
        places = (f" They already talk on {in_words(list(audience.hangs_out))}; one of those "
                  "may be the place to start." if audience.hangs_out else "")
        yield (("audiences", i),
               f"None of your chosen platforms reaches the audience {_quote(audience.name)}.",
               "Add this audience to a platform you already use, or choose where to meet "
               f"them offline for now.{places}")


# --- Step 3: listen --------------------------------------------------------------------


@_rule(
    "audience-without-listening", "warning", "listen", "An audience nobody listens to",
    "Listen before you speak: hearing what people already say shows where you can help "
    "and how each space expects a newcomer to behave.",
    "principles/listen-before-you-speak",
)
def _audience_without_listening(pb: Playbook) -> _Notes:
    heard = {plan.audience for plan in pb.profile.listening}
    for i, audience in enumerate(pb.profile.audiences):
        if audience.id not in heard:
            yield (("audiences", i),
                   f"There is no listening plan for the audience {_quote(audience.name)}.",
                   f"Add an entry under 'listening' with 'audience: {audience.id}', where "
                   "you will listen and what you listen for.")


@_rule(
    "listening-plan-incomplete", "advice", "listen", "A listening plan with a gap",
    "Listening works best with a few named places to follow and a few things to listen "
    "for, so it gives you a starting point to compare against later.",
    "strategy/listen",
)
def _listening_incomplete(pb: Playbook) -> _Notes:
    names = {a.id: a.name for a in pb.profile.audiences}
    for i, plan in enumerate(pb.profile.listening):
        missing = [key for key, value in (("where", plan.where),
                                          ("listen_for", plan.listen_for)) if not value]
        if missing:
            name = _quote(names.get(plan.audience, plan.audience))
            what = {"where": "where you listen", "listen_for": "what you listen for"}
            yield (("listening", i, missing[0]),
                   f"The listening plan for {name} does not say "
                   f"{' or '.join(what[m] for m in missing)}.",
                   f"Fill in {' and '.join(repr(m) for m in missing)}: for example the "
                   "groups you follow and the questions that keep coming up.")


# --- Step 4: participate ---------------------------------------------------------------


@_rule(
    "participation-without-donts", "warning", "participate", "No don'ts for taking part",
    "Communities welcome members and push away marketers; a short list of what you never "
    "do keeps everyone who posts on the right side of that line.",
    "principles/earn-the-right-before-you-sell",
)
def _participation_without_donts(pb: Playbook) -> _Notes:
    if not pb.profile.participation.dont:
        yield (("participation", "dont"),
               "The participation plan has no 'don't' yet.",
               "Agree two or three things nobody posts or does, such as arguing in public "
               "or selling in a space where you have not yet helped, and list them under "
               "'dont'.")


@_rule(
    "participation-without-dos", "advice", "participate", "No dos for taking part",
    "Credibility comes from useful contributions; naming them helps everyone who posts "
    "aim for better conversations rather than more noise.",
    "principles/smarter-conversations",
)
def _participation_without_dos(pb: Playbook) -> _Notes:
    if not pb.profile.participation.do:
        yield (("participation", "do"),
               "The participation plan does not say what you do when you take part.",
               "List a few useful habits under 'do', such as answering questions within a "
               "day or sharing other groups' good news.")


@_rule(
    "platform-without-owner", "advice", "participate", "A platform nobody looks after",
    "A platform nobody is responsible for becomes busywork for whoever has a spare "
    "moment, or an account that quietly goes stale.",
    "principles/no-hamster-wheels",
)
def _platform_without_owner(pb: Playbook) -> _Notes:
    for i, platform in enumerate(pb.platforms):
        if not platform.owner:
            yield (("platforms", i, "owner"),
                   f"The platform {_quote(platform.name)} has no owner.",
                   f"Name the person or team who looks after {platform.name} under its "
                   "'owner'; if nobody can, consider pausing it.")


@_rule(
    "platform-without-cadence", "advice", "participate", "A platform with no rhythm",
    "Saying how often you take part keeps the effort in proportion and tells you whether "
    "the plan fits the time you have.",
    "principles/no-hamster-wheels",
)
def _platform_without_cadence(pb: Playbook) -> _Notes:
    for i, platform in enumerate(pb.platforms):
        if not platform.cadence:
            yield (("platforms", i, "cadence"),
                   f"The platform {_quote(platform.name)} has no cadence.",
                   f"Say how often you take part on {platform.name} under its 'cadence', "
                   "such as \"twice a week\"; a pace you can keep beats a busy one.")


@_rule(
    "owner-overloaded", "warning", "participate", "More platforms than one person can carry",
    "Busy activity spread across many platforms wears people out and achieves little; "
    "a few channels, each with a clear purpose, usually do more good.",
    "principles/no-hamster-wheels",
)
def _owner_overloaded(pb: Playbook) -> _Notes:
    held: dict[str, list[int]] = {}
    for i, platform in enumerate(pb.platforms):
        if platform.owner:
            held.setdefault(" ".join(platform.owner.split()).casefold(), []).append(i)
    for indexes in held.values():
        if len(indexes) > MAX_PLATFORMS_PER_OWNER:
            owner = pb.platforms[indexes[0]].owner or ""
            names = in_words([pb.platforms[i].name for i in indexes])
            yield (("platforms", indexes[MAX_PLATFORMS_PER_OWNER], "owner"),
                   f"{_quote(owner)} looks after {len(indexes)} platforms: {names}.",
                   f"Share some with a colleague, or keep the {MAX_PLATFORMS_PER_OWNER} that "
                   "serve your goals best and pause the rest until there is time for them.")


@_rule(
    "incident-without-contact", "warning", "participate", "Nobody to tell when things go wrong",
    "Taking part in public means things will sometimes go wrong; whoever spots it should "
    "know at once whom to tell, not have to work it out under pressure.",
    "strategy/participate",
)
def _incident_without_contact(pb: Playbook) -> _Notes:
    if pb.public:
        return  # internal contacts and scenarios are left out of a public build
    alone = [plan for plan in pb.incidents if not plan.tell]
    if not alone:
        return
    titles = [_quote(plan.scenario.title) for plan in alone]
    total = len(pb.incidents)
    if not pb.contacts:
        yield (("contacts",),
               f"The profile has no contacts, so none of the {total} scenarios of when "
               f"things go wrong names anyone to tell ({_few(titles)}).",
               "Add the people to tell under 'contacts', each with an 'id', a 'role' and "
               "an 'email' or 'phone', then name them by id under 'incidents: tell: [...]' "
               "for every scenario, or under 'incidents: override: <id>: tell' for one.")
        return
    first = pb.contacts[0].id
    # An empty 'tell' of a scenario's own tells nobody, whatever 'incidents: tell' says,
    # so the advice for those is to name someone there.
    emptied = [_quote(plan.scenario.title) for plan in alone if not plan.by_default]
    if len(alone) == 1:
        scenario = alone[0].scenario
        loc, where = _own_tell(pb, scenario.id, scenario.aliases)
        message = f"The scenario {titles[0]} names nobody to tell."
        if emptied:
            yield (loc, message,
                   f"Its 'tell' under {where} is empty, which tells nobody, not even the "
                   "contacts under 'incidents: tell': name the contacts to tell there, such "
                   f"as 'tell: [{first}]', or remove it.")
            return
        place = ("its 'tell' under 'incidents: add'" if loc[1] == "add"
                 else f"'incidents: override: {scenario.id}: tell'")
        yield (("incidents",), message,
               f"Name the contacts to tell by id under {place}, such as "
               f"'tell: [{first}]', or under 'incidents: tell: [...]' for every scenario "
               "that names none of its own.")
        return
    count = f"All {total}" if len(alone) == total else f"{len(alone)} of the {total}"
    advice = (f"Name the contacts to tell by id under 'incidents: tell: [...]', such as "
              f"'tell: [{first}]', for every scenario that names none of its own; name others "
              "for one scenario under 'incidents: override: <id>: tell'.")
    if emptied:
        have = "has" if len(emptied) == 1 else "have"
        advice += (f" {_few(emptied)} {have} an empty 'tell' of "
                   f"{'its' if len(emptied) == 1 else 'their'} own, which tells nobody: name "
                   "someone there, or remove it.")
    yield (("incidents",),
           f"{count} scenarios of when things go wrong name nobody to tell: "
           f"{_few(titles)}.", advice)


def _own_tell(pb: Playbook, scenario_id: str, aliases: tuple[str, ...]) -> tuple[Loc, str]:
    """Where a scenario's own 'tell' is, or would go: under its entry in 'incidents: add',
    else under its override (by whichever id the profile names it)."""
    incidents = pb.profile.incidents
    for i, entry in enumerate(incidents.add):
        if entry.id == scenario_id:
            return ("incidents", "add", i, "tell"), "'incidents: add'"
    name = next((n for n in incidents.override if n in (scenario_id, *aliases)), scenario_id)
    return ("incidents", "override", name, "tell"), f"'incidents: override: {name}'"


@_rule(
    "photos-without-consent", "warning", "participate",
    "Photos of people without a consent standard",
    "Where people share photos and video of people, everyone who posts for you needs to "
    "know when to ask first, and children and people at risk need the most care.",
    "strategy/participate",
)
def _photos_without_consent(pb: Playbook) -> _Notes:
    shared = [platform.name for platform in pb.platforms if platform.guide.photos]
    if shared and not _keeps_standard_on(pb, "consent"):
        places = in_words(shared)
        yield (("standards",),
               f"People share photos and video of people on {places}, but the playbook "
               "has no standard on consent.",
               "Keep the library's 'consent' standard (take it out of 'standards: exclude', "
               "or add it to 'standards: select'), or add your own under 'standards: add' "
               "with 'topic: consent' and what you do under 'we_do'.")


@_rule(
    "no-accessibility-standard", "warning", "participate", "No standard for accessible posts",
    "A post someone cannot see, hear or read has not reached them; alt text, captions "
    "and plain words let everyone you want to reach take part.",
    "strategy/participate",
)
def _no_accessibility_standard(pb: Playbook) -> _Notes:
    if pb.platforms and not _keeps_standard_on(pb, "accessibility"):
        yield (("standards",),
               "The playbook has no standard on accessibility.",
               "Keep the library's 'accessibility' standard (take it out of 'standards: "
               "exclude', or add it to 'standards: select'), or add your own under "
               "'standards: add' with 'topic: accessibility' and what you do under "
               "'we_do'.")


@_rule(
    "platform-nobody-answers", "warning", "participate", "A platform nobody answers on",
    "Messages and comments arrive on every platform we are on, and one from someone in "
    "trouble cannot wait; once roles say what they do, each platform needs a role that "
    "answers there, so that its path takes in the cards that matter.",
    "strategy/participate",
)
def _platform_nobody_answers(pb: Playbook) -> _Notes:
    if not any(role.duties for role in pb.roles):
        return  # duties are not in use: nothing to compare
    answered = {name for role in pb.roles if "answer" in role.duties
                for name in role.platforms}
    answering = next((r.id for r in pb.roles if "answer" in r.duties), None)
    for i, chosen in enumerate(pb.platforms):
        if not ({chosen.id, *chosen.aliases} & answered):
            name = chosen.guide.name
            where = (f"add '{chosen.id}' to the 'platforms' of '{answering}', or of "
                     "another role with 'duties: [answer]'") if answering else (
                "give a role 'duties: [answer]' and this platform under its 'platforms'")
            yield (("platforms", i),
                   f"No role answers messages and comments on {name}.",
                   f"Say who does: {where}.")


@_rule(
    "duty-item-left-out", "warning", "participate", "A duty's card left out",
    "A role's duties decide what it must know; a scenario or standard they need that the "
    "playbook leaves out is one its people meet without a plan.",
    "strategy/participate",
)
def _duty_item_left_out(pb: Playbook) -> _Notes:
    if pb.public:
        return  # internal items are left out of a public build on purpose
    missing = dict(pb.unchosen_for_duties)
    for i, role in _roles_as_written(pb):
        titles = missing.get(role.id)
        if titles:
            duties = " and ".join(f"'{d}'" for d in role.duties)
            yield (("roles", i, "duties"),
                   f"{_quote(role.name)} has the duties {duties}, which need "
                   f"{_few([_quote(t) for t in titles])}, but the playbook leaves "
                   f"{'it' if len(titles) == 1 else 'them'} out.",
                   "Bring them back under 'incidents' or 'standards' (take them out of "
                   "'exclude', or add them to 'select'), or leave the duty out if the role "
                   "does not do it.")


@_rule(
    "answers-without-out-of-hours", "warning", "participate",
    "Someone answers messages, nobody answers after hours",
    "Whoever answers messages will one day read one from someone in trouble after the "
    "office has closed; they need a person to call then, not a weekday address.",
    "strategy/participate",
)
def _answers_without_out_of_hours(pb: Playbook) -> _Notes:
    if pb.public or not pb.incidents:
        return  # contacts left out on purpose; no cards to call from
    after_hours = next((plan for plan in pb.incidents if plan.id == "out-of-hours"), None)
    if pb.covering("out-of-hours") or (after_hours and not after_hours.by_default
                                       and after_hours.tell):
        return
    for i, role in _roles_as_written(pb):
        if "answer" in role.duties:
            yield (("roles", i, "duties"),
                   f"{_quote(role.name)} answers messages, but no contact covers out of "
                   "hours.",
                   "Add 'out-of-hours' to the 'covers' of the contact people can phone "
                   "in the evening and at weekends, under 'contacts'.")
            return  # one finding: the fix is one contact, not one per role


@_rule(
    "area-without-contact", "warning", "participate", "A card with nobody for its area",
    "A card of when things go wrong says whom to tell by area (safeguarding, media, "
    "accounts...); a card whose area nobody covers leaves its reader to guess who that is, "
    "at the worst moment.",
    "strategy/participate",
)
def _area_without_contact(pb: Playbook) -> _Notes:
    if pb.public or not pb.contacts:
        return  # contacts left out on purpose, or none at all (no-contacts says so)
    needed: dict[str, None] = {}  # the areas nobody covers, in the cards' order
    cards: dict[str, None] = {}
    for plan in pb.incidents:
        if plan.by_default:  # a card with a tell of its own names its people already
            for wanted in plan.scenario.areas:
                if not pb.covering(wanted):
                    needed[wanted] = None
                    cards[_quote(plan.scenario.title)] = None
    if not needed:
        return
    areas = [AREA_TITLES[area].lower() for area in needed]
    count = f"the card {next(iter(cards))}" if len(cards) == 1 else (
        f"{len(cards)} cards of when things go wrong ({_few(list(cards))})")
    yield (("contacts",),
           f"No contact covers {in_words(areas)}, which {count} "
           f"{'asks' if len(cards) == 1 else 'ask'} the reader to tell.",
           f"Add 'covers: [{', '.join(needed)}]' to the contacts who look after them, under "
           "'contacts' (each contact lists only its own areas); or give a card a 'tell' of "
           "its own under 'incidents: override'.")


@_rule(
    "no-emergency-number", "warning", "participate", "Safety cards without their numbers",
    "A card for someone at risk is read at the worst moment; it must give the right "
    "emergency number and a helpline for where the organisation is, and never guess one.",
    "strategy/participate",
)
def _no_emergency_number(pb: Playbook) -> _Notes:
    if not pb.incidents:
        return
    place = pb.place
    missing = [what for what, unknown in (("emergency number", place.emergency is None),
                                          ("crisis line", place.helpline("crisis") is None))
               if unknown]
    if not missing:
        return
    what = " or ".join(missing)
    country = place.country
    if country is None:
        message = (f"The safety cards give no {what}: the profile does not say which "
                   "country the organisation is in.")
    else:
        message = f"The library has no {what} for the country '{country}'."
    yield (("organisation", "country") if country else ("organisation",), message,
           "Add 'country:' under 'organisation' with your country's code, such as "
           "'country: GB', 'US' or 'AU', to use the library's numbers; or give your own "
           "under 'safety': 'emergency', and a helpline with 'kind: crisis', its 'name' "
           "and 'phone'.")


@_rule(
    "no-approvals", "advice", "participate", "No rules on what needs sign-off",
    "People take part more readily when they know what they may post without asking and "
    "what needs a second pair of eyes first.",
    "strategy/participate",
)
def _no_approvals(pb: Playbook) -> _Notes:
    if not pb.platforms:
        return
    rules = pb.approvals
    if rules is None:
        message = ("The profile does not say what may be posted without asking, or what "
                   "needs sign-off first.")
    elif not (rules.anyone_may_post or rules.needs_sign_off):
        message = ("The 'approvals' section lists nothing under 'anyone_may_post' or "
                   "'needs_sign_off'.")
    else:
        return
    yield (("approvals",),
           message,
           "Under 'approvals', list what anyone may post without asking under "
           "'anyone_may_post', such as event reminders, and what needs sign-off under "
           "'needs_sign_off', each with 'what' and 'by' (the id of the contact who signs "
           "it off).")


# --- Step 5: lead ----------------------------------------------------------------------


@_rule(
    "no-leading-initiative", "warning", "lead", "No way for supporters to take part",
    "The last step opens doors so that people who care about your mission can do "
    "something with you, not only hear from you.",
    "strategy/lead",
)
def _no_leading(pb: Playbook) -> _Notes:
    if not pb.profile.leading:
        yield (("leading",),
               "The profile has no leading initiative yet.",
               "Add one simple invitation under 'leading', such as a supper club, a story "
               "exchange or a help session, and try it with a few supporters first.")


@_rule(
    "checklist-beyond-path", "advice", "lead", "A checklist step the path does not prepare",
    "A newcomer ticks their checklist after reading their path; a step that names a "
    "platform, a card or a standard their path never reaches asks them to do what "
    "nobody has shown them.",
    "strategy/lead",
)
def _checklist_beyond_path(pb: Playbook) -> _Notes:
    named = [*((c.guide.name, f"platforms/{c.id}", "platforms") for c in pb.platforms),
             *((plan.scenario.title, f"when-things-go-wrong/{plan.id}",
                "when-things-go-wrong") for plan in pb.incidents),
             *((s.title, f"how-we-post/{s.id}", "how-we-post") for s in pb.standards)]
    for place, role in zip(pb.role_places, pb.roles, strict=True):
        reached = set(role.path)
        for j, step in enumerate(role.checklist):
            for name, ref, page in named:
                if (ref not in reached and page not in reached
                        and re.search(rf"(?<!\w){re.escape(name)}(?!\w)", step, re.I)):
                    yield (("roles", place, "checklist", j),
                           f"The checklist of {_quote(role.name)} asks {_quote(step)}, which "
                           f"names {_quote(name)}, but its path does not lead there.",
                           f"Add '{ref}' to its 'path', or word the step without it.")
                    break


def _roles_as_written(pb: Playbook) -> Iterator[tuple[int, Role]]:
    """The playbook's roles as the profile wrote them, with their places in it: a public
    build leaves some out, and the others' findings must still point at the right one."""
    return zip(pb.role_places, pb.profile.roles, strict=True)


@_rule(
    "role-without-path", "warning", "lead", "A role with nothing to read",
    "Newcomers are the people most ready to take part; a short reading path lets them "
    "start from your purpose rather than from a login.",
    "strategy/lead",
)
def _role_without_path(pb: Playbook) -> _Notes:
    for i, role in _roles_as_written(pb):
        if not role.path:
            yield (("roles", i, "path"),
                   f"The role {_quote(role.name)} has no reading path.",
                   "List three to six pages under 'path', starting with 'strategy/why', so "
                   "someone new knows what to read on their first day.")


@_rule(
    "role-path-skips-strategy", "advice", "lead", "A role path that skips the strategy",
    "Tools only make sense once you know where you are going; people new to a role should "
    "meet the purpose before the platforms.",
    "principles/know-where-you-are-going",
)
def _role_skips_strategy(pb: Playbook) -> _Notes:
    for i, role in _roles_as_written(pb):
        if role.path and not any(p == "strategy" or p.startswith("strategy/")
                                 for p in role.path):
            yield (("roles", i, "path"),
                   f"The reading path for {_quote(role.name)} has no strategy page.",
                   "Add 'strategy/why' near the start of the path, so the platforms make "
                   "sense when they get to them.")


@_rule(
    "review-overdue", "warning", "lead", "The playbook is due for review",
    "People you bring in act on what the playbook says, so leading includes keeping it "
    "true: contacts move on, platforms change and plans that worked stop working.",
    "strategy/lead",
)
def _review_overdue(pb: Playbook) -> _Notes:
    info = pb.profile.playbook
    if info.review_by and date.fromisoformat(info.review_by) < today():
        last = f" It was last reviewed on {info.reviewed}." if info.reviewed else ""
        yield (("playbook", "review_by"),
               f"This playbook is due for review: the date to review it by, "
               f"{info.review_by}, has passed.{last}",
               "Go through it with some of the people who use it, checking contacts and "
               "scenarios first, then set 'reviewed' to the day you did and 'review_by' to "
               "the next date, under 'playbook'.")


@_rule(
    "path-into-workshop", "advice", "lead", "A role path into the workshop",
    "Newcomers need the decisions you made, not the method for making them; the "
    "workshop's questions and exercises are for whoever writes the strategy.",
    "strategy/lead",
)
def _path_into_workshop(pb: Playbook) -> _Notes:
    # The playbook page for the same step: where the workshop item's decisions are.
    steps: dict[str, str] = {f"workshop/{step}": step for step in STEP_IDS}
    for kind, items in (("exercises", pb.exercises), ("questions", pb.questions)):
        steps.update({f"{kind}/{name}": item.step
                      for item in items for name in (item.id, *item.aliases)})
    for i, role in _roles_as_written(pb):
        for j, ref in enumerate(role.path):
            if ref != "workshop" and not ref.startswith(WORKSHOP_PATHS):
                continue
            page = f"strategy/{steps[ref]}" if ref in steps else "strategy"
            yield (("roles", i, "path", j),
                   f"The reading path for {_quote(role.name)} leads to {_quote(ref)}, which "
                   "is part of the workshop for whoever writes the strategy.",
                   f"Take '{ref}' out of the role's 'path'; if the step matters to someone "
                   f"new, list '{page}' instead, which gives what you decided.")


@_rule(
    "no-contacts", "warning", "lead", "Nobody for newcomers to ask",
    "People you bring in need someone to turn to with a question; a role page that names "
    "nobody leaves them guessing or giving up.",
    "strategy/lead",
)
def _no_contacts(pb: Playbook) -> _Notes:
    if pb.public or not pb.roles or pb.contacts:
        return  # a public build leaves internal contacts out
    names = [_quote(role.name) for role in pb.roles]
    who = (f"The role {names[0]} has" if len(names) == 1
           else f"The roles {_few(names)} have")
    yield (("contacts",),
           f"{who} nobody to ask: the profile has no contacts.",
           "Add someone to ask under 'contacts', with an 'id', a 'role' and an 'email' or "
           "'phone'; each role asks the first contact unless its 'ask' names another.")


# --- In path order ---------------------------------------------------------------------


_ORDER = {step: n for n, step in enumerate(STEP_IDS)}
CHECKS.sort(key=lambda entry: _ORDER[entry[0].step])  # stable: definition order per step

RULES: tuple[Rule, ...] = tuple(rule for rule, _ in CHECKS)
"""Every rule, in step order and then in the order findings are reported."""
