from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'changes.md.j2'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_changes = resolve('changes')
    try:
        t_1 = environment.filters['bullets']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'bullets' found.")
    pass
    yield '# What changed\n\n'
    if environment.getattr((undefined(name='changes') if l_0_changes is missing else l_0_changes), 'first'):
        pass
        yield 'This is the first published version of the playbook, so there is nothing earlier to\ncompare it with. From the next version on, this page lists what changed.\n'
    elif environment.getattr((undefined(name='changes') if l_0_changes is missing else l_0_changes), 'unreadable'):
        pass
        yield 'The previous version ('
        yield str(environment.finalize(environment.getattr((undefined(name='changes') if l_0_changes is missing else l_0_changes), 'previous_version')))
        yield ') was published in a form this\nversion cannot compare with, so its changes cannot be listed here.\n'
    elif (not environment.getattr((undefined(name='changes') if l_0_changes is missing else l_0_changes), 'sections')):
        pass
        yield 'Nothing in the playbook changed since version '
        yield str(environment.finalize(environment.getattr((undefined(name='changes') if l_0_changes is missing else l_0_changes), 'previous_version')))
        yield '.\n'
    else:
        pass
        yield 'Since version '
        yield str(environment.finalize(environment.getattr((undefined(name='changes') if l_0_changes is missing else l_0_changes), 'previous_version')))
        yield ':\n\n'
        for l_1_section in environment.getattr((undefined(name='changes') if l_0_changes is missing else l_0_changes), 'sections'):
            _loop_vars = {}
            pass
            yield '## '
            yield str(environment.finalize(environment.getattr(l_1_section, 'title')))
            yield '\n\n'
            yield str(environment.finalize(t_1(environment.getattr(l_1_section, 'lines'))))
            yield '\n\n'
        l_1_section = missing

blocks = {}
debug_info = '3=19&6=22&7=25&9=27&10=30&12=35&14=37&15=41&17=43'