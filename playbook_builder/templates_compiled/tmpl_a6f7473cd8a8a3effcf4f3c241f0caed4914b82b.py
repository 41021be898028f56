from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'platforms.md.j2'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_pb = resolve('pb')
    l_0_chosen = l_0_others = missing
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
        t_3 = environment.filters['list']
    except KeyError:
        @internalcode
        def t_3(*unused):
            raise TemplateRuntimeError("No filter named 'list' found.")
    try:
        t_4 = environment.filters['map']
    except KeyError:
        @internalcode
        def t_4(*unused):
            raise TemplateRuntimeError("No filter named 'map' found.")
    try:
        t_5 = environment.filters['rejectattr']
    except KeyError:
        @internalcode
        def t_5(*unused):
            raise TemplateRuntimeError("No filter named 'rejectattr' found.")
    pass
    yield '# Platforms\n\nWe chose these platforms after deciding why anyone should care and who we want to talk\nwith. Each one is described with a metaphor: a picture of the kind of place it is, which\ntells you how to behave there. Metaphors are imperfect. They explain etiquette, not\nfeatures, and every organisation uses the same tool a little differently.\n\n'
    t_6 = 1
    for l_1_p in environment.getattr((undefined(name='pb') if l_0_pb is missing else l_0_pb), 'platforms'):
        l_1_link = resolve('link')
        _loop_vars = {}
        pass
        yield '## '
        yield str(environment.finalize(environment.call(context, (undefined(name='link') if l_1_link is missing else l_1_link), str_join(('platforms/', environment.getattr(l_1_p, 'id'), )), _loop_vars=_loop_vars)))
        yield ' '
        yield str(environment.finalize(t_1(str_join(('platform-', environment.getattr(l_1_p, 'id'), )))))
        yield '\n\n*Like '
        yield str(environment.finalize(environment.getattr(environment.getattr(l_1_p, 'guide'), 'metaphor')))
        yield '.* '
        yield str(environment.finalize((environment.getattr(l_1_p, 'purpose') or '')))
        yield '\n\n'
        if environment.getattr(l_1_p, 'audiences'):
            pass
            yield '**For:** '
            yield str(environment.finalize(t_2(context.eval_ctx, t_4(context, environment.getattr(l_1_p, 'audiences'), attribute='name'), ', ')))
            yield str(environment.finalize((str_join((' · how often: ', environment.getattr(l_1_p, 'cadence'), )) if environment.getattr(l_1_p, 'cadence') else '')))
            yield '\n\n'
        t_6 = 0
    l_1_p = l_1_link = missing
    if t_6:
        l_1_link = resolve('link')
        pass
        yield 'We have not chosen any platforms yet. That is a fine place to be: finish the\n'
        yield str(environment.finalize(environment.call(context, (undefined(name='link') if l_1_link is missing else l_1_link), 'strategy/why', 'first steps of the strategy')))
        yield ' before choosing.\n\n'
        l_1_link = missing
    l_0_chosen = t_3(context.eval_ctx, t_4(context, environment.getattr((undefined(name='pb') if l_0_pb is missing else l_0_pb), 'platforms'), attribute='id'))
    context.vars['chosen'] = l_0_chosen
    context.exported_vars.add('chosen')
    l_0_others = t_3(context.eval_ctx, t_5(context, environment.getattr((undefined(name='pb') if l_0_pb is missing else l_0_pb), 'library_platforms'), 'id', 'in', (undefined(name='chosen') if l_0_chosen is missing else l_0_chosen)))
    context.vars['others'] = l_0_others
    context.exported_vars.add('others')
    if (undefined(name='others') if l_0_others is missing else l_0_others):
        pass
        yield '## Platforms we did not choose {#not-chosen}\n\nNot every tool fits every strategy. For reference, here is what the others are like:\n\n'
        for l_1_p in (undefined(name='others') if l_0_others is missing else l_0_others):
            _loop_vars = {}
            pass
            yield '- **'
            yield str(environment.finalize(environment.getattr(l_1_p, 'name')))
            yield '**: like '
            yield str(environment.finalize(environment.getattr(l_1_p, 'metaphor')))
            yield '. '
            yield str(environment.finalize((environment.getattr(l_1_p, 'summary') or '')))
            yield '\n'
        l_1_p = missing

blocks = {}
debug_info = '8=45&9=50&11=54&13=58&14=61&19=70&22=73&23=76&24=79&29=82&30=86'