from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'onboarding.md.j2'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_pb = resolve('pb')
    pass
    yield '# Onboarding\n\nWelcome. Find your role below: its page walks you through what to read first, in order.\n\n'
    for l_1_role in environment.getattr((undefined(name='pb') if l_0_pb is missing else l_0_pb), 'roles'):
        l_1_link = resolve('link')
        _loop_vars = {}
        pass
        yield '- '
        yield str(environment.finalize(environment.call(context, (undefined(name='link') if l_1_link is missing else l_1_link), str_join(('onboarding/', environment.getattr(l_1_role, 'id'), )), _loop_vars=_loop_vars)))
        yield str(environment.finalize((str_join((': ', environment.getattr(l_1_role, 'welcome'), )) if environment.getattr(l_1_role, 'welcome') else '')))
        yield '\n'
    l_1_role = l_1_link = missing

blocks = {}
debug_info = '5=13&6=18'