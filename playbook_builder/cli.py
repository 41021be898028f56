"""The ``playbook`` command: a thin layer over the core and MkDocs.

User mistakes print as located diagnostics on stderr and exit with 2; a build that fails
for any other reason exits with 1.
"""

from __future__ import annotations

import functools
import logging
import os
import re
import sys
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any, TypeVar

import click

from . import __version__
from .commands.build_date import check_source_date_epoch, ensure_source_date_epoch
from .commands.handover import PUBLIC_ENV, HandoverProblem, handed_over, public_requested
from .commands.output import OutputError, publish_atomically
from .commands.problems import Invalid, UsageProblem, output_problem
from .inputs.diagnostics import FORMATS, Diagnostic, InputError, printable
from .site.parts import Inputs

ENGINES = ("mkdocs", "zensical")
"""MkDocs with Material, the default; Zensical, Material's successor (driven from outside:
see commands/zensical.py)."""

F = TypeVar("F", bound=Callable[..., Any])


def _common_site_options(command: F) -> F:
    command = click.option(
        "--profile", "-p", type=click.Path(dir_okay=False, path_type=Path),
        help="The profile to build; overrides the plugin's 'profile' option.",
    )(command)
    return click.option(
        "--config-file", "-f", type=click.Path(dir_okay=False, path_type=Path),
        default="mkdocs.yml", show_default=True, help="The MkDocs configuration to use.",
    )(command)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="playbook")
@click.option("--quiet", "-q", is_flag=True, help="Show only warnings and errors.")
def main(quiet: bool) -> None:
    """Publish an organisation's strategy playbook as an MkDocs + Material site."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    _show_mkdocs_log(logging.WARNING if quiet else logging.INFO)


def _show_mkdocs_log(level: int) -> None:
    """Print MkDocs' messages as 'mkdocs build' does; strict mode counts warnings itself."""
    logger = logging.getLogger("mkdocs")
    if not any(getattr(h, "playbook", False) for h in logger.handlers):
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
        handler.playbook = True  # type: ignore[attr-defined]
        logger.addHandler(handler)
    logger.setLevel(level)


def _verbosity_options(command: F) -> F:
    """``-q`` and ``-v`` after the subcommand too, as MkDocs takes them. ``-q`` keeps
    warnings: MkDocs' own ``-q`` hides them, and with them what ``--strict`` counts."""
    def quiet(ctx: click.Context, param: click.Parameter, value: bool) -> None:
        if value:
            _show_mkdocs_log(logging.WARNING)

    def verbose(ctx: click.Context, param: click.Parameter, value: bool) -> None:
        if value:
            _show_mkdocs_log(logging.DEBUG)

    command = click.option("--quiet", "-q", is_flag=True, expose_value=False, callback=quiet,
                           help="Show only warnings and errors.")(command)
    return click.option("--verbose", "-v", is_flag=True, expose_value=False,
                        callback=verbose, help="Show MkDocs' debug messages too.")(command)


def _format_option(command: F) -> F:
    return click.option(
        "--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True,
        help="How to report problems: text on stderr, or json / github (annotations) on"
             " stdout.",
    )(command)


def _engine_option(command: F) -> F:
    return click.option(
        "--engine", type=click.Choice(ENGINES), default="mkdocs", show_default=True,
        help="What builds the site: MkDocs with Material, or Zensical, Material's"
             " successor (pip install 'playbook-builder[zensical]').",
    )(command)


def _public_option(command: Callable[..., None]) -> Callable[..., None]:
    """``--public`` for a command: while it runs, the plugin builds the public playbook
    (it reads ``PLAYBOOK_PUBLIC``, which also reaches the build ``publish`` starts)."""

    @click.option("--public", is_flag=True,
                  help="The public playbook: everything marked 'visibility: internal', and"
                       " contacts and incident scenarios not marked public, left out.")
    @functools.wraps(command)
    def run(*args: Any, public: bool, **kwargs: Any) -> None:
        with handed_over(PUBLIC_ENV, "1" if public else None):
            command(*args, **kwargs)

    return run


