"""What the ``playbook`` command does besides building: safe output folders, many
profiles, export, publishing with mike, scaffolding a project."""
