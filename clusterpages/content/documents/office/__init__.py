"""Plans kept in Word and Excel: their tables read into the plan rows a Markdown plan gives.
"""