@main.command()
@_common_site_options
@click.option("--out", "-o", "--site-dir", "-d", "out",
              type=click.Path(file_okay=False, path_type=Path),
              help="Where to write the site; the config's site_dir by default.")
@click.option("--strict/--no-strict", "-s", default=None,
              help="Fail on any MkDocs warning, a link to a missing anchor or a page left out"
                   " of the navigation included; the config's 'strict' by default.")
@click.option("--clean/--dirty", "-c", default=True,
              help="With --dirty, only pages whose sources changed are built again, as"
                   " MkDocs does; the site is still swapped in whole.")
@_verbosity_options
@click.option("--profiles", "profiles_dir", type=click.Path(file_okay=False, path_type=Path),
              help="Build one site per profile in this folder, into OUT/<slug>/.")
@click.option("--jobs", "-j", type=click.IntRange(1, 64), default=os.cpu_count() or 1,
              show_default="the number of CPUs", help="With --profiles: sites built at once.")
@click.option("--changed-only", is_flag=True,
              help="With --profiles: skip sites whose inputs did not change.")
@click.option("--shard", metavar="I/N",
              help="With --profiles: build only the I-th of N equal shares (for CI matrices).")
@_engine_option
@_public_option
@_format_option
def build(
    profile: Path | None, config_file: Path, out: Path | None, strict: bool | None, clean: bool,
    profiles_dir: Path | None, jobs: int, changed_only: bool, shard: str | None, engine: str,
    fmt: str,
) -> None:
    """Build the playbook site, exactly as 'mkdocs build' does, but safely.

    The site is built beside the output folder and swapped in only when complete, so a
    failed or interrupted build leaves the previous site as it was.
    """
    from mkdocs.commands.build import build as mkdocs_build

    from .commands.project import site_config

    # realpath, not resolve(): a mkdocs.yml that links round in a loop is reported as
    # missing by site_config, rather than raising here.
    ensure_source_date_epoch(Path(os.path.realpath(config_file)).parent)
    if _public_requested() and not clean:
        raise UsageProblem("--public builds the whole site again: a public site cannot start"
                           " from a previous build, which may hold internal pages")
    if engine == "zensical":
        from .commands.zensical import require_zensical

        require_zensical()
        if not clean:
            raise UsageProblem("--dirty is for the MkDocs engine: Zensical's own cache"
                               " already rebuilds only what changed")
    if profiles_dir is not None:
        if profile is not None:
            raise UsageProblem("give either --profile or --profiles, not both")
        from .commands.batch import build_many

        build_many(config_file, profiles_dir, out, jobs, changed_only, shard, strict, fmt,
                   engine)
        return
    if changed_only or shard:
        raise UsageProblem("--changed-only and --shard need --profiles")
    from .commands.build_report import reported_as

    with site_config(config_file, profile, fmt, site_dir=out, strict=strict) as site, \
            reported_as(fmt, config_file):
        config = site.config
        target = Path(config["site_dir"])

        if engine == "zensical":
            from .commands import zensical

            staged = zensical.stage(site, config_file)

            def build_into(staging: Path) -> None:
                zensical.build(staged, target, staging, strict=bool(config.strict))
        else:
            def build_into(staging: Path) -> None:
                config["site_dir"] = str(staging)
                mkdocs_build(config, dirty=not clean)

        _publish(target, build_into, dirty=not clean)
    if fmt == "json":
        click.echo("[]")  # no problems, as validate reports them


def _publish(target: Path, write: Callable[[Path], None], *, dirty: bool = False) -> None:
    """Write ``target`` through a staging folder (which a ``dirty`` build starts as a copy
    of the previous site); output problems become exit codes."""
    try:
        publish_atomically(target, write, wait=lambda message: click.echo(message, err=True),
                           dirty=dirty)
    except OutputError as exc:
        raise output_problem(exc) from None


def _public_requested() -> bool:
    try:
        return public_requested()
    except HandoverProblem as exc:  # as the plugin reports it under MkDocs
        raise click.ClickException(str(exc)) from None


