from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'step.md.j2'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_step = resolve('step')
    l_0_pb = resolve('pb')
    l_0_questions = l_0_principles = missing
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
    yield '# '
    yield str(environment.finalize(environment.getattr((undefined(name='step') if l_0_step is missing else l_0_step), 'title')))
    yield '\n\n<p class="pb-step-label" markdown>Step '
    yield str(environment.finalize(environment.getattr((undefined(name='step') if l_0_step is missing else l_0_step), 'order')))
    yield ' of 5 · '
    yield str(environment.finalize(environment.getattr((undefined(name='step') if l_0_step is missing else l_0_step), 'short_title')))
    yield '</p>\n\n'
    yield str(environment.finalize(t_4(environment.getattr((undefined(name='step') if l_0_step is missing else l_0_step), 'body'))))
    yield '\n\n'
    template = environment.get_or_select_template(str_join(('steps/', environment.getattr((undefined(name='step') if l_0_step is missing else l_0_step), 'id'), '.md.j2', )), 'step.md.j2')
    gen = template.root_render_func(template.new_context(context.get_all(), True, {'principles': l_0_principles, 'questions': l_0_questions}))
    try:
        for event in gen:
            yield event
    finally: gen.close()
    yield '\n## Key questions {#key-questions}\n\n'
    yield str(environment.finalize(t_3(environment.getattr((undefined(name='step') if l_0_step is missing else l_0_step), 'key_questions'))))
    yield '\n\n'
    l_0_questions = environment.call(context, environment.getattr((undefined(name='pb') if l_0_pb is missing else l_0_pb), 'questions_for'), environment.getattr((undefined(name='step') if l_0_step is missing else l_0_step), 'id'))
    context.vars['questions'] = l_0_questions
    context.exported_vars.add('questions')
    if (undefined(name='questions') if l_0_questions is missing else l_0_questions):
        pass
        yield '## Questions to ask {#strategy-questions}\n\n'
        for l_1_q in (undefined(name='questions') if l_0_questions is missing else l_0_questions):
            _loop_vars = {}
            pass
            yield '### '
            yield str(environment.finalize(environment.getattr(l_1_q, 'question')))
            yield str(environment.finalize(t_1(environment.getattr(l_1_q, 'aliases'))))
            yield ' '
            yield str(environment.finalize(t_2(environment.getattr(l_1_q, 'id'))))
            yield '\n\n'
            if (environment.getattr(l_1_q, 'kind') == 'avoid'):
                pass
                yield '!!! warning "A question that leads you astray"\n\n    '
                yield str(environment.finalize(environment.getattr(l_1_q, 'explanation')))
                yield '\n'
            else:
                pass
                yield str(environment.finalize(environment.getattr(l_1_q, 'explanation')))
                yield '\n'
            yield '\n'
        l_1_q = missing
    yield '## Checklist {#checklist}\n\n'
    for l_1_item in environment.getattr((undefined(name='step') if l_0_step is missing else l_0_step), 'checklist'):
        _loop_vars = {}
        pass
        yield '- [ ] '
        yield str(environment.finalize(l_1_item))
        yield '\n'
    l_1_item = missing
    yield '\n'
    l_1_loop = missing
    for l_1_exercise, l_1_loop in LoopContext(environment.call(context, environment.getattr((undefined(name='pb') if l_0_pb is missing else l_0_pb), 'exercises_for'), environment.getattr((undefined(name='step') if l_0_step is missing else l_0_step), 'id')), undefined):
        _loop_vars = {}
        pass
        yield '## Exercise: '
        yield str(environment.finalize(environment.getattr(l_1_exercise, 'title')))
        yield str(environment.finalize(t_1(environment.getattr(l_1_exercise, 'aliases'))))
        yield ' '
        yield str(environment.finalize(t_2(environment.getattr(l_1_exercise, 'id'))))
        yield '\n\n'
        yield str(environment.finalize(environment.getattr(l_1_exercise, 'summary')))
        yield '\n'
        if environment.getattr(l_1_exercise, 'duration'):
            pass
            yield '*Time: '
            yield str(environment.finalize(environment.getattr(l_1_exercise, 'duration')))
            yield '.*\n'
        yield '\n'
        l_2_loop = missing
        for l_2_instruction, l_2_loop in LoopContext(environment.getattr(l_1_exercise, 'instructions'), undefined):
            _loop_vars = {}
            pass
            yield str(environment.finalize(environment.getattr(l_2_loop, 'index')))
            yield '. '
            yield str(environment.finalize(l_2_instruction))
            yield '\n'
        l_2_loop = l_2_instruction = missing
        yield '\n**What you end up with:** '
        yield str(environment.finalize(environment.getattr(l_1_exercise, 'outcome')))
        yield '\n'
        if environment.getattr(l_1_exercise, 'credit'):
            pass
            yield '\n*'
            yield str(environment.finalize(environment.getattr(l_1_exercise, 'credit')))
            yield '*\n'
        yield '\n'
    l_1_loop = l_1_exercise = missing
    l_0_principles = environment.call(context, environment.getattr((undefined(name='pb') if l_0_pb is missing else l_0_pb), 'principles_for'), environment.getattr((undefined(name='step') if l_0_step is missing else l_0_step), 'id'))
    context.vars['principles'] = l_0_principles
    context.exported_vars.add('principles')
    if (undefined(name='principles') if l_0_principles is missing else l_0_principles):
        pass
        yield '## Principles behind this step {#principles}\n\n'
        for l_1_p in (undefined(name='principles') if l_0_principles is missing else l_0_principles):
            l_1_link = resolve('link')
            _loop_vars = {}
            pass
            yield '- '
            yield str(environment.finalize(environment.call(context, (undefined(name='link') if l_1_link is missing else l_1_link), str_join(('principles/', environment.getattr(l_1_p, 'id'), )), _loop_vars=_loop_vars)))
            yield ': '
            yield str(environment.finalize(environment.getattr(l_1_p, 'summary')))
            yield '\n'
        l_1_p = l_1_link = missing

blocks = {}
debug_info = '1=39&3=41&5=45&7=47&11=54&13=56&14=59&17=62&18=66&20=71&23=74&25=78&32=83&33=87&36=92&37=96&39=101&40=103&41=106&44=110&45=113&48=119&49=121&51=124&55=128&56=131&59=134&60=139'