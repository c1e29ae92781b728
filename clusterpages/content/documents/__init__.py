"""Parsing each kind of content file into model objects (pure: text in, data out).

One module per document type; `context` and `links` hold what they share.
"""

from clusterpages.content.documents.championship import parse_championship
from clusterpages.content.documents.cluster import parse_cluster
from clusterpages.content.documents.context import Context
from clusterpages.content.documents.indicators import parse_catalogue
from clusterpages.content.documents.page import parse_page
from clusterpages.content.documents.plan import parse_plan
from clusterpages.content.documents.protocol import parse_protocol
from clusterpages.content.documents.report import parse_report
from clusterpages.content.documents.videos import parse_videos

__all__ = ["Context", "parse_catalogue", "parse_championship", "parse_cluster", "parse_page", "parse_plan", "parse_protocol",
           "parse_report", "parse_videos"]