@main.command()
@_common_site_options
@click.option("--dev-addr", "-a", default="127.0.0.1:8000", show_default=True,
              help="The address to serve the preview on.")
@click.option("--open", "-o", "open_in_browser", is_flag=True,
              help="Open the preview in a browser once it is served.")
@click.option("--livereload/--no-livereload", default=True,
              help="Reload the page in the browser after each rebuild.")
@click.option("--dirty", "build_type", flag_value="dirty",
              help="Only rebuild pages whose sources changed.")
@click.option("--clean", "-c", "build_type", flag_value="clean",
              help="Build each time exactly as 'playbook build' does (without the"
                   " preview's own changes to pages), then serve it; edits still"
                   " rebuild it, unless --no-livereload.")
@click.option("--watch-theme", is_flag=True, help="Rebuild when the theme's files change.")
@click.option("--watch", "-w", multiple=True, type=click.Path(exists=True),
              help="Another file or folder to watch (repeatable).")
@click.option("--strict/--no-strict", "-s", default=None, help="Fail on any MkDocs warning.")
@_engine_option
@_verbosity_options
def serve(profile: Path | None, config_file: Path, dev_addr: str, open_in_browser: bool,
          livereload: bool, build_type: str | None, watch_theme: bool,
          watch: tuple[str, ...], strict: bool | None, engine: str) -> None:
    """Preview the playbook; edits to the profile or the library rebuild it."""
    from mkdocs.commands.serve import serve as mkdocs_serve

    from .commands.project import site_config

    check_source_date_epoch()
    if engine == "zensical":
        _serve_with_zensical(profile, config_file, dev_addr, open_in_browser)
        return
    with site_config(config_file, profile, "text"):
        options = {"strict": strict} if strict is not None else {}
        mkdocs_serve(config_file=str(config_file), livereload=livereload,
                     build_type=build_type, watch_theme=watch_theme, watch=list(watch),
                     open_in_browser=open_in_browser, dev_addr=dev_addr, **options)


def _serve_with_zensical(profile: Path | None, config_file: Path, dev_addr: str,
                         open_in_browser: bool) -> None:
    from .commands import zensical
    from .commands.project import site_config

    zensical.require_zensical()

    def restage() -> zensical.Staged:
        with site_config(config_file, profile, "text") as site:
            return zensical.stage(site, config_file)

    with site_config(config_file, profile, "text") as site:
        staged = zensical.stage(site, config_file)
    zensical.serve(site, config_file, staged, dev_addr=dev_addr,
                   open_in_browser=open_in_browser, restage=restage)


def _project_option(command: F) -> F:
    command = click.option(
        "--content-dir", type=click.Path(file_okay=False, path_type=Path),
        help="The library to check against; by default the project's (its mkdocs.yml's"
             " 'content_dir'), else the bundled library.",
    )(command)
    return click.option(
        "--config-file", "-f", type=click.Path(dir_okay=False, path_type=Path),
        help="The project's MkDocs configuration, whose playbook options (profile,"
             " content_dir) apply; mkdocs.yml in the current folder when it exists.",
    )(command)


@main.command()
@click.argument("profiles", nargs=-1, type=click.Path(dir_okay=False, path_type=Path))
@_project_option
@_format_option
def validate(profiles: tuple[Path, ...], config_file: Path | None, content_dir: Path | None,
             fmt: str) -> None:
    """Check profiles (the project's, when none is named) and the library; report every
    problem, build nothing."""
    from .commands.project import library_of, project_inputs
    from .inputs.loading import load_library
    from .pipeline import load

    project = project_inputs(config_file, fmt)
    if not profiles:
        if project is None:
            raise UsageProblem("name the profiles to check, or run this where the"
                               " project's mkdocs.yml is")
        profiles = (project.profile,)
    problems: list[Diagnostic] = []
    library = library_of(project, content_dir)
    try:
        load_library(library)  # its problems once, not once per profile
    except InputError as exc:
        raise Invalid(exc.diagnostics, fmt) from None
    for path in profiles:
        try:
            load(Inputs(path, library))  # as a build judges it, bounds included
        except InputError as exc:
            problems += exc.diagnostics
    if problems:
        raise Invalid(problems, fmt)
    if fmt == "json":
        click.echo("[]")
    elif fmt == "text":
        click.echo(f"{len(profiles)} profile(s) valid")


