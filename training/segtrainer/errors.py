"""Errors whose message is fit to show a person as the job's failure reason."""


class TrainingError(Exception):
    """Training cannot go on; ``str(error)`` says why in a sentence."""
