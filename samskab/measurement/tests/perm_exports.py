"""Permission rows of this part (see test_permissions.py)."""

MATRIX: list[tuple] = []
