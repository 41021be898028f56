from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'reading-list.md.j2'

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
    try:
        t_4 = environment.filters['url']
    except KeyError:
        @internalcode
        def t_4(*unused):
            raise TemplateRuntimeError("No filter named 'url' found.")
    pass
    yield '# Reading list\n\nWorks that shaped this playbook, and what each one gives you.\n\n'
    for l_1_r in environment.getattr((undefined(name='pb') if l_0_pb is missing else l_0_pb), 'reading'):
        _loop_vars = {}
        pass
        yield '## '
        yield str(environment.finalize(environment.getattr(l_1_r, 'title')))
        yield str(environment.finalize(t_1(environment.getattr(l_1_r, 'aliases'))))
        yield ' '
        yield str(environment.finalize(t_2(environment.getattr(l_1_r, 'id'))))
        yield '\n\n'
        if (environment.getattr(l_1_r, 'author') or environment.getattr(l_1_r, 'year')):
            pass
            yield '*'
            yield str(environment.finalize((environment.getattr(l_1_r, 'author') or '')))
            if (environment.getattr(l_1_r, 'author') and environment.getattr(l_1_r, 'year')):
                pass
                yield ', '
            yield str(environment.finalize((environment.getattr(l_1_r, 'year') or '')))
            yield '*\n\n'
        if environment.getattr(l_1_r, 'note'):
            pass
            yield str(environment.finalize(t_3(environment.getattr(l_1_r, 'note'))))
            yield '\n\n'
        if environment.getattr(l_1_r, 'url'):
            pass
            yield '[Read it]('
            yield str(environment.finalize(t_4(environment.getattr(l_1_r, 'url'))))
            yield ')\n\n'
    l_1_r = missing

blocks = {}
debug_info = '5=37&6=41&8=46&9=49&12=55&13=57&16=59&17=62'