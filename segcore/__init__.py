"""Shared segmentation core: features, the portable model document, scoring, naming, matching.

Pure Python and numpy only: the API Lambda imports it, so it must never pull in scikit-learn,
scipy or pandas.
"""
