from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'steps/who.md.j2'

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
    yield '## Our audiences {#our-audiences}\n\n'
    for l_1_audience in environment.getattr((undefined(name='profile') if l_0_profile is missing else l_0_profile), 'audiences'):
        l_1_platform_links = resolve('platform_links')
        _loop_vars = {}
        pass
        yield '### '
        yield str(environment.finalize(environment.getattr(l_1_audience, 'name')))
        yield ' '
        yield str(environment.finalize(t_1(str_join(('audience-', environment.getattr(l_1_audience, 'id'), )))))
        yield '\n\n'
        if environment.getattr(l_1_audience, 'description'):
            pass
            yield str(environment.finalize(t_3(environment.getattr(l_1_audience, 'description'))))
            yield '\n\n'
        if environment.getattr(l_1_audience, 'cares_about'):
            pass
            yield '**They care about:** '
            yield str(environment.finalize(t_2(context.eval_ctx, environment.getattr(l_1_audience, 'cares_about'), ', ')))
            yield '\n\n'
        if environment.getattr(l_1_audience, 'hangs_out'):
            pass
            yield '**Where their conversations already happen:** '
            yield str(environment.finalize(environment.call(context, (undefined(name='platform_links') if l_1_platform_links is missing else l_1_platform_links), environment.getattr(l_1_audience, 'hangs_out'), _loop_vars=_loop_vars)))
            yield '\n\n'
    l_1_audience = l_1_platform_links = missing

blocks = {}
debug_info = '3=31&4=36&6=40&7=42&10=44&11=47&14=49&15=52'