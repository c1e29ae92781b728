"""Reading the content's files: text, YAML with the line of every key, schemas, front matter, the
config, the Office container. Never imports documents or facts.
"""
