from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'steps/listen.md.j2'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
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
    pass
    yield '## How we listen {#how-we-listen}\n\n'
    t_3 = 1
    for l_1_item in environment.getattr((undefined(name='pb') if l_0_pb is missing else l_0_pb), 'listening'):
        _loop_vars = {}
        pass
        yield '### '
        yield str(environment.finalize(environment.getattr(environment.getattr(l_1_item, 'audience'), 'name')))
        yield ' '
        yield str(environment.finalize(t_1(str_join(('listening-', environment.getattr(environment.getattr(l_1_item, 'audience'), 'id'), )))))
        yield '\n\n'
        if environment.getattr(environment.getattr(l_1_item, 'plan'), 'where'):
            pass
            yield '**Where we listen:**\n\n'
            yield str(environment.finalize(t_2(environment.getattr(environment.getattr(l_1_item, 'plan'), 'where'))))
            yield '\n\n'
        if environment.getattr(environment.getattr(l_1_item, 'plan'), 'listen_for'):
            pass
            yield '**What we listen for:**\n\n'
            yield str(environment.finalize(t_2(environment.getattr(environment.getattr(l_1_item, 'plan'), 'listen_for'))))
            yield '\n\n'
        t_3 = 0
    l_1_item = missing
    if t_3:
        pass
        yield 'We have not written a listening plan yet. Start with the exercise below.\n\n'

blocks = {}
debug_info = '3=26&4=30&6=34&9=37&12=39&15=42'