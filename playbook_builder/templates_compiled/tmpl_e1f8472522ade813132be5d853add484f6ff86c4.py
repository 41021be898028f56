from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'health.md.j2'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_report = resolve('report')
    l_0_pb = resolve('pb')
    try:
        t_1 = environment.filters['anchor']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'anchor' found.")
    try:
        t_2 = environment.filters['list']
    except KeyError:
        @internalcode
        def t_2(*unused):
            raise TemplateRuntimeError("No filter named 'list' found.")
    try:
        t_3 = environment.filters['selectattr']
    except KeyError:
        @internalcode
        def t_3(*unused):
            raise TemplateRuntimeError("No filter named 'selectattr' found.")
    pass
    yield '# Strategy health\n\nHow closely this playbook follows the five-step path: purpose and people first, tools\nafter. Findings are suggestions, not errors; the playbook is complete either way.\n\n<p class="pb-score" markdown>**'
    yield str(environment.finalize(environment.getattr((undefined(name='report') if l_0_report is missing else l_0_report), 'score')))
    yield '** / 100</p>\n\n| Step | Score |\n| --- | --- |\n'
    for l_1_s in environment.getattr((undefined(name='report') if l_0_report is missing else l_0_report), 'steps'):
        l_1_link = resolve('link')
        _loop_vars = {}
        pass
        yield '| '
        yield str(environment.finalize(environment.call(context, (undefined(name='link') if l_1_link is missing else l_1_link), str_join(('strategy/', environment.getattr(l_1_s, 'step'), )), _loop_vars=_loop_vars)))
        yield ' | '
        yield str(environment.finalize(environment.getattr(l_1_s, 'score')))
        yield ' / '
        yield str(environment.finalize(environment.getattr(l_1_s, 'out_of')))
        yield ' |\n'
    l_1_s = l_1_link = missing
    yield '\n'
    if (not environment.getattr((undefined(name='report') if l_0_report is missing else l_0_report), 'findings')):
        pass
        yield 'Nothing to suggest: every step of the path is covered.\n'
    for l_1_step in environment.getattr((undefined(name='pb') if l_0_pb is missing else l_0_pb), 'steps'):
        l_1_found = missing
        _loop_vars = {}
        pass
        l_1_found = t_2(context.eval_ctx, t_3(context, environment.getattr((undefined(name='report') if l_0_report is missing else l_0_report), 'findings'), 'rule.step', 'equalto', environment.getattr(l_1_step, 'id')))
        _loop_vars['found'] = l_1_found
        if (undefined(name='found') if l_1_found is missing else l_1_found):
            pass
            yield '## '
            yield str(environment.finalize(environment.getattr(l_1_step, 'order')))
            yield '. '
            yield str(environment.finalize(environment.getattr(l_1_step, 'title')))
            yield ' '
            yield str(environment.finalize(t_1(str_join(('step-', environment.getattr(l_1_step, 'id'), )))))
            yield '\n\n'
            for l_2_f in (undefined(name='found') if l_1_found is missing else l_1_found):
                l_2_link = resolve('link')
                _loop_vars = {}
                pass
                yield '!!! '
                yield str(environment.finalize(('warning' if (environment.getattr(environment.getattr(l_2_f, 'rule'), 'severity') == 'warning') else 'tip')))
                yield ' "'
                yield str(environment.finalize(environment.getattr(environment.getattr(l_2_f, 'rule'), 'title')))
                yield '"\n\n    '
                yield str(environment.finalize(environment.getattr(l_2_f, 'message')))
                yield '\n\n    **What to do:** '
                yield str(environment.finalize(environment.getattr(l_2_f, 'advice')))
                yield '\n\n    '
                yield str(environment.finalize(environment.getattr(environment.getattr(l_2_f, 'rule'), 'explanation')))
                yield ' See '
                yield str(environment.finalize(environment.call(context, (undefined(name='link') if l_2_link is missing else l_2_link), environment.getattr(environment.getattr(l_2_f, 'rule'), 'source'), _loop_vars=_loop_vars)))
                yield '.\n\n'
            l_2_f = l_2_link = missing
    l_1_step = l_1_found = missing

blocks = {}
debug_info = '6=32&10=34&11=39&14=47&17=50&18=54&19=56&20=59&22=65&23=70&25=74&27=76&29=78'