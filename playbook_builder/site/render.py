"""Rendering the merged playbook into Markdown pages with the shipped Jinja templates.

The templates are ours and run in a sandbox with strict undefined names. Profile values
are data: every ``{{ value }}`` passes through :func:`markdown_text.escape` on its way
out (the environment's ``finalize``), so a value can never become markup, and the
template environment never sees a profile value as template source. Only values marked
:class:`Markdown` (built by our own filters) are placed as they are.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from functools import cache
from pathlib import Path
from types import TracebackType
from typing import Any

import jinja2
from jinja2.sandbox import ImmutableSandboxedEnvironment

from ..inputs.areas import AREA_TITLES
from ..inputs.diagnostics import in_words
from ..inputs.duties import DUTY_WORDS
from ..inputs.library import OBJECTION_TOPICS
from ..inputs.profile import Role
from ..playbook.changes import Changes
from ..playbook.model import Playbook
from . import markdown_text, sections, template_cache
from .markdown_text import Markdown
from .parts import RenderedPage
from .sitemap import INCIDENTS, Page, Target, pages, targets

TEMPLATES = Path(__file__).parent / "templates"

_MOVED_ANCHORS = re.compile(r'<div class="pb-moved" markdown>\n.*?</div>\n?', re.S)
"""The block of anchors that moved to another page, as ``moved.md.j2`` writes it."""

SECTOR_LABELS = {
    "business": "Business",
    "nonprofit": "Non-profit",
    "public-sector": "Public sector",
    "education": "Education",
    "professional": "Professional practice",
}


class TemplateBug(Exception):
    """A mistake in one of our templates, located at template and line; never user input."""

    def __init__(self, template: str, line: int, message: str) -> None:
        self.template, self.line = template, line
        super().__init__(f"{template}:{line}: template error: {message}")


def render_site(
    pb: Playbook, *, health: bool = True, changes: Changes | None = None, tags: bool = False,
    cache_folder: Path | None = None, specs: list[Page] | None = None,
    links: dict[str, Target] | None = None,
) -> list[RenderedPage]:
    """Every page of the playbook as Markdown, in navigation order.

    Onboarding pages are rendered last: they show how long each step of a role's path
    takes to read, measured on the pages already rendered, and the printable path
    gathers those pages' content. ``specs`` and ``links`` are the site's plan
    (:func:`sitemap.pages` and :func:`sitemap.targets`), when the caller has it already.
    """
    env = _environment(cache_folder)
    links = targets(pb, health=health) if links is None else links
    specs = pages(pb, health=health, changes=changes, tags=tags) if specs is None else specs

    def render(page: Page, extra: Mapping[str, Any] | None = None) -> str:
        context = {"pb": pb, "profile": pb.profile, "page_src": page.src, "targets": links,
                   **page.context, **(extra or {})}
        return render_template(env, page.template, context)

    done = {page.src: render(page) for page in specs if "role" not in page.context}

    @cache
    def sections_of(src: str) -> dict[str, str]:
        return sections.sections(done.get(src, ""))

    @cache
    def reading(ref: str) -> str:
        target = links[ref]
        if target.anchor:
            return sections_of(target.src).get(target.anchor, "")
        return sections.body(done.get(target.src, ""))

    @cache
    def minutes(ref: str) -> int:
        return sections.minutes(reading(ref))

    def printed(ref: str, page_src: str) -> Markdown:
        """The target's content, with its links made to work from ``page_src``; a page's
        anchors that moved elsewhere stay behind (each printed step would repeat them)."""
        content = _MOVED_ANCHORS.sub("", reading(ref))
        rebased = sections.rebase_links(content, links[ref].src, page_src)
        return Markdown(sections.demote(rebased, 1))

    for page in specs:
        if "role" in page.context:
            path = page.context["role"].path
            spent = {ref: minutes(ref) for ref in path}
            extra = {"minutes": spent, "total_minutes": sum(spent.values())}
            if page.context.get("printable"):
                # Each item once, where the path first names it: an item named again
                # (by an earlier id, say) must not print its content again.
                first: dict[Target, str] = {}
                for ref in path:
                    first.setdefault(links[ref], ref)
                extra["printed"] = {ref: printed(ref, page.src) for ref in first.values()}
                extra["tell_by_default"] = _points_to_default_contacts(pb, first)
            done[page.src] = render(page, extra)
    return [RenderedPage(page.src, _front_matter(page.meta) + done[page.src], page.in_nav)
            for page in specs]


def _points_to_default_contacts(pb: Playbook, printed: Iterable[Target]) -> bool:
    """Whether a printed path holds a scenario's card that sends its reader to the default
    contacts, without the page of scenarios that lists them: the printed page then lists
    them once too, so that the paper copy says whom to tell."""
    cards = {target.anchor for target in printed if target.src == INCIDENTS}
    if "" in cards:  # the whole page is printed, with its list of whom to tell
        return False
    return any(plan.by_default and plan.tell for plan in pb.incidents if plan.id in cards)


def _front_matter(meta: Mapping[str, Any]) -> str:
    """Page metadata; ``render_macros: false`` keeps mkdocs-macros from running our pages."""
    data = {"render_macros": False, **meta}
    # JSON is YAML too, and several times faster to write than YAML for every page.
    return "---\n" + json.dumps(data, sort_keys=True) + "\n---\n\n"


def render_template(env: jinja2.Environment, name: str, context: Mapping[str, Any]) -> str:
    """One template rendered; any mistake in it becomes a :class:`TemplateBug`."""
    try:
        return env.get_template(name).render(context)
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateBug(exc.name or name, exc.lineno, exc.message or "syntax error") from exc
    except (jinja2.TemplateError, ValueError, TypeError) as exc:
        template, line = _template_frame(exc.__traceback__, name)
        raise TemplateBug(template, line, str(exc)) from exc


def _template_frame(tb: TracebackType | None, default: str) -> tuple[str, int]:
    """The innermost template line in a traceback (Jinja maps frames to template lines)."""
    found = (default, 0)
    while tb is not None:
        path = Path(tb.tb_frame.f_code.co_filename)
        if path.suffix == ".j2":
            found = (path.relative_to(TEMPLATES).as_posix()
                     if path.is_relative_to(TEMPLATES) else path.name, tb.tb_lineno)
        tb = tb.tb_next
    return found


@cache
def _environment(cache_folder: Path | None) -> ImmutableSandboxedEnvironment:
    """One environment per process and cache folder; with a folder, templates compiled
    by an earlier process are taken from its bytecode cache instead of compiled again."""
    env = make_environment(jinja2.FileSystemLoader(TEMPLATES))
    if cache_folder is not None:
        template_cache.use_bytecode_cache(env, cache_folder)
    return env


class _Sandbox(ImmutableSandboxedEnvironment):
    """Jinja's immutable sandbox, remembering its verdict on each attribute it is asked
    about. The verdict depends only on the object's type and the attribute's name (see
    ``is_internal_attribute`` and ``modifies_known_mutable``), and the templates ask
    thousands of times per site, which made these checks a fifth of rendering."""

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self._verdicts: dict[tuple[type, str], bool] = {}

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        key = (type(obj), attr)
        verdict = self._verdicts.get(key)
        if verdict is None:
            verdict = self._verdicts[key] = super().is_safe_attribute(obj, attr, value)
        return verdict


def make_environment(loader: jinja2.BaseLoader) -> ImmutableSandboxedEnvironment:
    """The sandboxed, strict, escaping environment our templates run in."""
    env = _Sandbox(
        loader=loader,
        undefined=jinja2.StrictUndefined,
        finalize=_finalize,
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(
        paragraphs=markdown_text.paragraphs,
        bullets=markdown_text.bullets,
        anchor=markdown_text.heading_id,
        element_id=markdown_text.element_id,
        alias_anchors=markdown_text.alias_anchors,
        attribute=markdown_text.attribute,
        url=markdown_text.url,
        phone=markdown_text.phone,
        library_markdown=_library_markdown,
    )
    env.globals.update(
        href=_href, link=_link, platform_links=_platform_links,
        scenario_links=_scenario_links, sectors=SECTOR_LABELS, topic_title=_topic_title,
        area_titles=AREA_TITLES, duties_reason=_duties_reason,
    )
    return env


def _finalize(value: object) -> str:
    """Every printed value: escaped unless it is our own Markdown; None is a bug."""
    if isinstance(value, Markdown):
        return value
    if isinstance(value, jinja2.Undefined):
        return str(value)  # StrictUndefined raises here, naming what is missing
    if isinstance(value, str):
        return markdown_text.escape(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    raise TypeError(f"a template printed {type(value).__name__} {value!r}")


def _topic_title(topic: str | None) -> str:
    """The heading of an objection topic on the objections page."""
    if topic is None:
        return "Other objections"
    return OBJECTION_TOPICS.get(topic) or topic.replace("-", " ").capitalize()


def _library_markdown(value: str) -> Markdown:
    """A curated library body: reviewed Markdown, placed as written."""
    return Markdown(value.strip())


@jinja2.pass_context
def _href(context: jinja2.runtime.Context, target_id: str) -> Markdown:
    """A relative link from the page being rendered to a target, such as ``strategy/why``."""
    target: Target = context["targets"][target_id]
    return Markdown(target.href_from(context["page_src"]))


@jinja2.pass_context
def _link(context: jinja2.runtime.Context, target_id: str, text: str | None = None) -> Markdown:
    """A Markdown link to a target, labelled with its title (escaped) or ``text``."""
    target: Target = context["targets"][target_id]
    label = text if isinstance(text, Markdown) else markdown_text.escape(text or target.title)
    return Markdown(f"[{label}]({target.href_from(context['page_src'])})")


_QUOTED = re.compile(r'"([^"]+)"')


@jinja2.pass_context
def _scenario_links(context: jinja2.runtime.Context, text: str) -> Markdown:
    """``text`` escaped, with each scenario it names by its title in double quotes (as
    "Not quite this?" does) turned into a link to that scenario's card."""
    cards = {plan.scenario.title: f"when-things-go-wrong/{plan.id}"
             for plan in context["pb"].incidents}
    pieces, start = [], 0
    for found in _QUOTED.finditer(text):
        target = cards.get(found.group(1))
        if target is None or target not in context["targets"]:
            continue
        pieces += [markdown_text.escape(text[start:found.start()]), Markdown("&quot;"),
                   _link(context, target, found.group(1)), Markdown("&quot;")]
        start = found.end()
    return Markdown("".join([*pieces, markdown_text.escape(text[start:])]))


