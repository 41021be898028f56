from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'principles.md.j2'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_pb = resolve('pb')
    try:
        t_1 = environment.filters['alias_anchors']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'alias_anchors' found.")
    try:
        t_2 = environment.filters['anchor']
    except KeyError:
        @internalcode
        def t_2(*unused):
            raise TemplateRuntimeError("No filter named 'anchor' found.")
    try:
        t_3 = environment.filters['bullets']
    except KeyError:
        @internalcode
        def t_3(*unused):
            raise TemplateRuntimeError("No filter named 'bullets' found.")
    try:
        t_4 = environment.filters['library_markdown']
    except KeyError:
        @internalcode
        def t_4(*unused):
            raise TemplateRuntimeError("No filter named 'library_markdown' found.")
    pass
    yield '# Principles\n\nThe ideas this playbook rests on. When a decision is hard, come back to them.\n\n'
    for l_1_p in environment.getattr((undefined(name='pb') if l_0_pb is missing else l_0_pb), 'principles'):
        l_1_link = resolve('link')
        _loop_vars = {}
        pass
        yield '## '
        yield str(environment.finalize(environment.getattr(l_1_p, 'title')))
        yield str(environment.finalize(t_1(environment.getattr(l_1_p, 'aliases'))))
        yield ' '
        yield str(environment.finalize(t_2(environment.getattr(l_1_p, 'id'))))
        yield '\n\n**'
        yield str(environment.finalize(environment.getattr(l_1_p, 'summary')))
        yield '**\n\n'
        yield str(environment.finalize(t_4(environment.getattr(l_1_p, 'body'))))
        yield '\n\n'
        if environment.getattr(l_1_p, 'in_practice'):
            pass
            yield 'In practice:\n\n'
            yield str(environment.finalize(t_3(environment.getattr(l_1_p, 'in_practice'))))
            yield '\n\n'
        if environment.getattr(l_1_p, 'credit'):
            pass
            yield '*'
            yield str(environment.finalize(environment.getattr(l_1_p, 'credit')))
            yield '*\n\n'
        yield 'Part of step '
        yield str(environment.finalize(environment.call(context, (undefined(name='link') if l_1_link is missing else l_1_link), str_join(('strategy/', environment.getattr(l_1_p, 'step'), )), _loop_vars=_loop_vars)))
        yield '.\n\n'
    l_1_p = l_1_link = missing

blocks = {}
debug_info = '5=37&6=42&8=47&10=49&12=51&15=54&18=56&19=59&22=62'