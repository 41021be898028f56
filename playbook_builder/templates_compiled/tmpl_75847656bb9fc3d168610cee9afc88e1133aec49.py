from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'strategy.md.j2'

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
    pass
    yield '# Strategy\n\nSocial media is a tactic, not a strategy. This playbook works through five steps in\norder, because each one depends on the one before it: you cannot choose the right\nconversations until you know why anyone should care, or speak usefully before you\nhave listened.\n\n'
    for l_1_step in environment.getattr((undefined(name='pb') if l_0_pb is missing else l_0_pb), 'steps'):
        l_1_link = resolve('link')
        _loop_vars = {}
        pass
        yield '## '
        yield str(environment.finalize(environment.getattr(l_1_step, 'order')))
        yield '. '
        yield str(environment.finalize(environment.getattr(l_1_step, 'title')))
        yield ' '
        yield str(environment.finalize(t_1(str_join(('step-', environment.getattr(l_1_step, 'id'), )))))
        yield '\n\n'
        yield str(environment.finalize(environment.getattr(l_1_step, 'summary')))
        yield '\n\n'
        yield str(environment.finalize(environment.call(context, (undefined(name='link') if l_1_link is missing else l_1_link), str_join(('strategy/', environment.getattr(l_1_step, 'id'), )), 'Work through this step', _loop_vars=_loop_vars)))
        yield '\n\n'
    l_1_step = l_1_link = missing
    yield '## Questions that drive a strategy {#questions}\n\n'
    def t_2(fiter):
        for l_1_q in fiter:
            if (environment.getattr(l_1_q, 'kind') == 'ask'):
                yield l_1_q
    for l_1_q in t_2(environment.getattr((undefined(name='pb') if l_0_pb is missing else l_0_pb), 'questions')):
        _loop_vars = {}
        pass
        yield '- **'
        yield str(environment.finalize(environment.getattr(l_1_q, 'question')))
        yield '** '
        yield str(environment.finalize(environment.getattr(l_1_q, 'explanation')))
        yield '\n'
    l_1_q = missing
    yield '\n### Questions that lead you astray {#questions-to-avoid}\n\n'
    def t_3(fiter):
        for l_1_q in fiter:
            if (environment.getattr(l_1_q, 'kind') == 'avoid'):
                yield l_1_q
    for l_1_q in t_3(environment.getattr((undefined(name='pb') if l_0_pb is missing else l_0_pb), 'questions')):
        _loop_vars = {}
        pass
        yield '- **'
        yield str(environment.finalize(environment.getattr(l_1_q, 'question')))
        yield '** '
        yield str(environment.finalize(environment.getattr(l_1_q, 'explanation')))
        yield '\n'
    l_1_q = missing

blocks = {}
debug_info = '8=19&9=24&11=30&13=32&18=36&19=44&24=50&25=58'