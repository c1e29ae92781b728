"""The Word and Excel container: its parts, and the links a document keeps to files elsewhere.
"""
