from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'objections.md.j2'

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
        t_3 = environment.filters['paragraphs']
    except KeyError:
        @internalcode
        def t_3(*unused):
            raise TemplateRuntimeError("No filter named 'paragraphs' found.")
    pass
    yield '# Objections\n\nColleagues, executives and volunteers will raise objections. Most are fair questions.\nHere is how we answer them calmly and specifically, and when the objection is right.\n\n'
    for l_1_o in environment.getattr((undefined(name='pb') if l_0_pb is missing else l_0_pb), 'objections'):
        _loop_vars = {}
        pass
        yield '## '
        yield str(environment.finalize(environment.getattr(l_1_o, 'objection')))
        yield str(environment.finalize(t_1(environment.getattr(l_1_o, 'aliases'))))
        yield ' '
        yield str(environment.finalize(t_2(environment.getattr(l_1_o, 'id'))))
        yield '\n\n'
        yield str(environment.finalize(t_3(environment.getattr(l_1_o, 'response'))))
        yield '\n\n'
        if environment.getattr(l_1_o, 'when_right'):
            pass
            yield '!!! note "When the objection is right"\n\n    '
            yield str(environment.finalize(environment.getattr(l_1_o, 'when_right')))
            yield '\n\n'
    l_1_o = missing

blocks = {}
debug_info = '6=31&7=35&9=40&11=42&14=45'