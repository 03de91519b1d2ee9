"""Staff pages of the instruments app, one module per page family (see urls.py)."""
