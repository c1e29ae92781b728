"""Facts over the whole loaded site: the site assembled, checks no single file can make, decision
states and counts, rows carried from the previous year.
"""
