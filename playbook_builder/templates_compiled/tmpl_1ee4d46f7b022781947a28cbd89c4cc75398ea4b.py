from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'platform.md.j2'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_platform = resolve('platform')
    l_0_pb = resolve('pb')
    try:
        t_1 = environment.filters['anchor']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'anchor' found.")
    try:
        t_2 = environment.filters['bullets']
    except KeyError:
        @internalcode
        def t_2(*unused):
            raise TemplateRuntimeError("No filter named 'bullets' found.")
    try:
        t_3 = environment.filters['join']
    except KeyError:
        @internalcode
        def t_3(*unused):
            raise TemplateRuntimeError("No filter named 'join' found.")
    try:
        t_4 = environment.filters['map']
    except KeyError:
        @internalcode
        def t_4(*unused):
            raise TemplateRuntimeError("No filter named 'map' found.")
    try:
        t_5 = environment.filters['paragraphs']
    except KeyError:
        @internalcode
        def t_5(*unused):
            raise TemplateRuntimeError("No filter named 'paragraphs' found.")
    pass
    yield '# '
    yield str(environment.finalize(environment.getattr((undefined(name='platform') if l_0_platform is missing else l_0_platform), 'name')))
    yield '\n\n<p class="pb-metaphor" markdown>Think of it as **'
    yield str(environment.finalize(environment.getattr(environment.getattr((undefined(name='platform') if l_0_platform is missing else l_0_platform), 'guide'), 'metaphor')))
    yield '**.</p>\n\n'
    if environment.getattr(environment.getattr((undefined(name='platform') if l_0_platform is missing else l_0_platform), 'guide'), 'metaphor_explained'):
        pass
        yield str(environment.finalize(environment.getattr(environment.getattr((undefined(name='platform') if l_0_platform is missing else l_0_platform), 'guide'), 'metaphor_explained')))
        yield '\n\n'
    if environment.getattr(environment.getattr((undefined(name='platform') if l_0_platform is missing else l_0_platform), 'guide'), 'summary'):
        pass
        yield str(environment.finalize(environment.getattr(environment.getattr((undefined(name='platform') if l_0_platform is missing else l_0_platform), 'guide'), 'summary')))
        yield '\n\n'
    yield '## Why we are here {#purpose}\n\n'
    if environment.getattr((undefined(name='platform') if l_0_platform is missing else l_0_platform), 'purpose'):
        pass
        yield str(environment.finalize(t_5(environment.getattr((undefined(name='platform') if l_0_platform is missing else l_0_platform), 'purpose'))))
        yield '\n'
    else:
        pass
        yield 'We have not written down why we are on '
        yield str(environment.finalize(environment.getattr((undefined(name='platform') if l_0_platform is missing else l_0_platform), 'name')))
        yield ' yet. Until we do, treat\nit as a trial.\n'
    yield '\n'
    if environment.getattr((undefined(name='platform') if l_0_platform is missing else l_0_platform), 'audiences'):
        pass
        yield '**Who we meet here:** '
        yield str(environment.finalize(t_3(context.eval_ctx, t_4(context, environment.getattr((undefined(name='platform') if l_0_platform is missing else l_0_platform), 'audiences'), attribute='name'), ', ')))
        yield '\n\n'
    if environment.getattr((undefined(name='platform') if l_0_platform is missing else l_0_platform), 'goals'):
        pass
        yield '**What it serves:**\n\n'
        for l_1_g in environment.getattr((undefined(name='platform') if l_0_platform is missing else l_0_platform), 'goals'):
            _loop_vars = {}
            pass
            yield '- '
            yield str(environment.finalize(environment.getattr(l_1_g, 'statement')))
            yield '\n'
        l_1_g = missing
        yield '\n'
    if environment.getattr((undefined(name='platform') if l_0_platform is missing else l_0_platform), 'cadence'):
        pass
        yield '**How often:** '
        yield str(environment.finalize(environment.getattr((undefined(name='platform') if l_0_platform is missing else l_0_platform), 'cadence')))
        yield '\n\n'
    if environment.getattr((undefined(name='platform') if l_0_platform is missing else l_0_platform), 'owner'):
        pass
        yield '**Who looks after it:** '
        yield str(environment.finalize(environment.getattr((undefined(name='platform') if l_0_platform is missing else l_0_platform), 'owner')))
        yield '\n\n'
    if (environment.getattr(environment.getattr((undefined(name='platform') if l_0_platform is missing else l_0_platform), 'guide'), 'good_for') or environment.getattr(environment.getattr((undefined(name='platform') if l_0_platform is missing else l_0_platform), 'guide'), 'bad_for')):
        pass
        yield '## What it is good and bad for {#good-and-bad-for}\n\n'
        if environment.getattr(environment.getattr((undefined(name='platform') if l_0_platform is missing else l_0_platform), 'guide'), 'good_for'):
            pass
            yield '**Good for:**\n\n'
            yield str(environment.finalize(t_2(environment.getattr(environment.getattr((undefined(name='platform') if l_0_platform is missing else l_0_platform), 'guide'), 'good_for'))))
            yield '\n\n'
        if environment.getattr(environment.getattr((undefined(name='platform') if l_0_platform is missing else l_0_platform), 'guide'), 'bad_for'):
            pass
            yield '**Not good for:**\n\n'
            yield str(environment.finalize(t_2(environment.getattr(environment.getattr((undefined(name='platform') if l_0_platform is missing else l_0_platform), 'guide'), 'bad_for'))))
            yield '\n\n'
    if environment.getattr(environment.getattr((undefined(name='platform') if l_0_platform is missing else l_0_platform), 'guide'), 'etiquette'):
        pass
        yield '## Etiquette {#etiquette}\n\n'
        yield str(environment.finalize(t_2(environment.getattr(environment.getattr((undefined(name='platform') if l_0_platform is missing else l_0_platform), 'guide'), 'etiquette'))))
        yield '\n\n'
    yield '## Listening here {#listening}\n\n'
    if environment.getattr(environment.getattr((undefined(name='platform') if l_0_platform is missing else l_0_platform), 'guide'), 'listen_for'):
        pass
        yield str(environment.finalize(t_2(environment.getattr(environment.getattr((undefined(name='platform') if l_0_platform is missing else l_0_platform), 'guide'), 'listen_for'))))
        yield '\n\n'
    def t_6(fiter):
        for l_1_item in fiter:
            if (environment.getattr(l_1_item, 'audience') in environment.getattr((undefined(name='platform') if l_0_platform is missing else l_0_platform), 'audiences')):
                yield l_1_item
    for l_1_item in t_6(environment.getattr((undefined(name='pb') if l_0_pb is missing else l_0_pb), 'listening')):
        _loop_vars = {}
        pass
        if environment.getattr(environment.getattr(l_1_item, 'plan'), 'listen_for'):
            pass
            yield 'For **'
            yield str(environment.finalize(environment.getattr(environment.getattr(l_1_item, 'audience'), 'name')))
            yield '** we also listen for:\n\n'
            yield str(environment.finalize(t_2(environment.getattr(environment.getattr(l_1_item, 'plan'), 'listen_for'))))
            yield '\n\n'
    l_1_item = missing
    if environment.getattr(environment.getattr((undefined(name='platform') if l_0_platform is missing else l_0_platform), 'guide'), 'effort'):
        pass
        yield '## What it takes {#effort}\n\n'
        yield str(environment.finalize(environment.getattr(environment.getattr((undefined(name='platform') if l_0_platform is missing else l_0_platform), 'guide'), 'effort')))
        yield '\n'

blocks = {}
debug_info = '1=44&3=46&5=48&6=50&9=52&10=54&15=57&16=59&18=64&22=67&23=70&26=72&29=75&30=79&34=83&35=86&38=88&39=91&42=93&45=96&48=99&51=101&54=104&58=106&61=109&66=112&67=114&70=116&71=123&72=126&74=128&78=131&81=134'