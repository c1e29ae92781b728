"""clusterpages: static pages for the educational-industry clusters of a region.

The build flows one way: load → assemble → check → render → write.
"""

__version__ = "0.1.0"
