"""Strategy health: rules that read a merged playbook, a score and its report."""
