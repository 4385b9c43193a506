class RunnerError(Exception):
    """Something the person running the shop can fix; the message says what and how."""
