from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'role-print.md.j2'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_role = resolve('role')
    l_0_total_minutes = resolve('total_minutes')
    try:
        t_1 = environment.filters['paragraphs']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'paragraphs' found.")
    pass
    yield '# '
    yield str(environment.finalize(environment.getattr((undefined(name='role') if l_0_role is missing else l_0_role), 'name')))
    yield ': the whole path\n\n'
    if environment.getattr((undefined(name='role') if l_0_role is missing else l_0_role), 'welcome'):
        pass
        yield str(environment.finalize(t_1(environment.getattr((undefined(name='role') if l_0_role is missing else l_0_role), 'welcome'))))
        yield '\n\n'
    yield 'Everything to read as a new '
    yield str(environment.finalize(environment.getattr((undefined(name='role') if l_0_role is missing else l_0_role), 'name')))
    yield ', in order, on one page: about\n'
    yield str(environment.finalize((undefined(name='total_minutes') if l_0_total_minutes is missing else l_0_total_minutes)))
    yield ' min of reading. Print it from your browser.\n\n'
    l_1_loop = missing
    for l_1_ref, l_1_loop in LoopContext(environment.getattr((undefined(name='role') if l_0_role is missing else l_0_role), 'path'), undefined):
        l_1_targets = resolve('targets')
        l_1_printed = resolve('printed')
        l_1_target = missing
        _loop_vars = {}
        pass
        l_1_target = environment.getitem((undefined(name='targets') if l_1_targets is missing else l_1_targets), l_1_ref)
        _loop_vars['target'] = l_1_target
        yield '## '
        yield str(environment.finalize(environment.getattr(l_1_loop, 'index')))
        yield '. '
        yield str(environment.finalize(environment.getattr((undefined(name='target') if l_1_target is missing else l_1_target), 'title')))
        yield '\n\n'
        yield str(environment.finalize(environment.getitem((undefined(name='printed') if l_1_printed is missing else l_1_printed), l_1_ref)))
        yield '\n\n'
    l_1_loop = l_1_ref = l_1_targets = l_1_target = l_1_printed = missing
    if environment.getattr((undefined(name='role') if l_0_role is missing else l_0_role), 'checklist'):
        pass
        yield '## Your checklist\n\n'
        for l_1_item in environment.getattr((undefined(name='role') if l_0_role is missing else l_0_role), 'checklist'):
            _loop_vars = {}
            pass
            yield '- [ ] '
            yield str(environment.finalize(l_1_item))
            yield '\n'
        l_1_item = missing

blocks = {}
debug_info = '1=20&3=22&4=24&7=27&8=29&10=32&11=38&12=41&14=45&17=48&20=51&21=55'