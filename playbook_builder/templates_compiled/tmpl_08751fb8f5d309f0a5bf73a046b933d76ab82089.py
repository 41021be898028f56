from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'steps/participate.md.j2'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_profile = resolve('profile')
    l_0_pb = resolve('pb')
    try:
        t_1 = environment.filters['anchor']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'anchor' found.")
    try:
        t_2 = environment.filters['bullets']
    except KeyError:
        @internalcode
        def t_2(*unused):
            raise TemplateRuntimeError("No filter named 'bullets' found.")
    pass
    yield '## How we take part {#how-we-take-part}\n\n'
    if environment.getattr(environment.getattr((undefined(name='profile') if l_0_profile is missing else l_0_profile), 'organisation'), 'voice'):
        pass
        yield '**Our voice:** '
        yield str(environment.finalize(environment.getattr(environment.getattr((undefined(name='profile') if l_0_profile is missing else l_0_profile), 'organisation'), 'voice')))
        yield '\n\n'
    if environment.getattr(environment.getattr((undefined(name='profile') if l_0_profile is missing else l_0_profile), 'participation'), 'do'):
        pass
        yield '### We do {#we-do}\n\n'
        yield str(environment.finalize(t_2(environment.getattr(environment.getattr((undefined(name='profile') if l_0_profile is missing else l_0_profile), 'participation'), 'do'))))
        yield '\n\n'
    if environment.getattr(environment.getattr((undefined(name='profile') if l_0_profile is missing else l_0_profile), 'participation'), 'dont'):
        pass
        yield "### We don't {#we-dont}\n\n"
        yield str(environment.finalize(t_2(environment.getattr(environment.getattr((undefined(name='profile') if l_0_profile is missing else l_0_profile), 'participation'), 'dont'))))
        yield '\n\n'
    if environment.getattr((undefined(name='pb') if l_0_pb is missing else l_0_pb), 'platforms'):
        pass
        yield 'Each platform has its own etiquette: see '
        l_1_loop = missing
        for l_1_p, l_1_loop in LoopContext(environment.getattr((undefined(name='pb') if l_0_pb is missing else l_0_pb), 'platforms'), undefined):
            l_1_link = resolve('link')
            _loop_vars = {}
            pass
            yield str(environment.finalize(environment.call(context, (undefined(name='link') if l_1_link is missing else l_1_link), str_join(('platforms/', environment.getattr(l_1_p, 'id'), )), environment.getattr(l_1_p, 'name'), _loop_vars=_loop_vars)))
            if (not environment.getattr(l_1_loop, 'last')):
                pass
                yield ', '
        l_1_loop = l_1_p = l_1_link = missing
        yield '.\n\n'

blocks = {}
debug_info = '3=26&4=29&7=31&10=34&13=36&16=39&19=41&20=45'