@jinja2.pass_context
def _duties_reason(context: jinja2.runtime.Context, role: Role) -> str:
    """Why a role's path ends with more than the profile gave it, in one plain line:
    "Because you post and answer messages and comments on Facebook and Instagram, ..."."""
    pb: Playbook = context["pb"]
    names = {name: c.guide.name for c in pb.platforms for name in (c.id, *c.aliases)}
    duties = in_words([DUTY_WORDS[d] for d in role.duties])
    where = in_words([names[p] for p in role.platforms if p in names])
    count = len(pb.added_for(role))
    last = "the last item" if count == 1 else f"the last {count} items"
    return (f"Because you {duties}{f' on {where}' if where else ''}, your path also takes"
            f" in what those duties need: {last}, the most urgent first.")


@jinja2.pass_context
def _platform_links(context: jinja2.runtime.Context, platform_ids: Iterable[str]) -> Markdown:
    """Platforms by name as a comma-separated list, linked where the playbook has a page
    for them; a platform it does not have is named as the library names it."""
    known: Mapping[str, Target] = context["targets"]
    library = {p.id: p.name for p in context["pb"].library_platforms}
    library |= {a: p.name for p in context["pb"].library_platforms for a in p.aliases}
    parts = [
        _link(context, f"platforms/{pid}") if f"platforms/{pid}" in known
        else markdown_text.escape(library.get(pid, pid))
        for pid in platform_ids
    ]
    return Markdown(", ".join(parts))
