from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'home.md.j2'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_pb = resolve('pb')
    l_0_profile = resolve('profile')
    l_0_sectors = resolve('sectors')
    l_0_href = resolve('href')
    l_0_targets = resolve('targets')
    try:
        t_1 = environment.filters['anchor']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'anchor' found.")
    try:
        t_2 = environment.filters['join']
    except KeyError:
        @internalcode
        def t_2(*unused):
            raise TemplateRuntimeError("No filter named 'join' found.")
    try:
        t_3 = environment.filters['map']
    except KeyError:
        @internalcode
        def t_3(*unused):
            raise TemplateRuntimeError("No filter named 'map' found.")
    try:
        t_4 = environment.filters['paragraphs']
    except KeyError:
        @internalcode
        def t_4(*unused):
            raise TemplateRuntimeError("No filter named 'paragraphs' found.")
    pass
    yield '# '
    yield str(environment.finalize(environment.getattr((undefined(name='pb') if l_0_pb is missing else l_0_pb), 'title')))
    yield '\n\n<div class="pb-hero" markdown>\n\n<p class="pb-hero__org" markdown>'
    yield str(environment.finalize(environment.getattr(environment.getattr((undefined(name='profile') if l_0_profile is missing else l_0_profile), 'organisation'), 'name')))
    if environment.getattr(environment.getattr((undefined(name='profile') if l_0_profile is missing else l_0_profile), 'organisation'), 'sector'):
        pass
        yield ' · '
        yield str(environment.finalize(environment.getitem((undefined(name='sectors') if l_0_sectors is missing else l_0_sectors), environment.getattr(environment.getattr((undefined(name='profile') if l_0_profile is missing else l_0_profile), 'organisation'), 'sector'))))
    yield '</p>\n\n'
    yield str(environment.finalize(t_4(environment.getattr((undefined(name='profile') if l_0_profile is missing else l_0_profile), 'why'))))
    yield '\n\n[Read the strategy]('
    yield str(environment.finalize(environment.call(context, (undefined(name='href') if l_0_href is missing else l_0_href), 'strategy')))
    yield '){ .md-button .md-button--primary }\n[Answer an objection]('
    yield str(environment.finalize(environment.call(context, (undefined(name='href') if l_0_href is missing else l_0_href), 'objections')))
    yield '){ .md-button }\n'
    if ('health' in (undefined(name='targets') if l_0_targets is missing else l_0_targets)):
        pass
        yield '[Strategy health]('
        yield str(environment.finalize(environment.call(context, (undefined(name='href') if l_0_href is missing else l_0_href), 'health')))
        yield '){ .md-button }\n'
    yield '\n</div>\n\n'
    if environment.getattr((undefined(name='pb') if l_0_pb is missing else l_0_pb), 'roles'):
        pass
        yield '## New here? Start with your role {#start-here}\n\n<div class="grid cards" markdown>\n\n'
        for l_1_role in environment.getattr((undefined(name='pb') if l_0_pb is missing else l_0_pb), 'roles'):
            l_1_link = resolve('link')
            _loop_vars = {}
            pass
            yield '-   **'
            yield str(environment.finalize(environment.call(context, (undefined(name='link') if l_1_link is missing else l_1_link), str_join(('onboarding/', environment.getattr(l_1_role, 'id'), )), _loop_vars=_loop_vars)))
            yield '**\n\n    '
            yield str(environment.finalize((environment.getattr(l_1_role, 'welcome') or 'Your path through the playbook, step by step.')))
            yield '\n\n'
        l_1_role = l_1_link = missing
        yield '</div>\n\n'
    yield '## Who we are talking with {#audiences}\n\n<div class="grid cards" markdown>\n\n'
    for l_1_audience in environment.getattr((undefined(name='profile') if l_0_profile is missing else l_0_profile), 'audiences'):
        l_1_platform_links = resolve('platform_links')
        l_1_reached = missing
        _loop_vars = {}
        pass
        yield '-   **'
        yield str(environment.finalize(environment.getattr(l_1_audience, 'name')))
        yield '**\n\n    '
        yield str(environment.finalize((environment.getattr(l_1_audience, 'description') or '')))
        yield '\n\n'
        l_1_reached = environment.call(context, environment.getattr((undefined(name='pb') if l_0_pb is missing else l_0_pb), 'platforms_for'), environment.getattr(l_1_audience, 'id'), _loop_vars=_loop_vars)
        _loop_vars['reached'] = l_1_reached
        if (undefined(name='reached') if l_1_reached is missing else l_1_reached):
            pass
            yield '    Where we meet them: '
            yield str(environment.finalize(environment.call(context, (undefined(name='platform_links') if l_1_platform_links is missing else l_1_platform_links), t_3(context, (undefined(name='reached') if l_1_reached is missing else l_1_reached), attribute='id'), _loop_vars=_loop_vars)))
            yield '\n\n\n'
    l_1_audience = l_1_reached = l_1_platform_links = missing
    yield '</div>\n\n'
    if environment.getattr((undefined(name='profile') if l_0_profile is missing else l_0_profile), 'goals'):
        pass
        yield '## What we want to achieve {#goals}\n\n'
        for l_1_goal in environment.getattr((undefined(name='profile') if l_0_profile is missing else l_0_profile), 'goals'):
            _loop_vars = {}
            pass
            yield '- **'
            yield str(environment.finalize(environment.getattr(l_1_goal, 'statement')))
            yield '**'
            yield str(environment.finalize((str_join((': measured by ', t_2(context.eval_ctx, environment.getattr(l_1_goal, 'measures'), '; '), )) if environment.getattr(l_1_goal, 'measures') else '')))
            yield '\n'
        l_1_goal = missing
        yield '\n'
    if environment.getattr((undefined(name='pb') if l_0_pb is missing else l_0_pb), 'platforms'):
        pass
        yield '## Where we take part {#platforms}\n\n| Platform | It is like | Why we are there |\n| --- | --- | --- |\n'
        for l_1_p in environment.getattr((undefined(name='pb') if l_0_pb is missing else l_0_pb), 'platforms'):
            l_1_link = resolve('link')
            _loop_vars = {}
            pass
            yield '| '
            yield str(environment.finalize(environment.call(context, (undefined(name='link') if l_1_link is missing else l_1_link), str_join(('platforms/', environment.getattr(l_1_p, 'id'), )), _loop_vars=_loop_vars)))
            yield ' | '
            yield str(environment.finalize(environment.getattr(environment.getattr(l_1_p, 'guide'), 'metaphor')))
            yield ' | '
            yield str(environment.finalize((environment.getattr(l_1_p, 'purpose') or '')))
            yield ' |\n'
        l_1_p = l_1_link = missing
    yield '\n## How this playbook works {#how-it-works}\n\nThe playbook follows a five-step path: the tools come after the purpose and the people.\n\n'
    for l_1_step in environment.getattr((undefined(name='pb') if l_0_pb is missing else l_0_pb), 'steps'):
        l_1_link = resolve('link')
        _loop_vars = {}
        pass
        yield str(environment.finalize(environment.getattr(l_1_step, 'order')))
        yield '. '
        yield str(environment.finalize(environment.call(context, (undefined(name='link') if l_1_link is missing else l_1_link), str_join(('strategy/', environment.getattr(l_1_step, 'id'), )), _loop_vars=_loop_vars)))
        yield ': '
        yield str(environment.finalize(environment.getattr(l_1_step, 'summary')))
        yield '\n'
    l_1_step = l_1_link = missing

blocks = {}
debug_info = '1=41&5=43&7=49&9=51&10=53&11=55&12=58&17=61&22=64&23=69&25=71&35=76&36=82&38=84&40=86&41=88&42=91&49=95&52=98&53=102&57=108&62=111&63=116&71=124&72=128'