"""The link schemes a playbook may use, checked on the way in (:mod:`values`) and again
on the way out (:mod:`gate`): none of them can run code in the reader's browser."""

LINK_SCHEMES = ("https", "http", "mailto")

PAGE_SCHEMES = (*LINK_SCHEMES, "tel")
"""The link schemes a page may carry: a ``tel:`` link is made only from a checked phone
number (digits, spaces and + - . ( ), :func:`site.markdown_text.phone`), never from a
link a profile writes."""
