"""The link schemes a playbook may use, checked on the way in (:mod:`values`) and again
on the way out (:mod:`gate`): none of them can run code in the reader's browser."""

LINK_SCHEMES = ("https", "http", "mailto")
