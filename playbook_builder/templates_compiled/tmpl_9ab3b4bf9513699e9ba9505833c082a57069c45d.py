from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'role.md.j2'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_role = resolve('role')
    l_0_total_minutes = resolve('total_minutes')
    l_0_href = resolve('href')
    l_0_link = resolve('link')
    try:
        t_1 = environment.filters['anchor']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'anchor' found.")
    try:
        t_2 = environment.filters['attribute']
    except KeyError:
        @internalcode
        def t_2(*unused):
            raise TemplateRuntimeError("No filter named 'attribute' found.")
    try:
        t_3 = environment.filters['paragraphs']
    except KeyError:
        @internalcode
        def t_3(*unused):
            raise TemplateRuntimeError("No filter named 'paragraphs' found.")
    pass
    yield '# '
    yield str(environment.finalize(environment.getattr((undefined(name='role') if l_0_role is missing else l_0_role), 'name')))
    yield '\n\n'
    if environment.getattr((undefined(name='role') if l_0_role is missing else l_0_role), 'welcome'):
        pass
        yield str(environment.finalize(t_3(environment.getattr((undefined(name='role') if l_0_role is missing else l_0_role), 'welcome'))))
        yield '\n\n'
    yield '<div class="pb-path" data-role-name="'
    yield str(environment.finalize(t_2(environment.getattr((undefined(name='role') if l_0_role is missing else l_0_role), 'name'))))
    yield '" markdown>\n\n## Your path {#path}\n\n'
    if environment.getattr((undefined(name='role') if l_0_role is missing else l_0_role), 'path'):
        pass
        yield 'Read these in order: about '
        yield str(environment.finalize((undefined(name='total_minutes') if l_0_total_minutes is missing else l_0_total_minutes)))
        yield ' min in all. Each link keeps your place: a\nbar at the top of the page leads you on to the next one.\n[Print the whole path]('
        yield str(environment.finalize(environment.call(context, (undefined(name='href') if l_0_href is missing else l_0_href), str_join(('onboarding/', environment.getattr((undefined(name='role') if l_0_role is missing else l_0_role), 'id'), '/print', )))))
        yield '){ .pb-print-link }\n\n'
        l_1_loop = missing
        for l_1_ref, l_1_loop in LoopContext(environment.getattr((undefined(name='role') if l_0_role is missing else l_0_role), 'path'), undefined):
            l_1_targets = resolve('targets')
            l_1_minutes = resolve('minutes')
            l_1_target = missing
            _loop_vars = {}
            pass
            l_1_target = environment.getitem((undefined(name='targets') if l_1_targets is missing else l_1_targets), l_1_ref)
            _loop_vars['target'] = l_1_target
            yield str(environment.finalize(environment.getattr(l_1_loop, 'index')))
            yield '. ['
            yield str(environment.finalize(environment.getattr((undefined(name='target') if l_1_target is missing else l_1_target), 'title')))
            yield ']('
            yield str(environment.finalize(environment.call(context, (undefined(name='href') if l_0_href is missing else l_0_href), l_1_ref, _loop_vars=_loop_vars)))
            yield '){ .pb-path__step }'
            yield str(environment.finalize((str_join((': ', environment.getattr((undefined(name='target') if l_1_target is missing else l_1_target), 'summary'), )) if environment.getattr((undefined(name='target') if l_1_target is missing else l_1_target), 'summary') else '')))
            yield ' <span class="pb-minutes">'
            yield str(environment.finalize(environment.getitem((undefined(name='minutes') if l_1_minutes is missing else l_1_minutes), l_1_ref)))
            yield ' min</span>\n'
        l_1_loop = l_1_ref = l_1_targets = l_1_target = l_1_minutes = missing
    else:
        pass
        yield 'Start with '
        yield str(environment.finalize(environment.call(context, (undefined(name='link') if l_0_link is missing else l_0_link), 'strategy')))
        yield ', then the '
        yield str(environment.finalize(environment.call(context, (undefined(name='link') if l_0_link is missing else l_0_link), 'principles')))
        yield '.\n'
    yield '\n</div>\n\n'
    if environment.getattr((undefined(name='role') if l_0_role is missing else l_0_role), 'checklist'):
        pass
        yield '## Your checklist {#checklist}\n\nTick what you have done; this browser remembers it for you.\n\n<div class="pb-checklist" markdown>\n\n'
        for l_1_item in environment.getattr((undefined(name='role') if l_0_role is missing else l_0_role), 'checklist'):
            _loop_vars = {}
            pass
            yield '- [ ] '
            yield str(environment.finalize(l_1_item))
            yield '\n'
        l_1_item = missing
        yield '\n</div>\n'

blocks = {}
debug_info = '1=34&3=36&4=38&7=41&11=43&12=46&14=48&16=51&17=57&18=59&21=73&26=78&33=81&34=85'