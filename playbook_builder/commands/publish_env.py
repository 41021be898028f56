"""What ``playbook publish`` tells the plugin, through the environment of the MkDocs
build that mike runs for each version."""

PREVIOUS_ENV = "PLAYBOOK_PREVIOUS"
"""Path of the previous version's snapshot ('' for the first version), for the build."""
PREVIOUS_VERSION_ENV = "PLAYBOOK_PREVIOUS_VERSION"
DEFAULT_ENV = "PLAYBOOK_DEFAULT_VERSION"
"""The version or alias the site's root opens, for Material's outdated banner."""
