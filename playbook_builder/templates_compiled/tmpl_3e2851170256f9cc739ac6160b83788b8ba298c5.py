from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'steps/lead.md.j2'

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
    yield '## How people can take part in our mission {#our-initiatives}\n\n'
    l_1_loop = missing
    t_5 = 1
    for l_1_item, l_1_loop in LoopContext(environment.getattr((undefined(name='pb') if l_0_pb is missing else l_0_pb), 'leading'), undefined):
        _loop_vars = {}
        pass
        yield '### '
        yield str(environment.finalize(environment.getattr(environment.getattr(l_1_item, 'initiative'), 'initiative')))
        yield ' '
        yield str(environment.finalize(t_1(str_join(('initiative-', environment.getattr(l_1_loop, 'index'), )))))
        yield '\n\n'
        if environment.getattr(environment.getattr(l_1_item, 'initiative'), 'description'):
            pass
            yield str(environment.finalize(t_4(environment.getattr(environment.getattr(l_1_item, 'initiative'), 'description'))))
            yield '\n\n'
        if environment.getattr(l_1_item, 'invites'):
            pass
            yield '**Who we invite:** '
            yield str(environment.finalize(t_2(context.eval_ctx, t_3(context, environment.getattr(l_1_item, 'invites'), attribute='name'), ', ')))
            yield '\n\n'
        t_5 = 0
    l_1_loop = l_1_item = missing
    if t_5:
        pass
        yield 'We have not planned a way for people to lead with us yet.\n\n'

blocks = {}
debug_info = '3=39&4=43&6=47&7=49&10=51&11=54'