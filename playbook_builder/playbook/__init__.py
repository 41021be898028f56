"""Stage 2, merge: the profile and the library become one :class:`~.model.Playbook`;
its snapshot (``playbook.json``) and what changed since the previous version."""