@main.command()
@_common_site_options
@click.option("--out", "-o", "out", required=True,
              type=click.Path(file_okay=False, path_type=Path),
              help="The folder to write docs/ and mkdocs.yml into.")
@_public_option
@_format_option
def export(profile: Path | None, config_file: Path, out: Path, fmt: str) -> None:
    """Write the generated Markdown and a mkdocs.yml that builds it without the plugin."""
    from .commands.export import export_project, site_settings
    from .commands.project import site_config, uses_tags
    from .inputs.images import ImageProblem
    from .pipeline import prepare_site

    check_source_date_epoch()
    with site_config(config_file, profile, fmt) as site:
        config = site.config
        loaded = site.require_playbook(config_file)
        tags = uses_tags(config)
        try:
            parts = prepare_site(loaded, tags=tags, use_directory_urls=True)
        except ImageProblem as exc:
            raise click.ClickException(f"logo {exc}; it changed during the export:"
                                       " export again") from None
        settings = site_settings(config)
        _publish(out, lambda staging: export_project(parts, staging, settings, tags=tags))


@main.command()
@click.argument("profile", required=False, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--min-score", type=click.IntRange(0, 100), default=0, show_default=True,
              help="Exit with code 1 when the score is below this.")
@_project_option
@_format_option
def check(profile: Path | None, min_score: int, config_file: Path | None,
          content_dir: Path | None, fmt: str) -> None:
    """Score a profile (the project's, when none is named) against the strategy-first
    method and list what to improve."""
    from .commands.project import library_of, project_inputs
    from .health.report import format_report
    from .health.score import check as check_health
    from .pipeline import load

    check_source_date_epoch()  # the health rules that compare dates count from it
    project = project_inputs(config_file, fmt)
    if profile is None:
        if project is None:
            raise UsageProblem("name the profile to check, or run this where the project's"
                               " mkdocs.yml is")
        profile = project.profile
    try:
        loaded = load(Inputs(profile, library_of(project, content_dir)))
    except InputError as exc:
        raise Invalid(exc.diagnostics, fmt) from None
    report = check_health(loaded.playbook)
    assert loaded.doc is not None  # the whole profile is checked, never the public part
    click.echo(format_report(report, loaded.doc, fmt))
    if report.score < min_score:
        raise click.ClickException(f"score {report.score} is below the minimum {min_score}")


def _country_code(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value is None:
        return None
    if not re.fullmatch(r"[A-Za-z]{2}", value):
        raise click.BadParameter(f"'{value}' is not a country code; write two letters, such"
                                 " as GB, US or AU")
    return value.upper()


@main.command()
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path))
@click.option("--ci", type=click.Choice(["github", "gitlab"]),
              help="Add a CI workflow that validates, builds and publishes on every change.")
@click.option("--country", metavar="CODE", callback=_country_code,
              help="Your country, such as GB, US or AU: the safety cards give its"
                   " emergency number and helplines.")
@_engine_option
def new(folder: Path, ci: str | None, country: str | None, engine: str) -> None:
    """Start a playbook project: mkdocs.yml, a profile to fill in, and optionally CI."""
    from .commands.scaffold import scaffold

    try:
        written = scaffold(folder, ci, country, engine)
    except OutputError as exc:
        raise output_problem(exc) from None
    for name in written:
        click.echo(f"created {folder / name}")
    if country is None:
        click.echo("note: the safety cards name no emergency number until you set"
                   " 'country' under 'organisation' in profiles/playbook.yml")
    serve = "playbook serve" + (" --engine zensical" if engine == "zensical" else "")
    click.echo(f"next: cd {folder} && {serve}")



@main.command()
@click.argument("item", required=False)
@_common_site_options
@click.option("--version", "version", metavar="NAME",
              help="Link into a published version or alias, such as 'latest'.")
