"""Site search: a Russian-aware index built from the site model, read by assets/search.js.

words     normalising, splitting and stemming text (Snowball Russian, the same algorithm
          search.js runs in the browser)
documents what is searchable: plan and media-plan rows, reports, videos, championships, pages
index     the index files: a small manifest, term shards by first letter and document chunks
          per cluster (plus a small regional part), all loaded as <script>, never fetched
"""
