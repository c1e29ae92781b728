"""Commands that write files into content/: `new cluster`, `new plan`, `import`.
"""