@click.option("--all", "every", is_flag=True, help="Print every role's start-here link.")
@_public_option
def link(item: str | None, profile: Path | None, config_file: Path, version: str | None,
         every: bool) -> None:
    """Print the shareable URL of a role's start page or of any page or item."""
    from .commands.project import site_config
    from .site.links import (
        LinkProblem,
        absolute_url,
        role_links,
        target_for,
        version_name_problem,
    )

    if (item is None) == (not every):
        raise UsageProblem("name one role or item, or use --all")
    problem = version_name_problem(version) if version is not None else None
    if problem:  # before the site is loaded: the name alone is wrong
        raise UsageProblem(problem)
    with site_config(config_file, profile, "text") as site:
        config = site.config
        loaded = site.require_playbook(config_file)
        if not config.site_url:
            raise UsageProblem(f"{printable(str(config_file))}: set 'site_url' to the address"
                               " the playbook is published at")
        pb, links = loaded.playbook, loaded.targets
        directory_urls = config.use_directory_urls
        try:
            if every:
                for name, url in role_links(pb, links, config.site_url, version,
                                            directory_urls):
                    click.echo(f"{name}: {url}")
                return
            assert item is not None
            path = target_for(item, links).url(directory_urls)
            click.echo(absolute_url(config.site_url, version, path))
        except LinkProblem as exc:
            raise UsageProblem(str(exc)) from None


@main.command()
@click.argument("version")
@click.option("--alias", "aliases", multiple=True, metavar="NAME",
              help="Also publish under this name, such as 'latest' (repeatable).")
@click.option("--set-default", is_flag=True,
              help="Make the first alias (or the version) what the site's root opens.")
@click.option("--push", is_flag=True, help="Push the deploy branch; retried on a race.")
@click.option("--branch", default="gh-pages", show_default=True, help="The deploy branch.")
@click.option("--remote", default="origin", show_default=True, help="The remote to push to.")
@click.option("--allow-dirty", is_flag=True,
              help="Publish the working tree as it is, uncommitted changes and untracked"
                   " files included, instead of the commit.")
@click.option("--config-file", "-f", type=click.Path(dir_okay=False, path_type=Path),
              default="mkdocs.yml", show_default=True, help="The MkDocs configuration.")
@_engine_option
@_public_option
@_format_option
def publish(version: str, aliases: tuple[str, ...], set_default: bool, push: bool,
            branch: str, remote: str, allow_dirty: bool, config_file: Path, engine: str,
            fmt: str) -> None:
    """Publish VERSION of the playbook with mike, with a 'what changed' page.

    The site is built strictly from the commit checked out (HEAD), never from files that
    are not committed."""
    from .commands import publish as publishing
    from .commands.project import site_config, site_sources

    request = publishing.Request(
        version, aliases, set_default, push, branch, remote, allow_dirty, config_file,
        say=lambda message: click.echo(message, err=True), engine=engine)
    if engine == "zensical":
        from .commands.zensical import require_zensical

        require_zensical()
    try:
        publishing.check_names(request)
    except publishing.PublishProblem as exc:
        raise UsageProblem(str(exc)) from None
    check_source_date_epoch()  # here, not in the build of the commit, after the checkout
    # Every input problem is reported before anything is committed.
    with site_config(config_file, None, fmt) as site:
        request = replace(request, sources=site_sources(site, config_file))
    try:
        publishing.publish(request, config_file.resolve().parent)
    except publishing.PublishProblem as exc:
        raise UsageProblem(str(exc)) from None
    except publishing.PublishFailed as exc:
        raise click.ClickException(str(exc)) from None
    except publishing.PublishConflict as exc:
        raise _Conflict(str(exc)) from None
    click.echo(f"published {version}" + (f" as {', '.join(aliases)}" if aliases else ""))


@main.command()
def schema() -> None:
    """Print the profile's JSON Schema (2020-12), for editors and other tools."""
    from .inputs.schema import schema_text

    click.echo(schema_text(), nl=False)


class _Conflict(click.ClickException):
    """Another publish kept winning the race to the deploy branch."""

    exit_code = 3


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
