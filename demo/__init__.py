"""Demo content built from the reference documents (`manage.py load_demo`).

Development, tests and demonstrations only: no production module imports this app
(``make lint`` checks it). Data files are in demo/data/ (see its README).
"""
