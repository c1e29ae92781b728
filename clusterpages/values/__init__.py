"""The vocabularies every layer shares: academic years, deadlines, statuses, colours, kinds, Russian
text and typography, diagnostics, addresses, the memo interface. Pure: no I/O, no package imports
from above.
"""
