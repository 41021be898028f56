"""Stages 3 and 4, plan and render: the playbook's pages, navigation, links and theme
values, rendered from our templates; and the publish gate that reads the built pages."""
