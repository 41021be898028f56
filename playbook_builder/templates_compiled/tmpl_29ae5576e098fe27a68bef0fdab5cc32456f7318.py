from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'steps/why.md.j2'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_profile = resolve('profile')
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
        t_3 = environment.filters['paragraphs']
    except KeyError:
        @internalcode
        def t_3(*unused):
            raise TemplateRuntimeError("No filter named 'paragraphs' found.")
    pass
    yield '## Our answer {#our-answer}\n\n'
    yield str(environment.finalize(t_3(environment.getattr((undefined(name='profile') if l_0_profile is missing else l_0_profile), 'why'))))
    yield '\n'
    if environment.getattr((undefined(name='profile') if l_0_profile is missing else l_0_profile), 'goals'):
        pass
        yield '\n### Our goals {#goals}\n\n'
        for l_1_goal in environment.getattr((undefined(name='profile') if l_0_profile is missing else l_0_profile), 'goals'):
            _loop_vars = {}
            pass
            yield '- **'
            yield str(environment.finalize(environment.getattr(l_1_goal, 'statement')))
            yield '**'
            yield str(environment.finalize((str_join((' (measured by ', t_2(context.eval_ctx, environment.getattr(l_1_goal, 'measures'), '; '), ')', )) if environment.getattr(l_1_goal, 'measures') else '')))
            yield '\n'
        l_1_goal = missing

blocks = {}
debug_info = '3=31&4=33&8=36&9=40'