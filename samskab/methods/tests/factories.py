"""Plain typed builders for method tests (factory_boy's stubs lose the model type)."""

from __future__ import annotations

from itertools import count
from typing import Any

from samskab.methods.models import Method, MethodCategory
from samskab.organisations.models import Organisation

_numbers = count(1)


def make_method(*, organisation: Organisation | None, **fields: Any) -> Method:
    values: dict[str, Any] = {
        "category": MethodCategory.FACILITATION,
        "name": f"Metode {next(_numbers)}",
        "summary": "En kort opsummering.",
        "description": "Sådan gør man.",
    }
    values.update(fields)
    return Method.objects.create(organisation=organisation, **values)
