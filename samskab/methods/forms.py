from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.utils.translation import gettext_lazy as _

from samskab.lib.forms import AccessibleForm, AccessibleModelForm
from samskab.methods.models import Method, MethodCategory
from samskab.organisations.models import Organisation

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

WHOLE_NUMBER = _("Enter a whole number, for example 30.")
AT_LEAST_ONE = _("Enter a number of 1 or more.")
NUMBER_ERRORS = {"invalid": WHOLE_NUMBER, "min_value": AT_LEAST_ONE}


class MethodForm(AccessibleModelForm):
    class Meta:
        model = Method
        fields = [
            "name",
            "category",
            "summary",
            "description",
            "when_to_use",
            "duration_min",
            "duration_max",
            "group_min",
            "group_max",
            "source",
            "name_en",
            "summary_en",
            "description_en",
            "when_to_use_en",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 6}),
            "when_to_use": forms.Textarea(attrs={"rows": 3}),
            "description_en": forms.Textarea(attrs={"rows": 4}),
            "when_to_use_en": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "summary": _("One sentence that says what the method does."),
            "name_en": _("Optional: shown when the page is read in English."),
        }
        error_messages = {
            "name": {"required": _("Give the method a name.")},
            "category": {"required": _("Choose the kind of method.")},
            "summary": {"required": _("Sum up the method in one sentence.")},
            "description": {"required": _("Describe how the method is carried out.")},
            "duration_min": NUMBER_ERRORS,
            "duration_max": NUMBER_ERRORS,
            "group_min": NUMBER_ERRORS,
            "group_max": NUMBER_ERRORS,
        }

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.organisation = organisation

    def clean_name(self) -> str:
        name: str = self.cleaned_data["name"].strip()
        others = Method.objects.for_org(self.organisation).filter(name__iexact=name)
        if self.instance.pk:
            others = others.exclude(pk=self.instance.pk)
        if others.exists():
            raise forms.ValidationError(
                _("The organisation already has a method with this name."), code="duplicate"
            )
        return name

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        self._check_range(data, "duration_min", "duration_max", _DURATION_ORDER)
        self._check_range(data, "group_min", "group_max", _GROUP_ORDER)
        return data

    def _check_range(
        self, data: dict[str, Any], low: str, high: str, message: StrOrPromise
    ) -> None:
        if data.get(low) and data.get(high) and data[high] < data[low]:
            self.add_error(high, forms.ValidationError(message, code="range_order"))


_DURATION_ORDER = _("The longest duration must be at least as long as the shortest.")
_GROUP_ORDER = _("The largest group must be at least as large as the smallest.")


class MethodFilterForm(AccessibleForm):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    category = forms.ChoiceField(
        label=_("Category"),
        required=False,
        choices=[("", _("All categories")), *MethodCategory.choices],
        error_messages={"invalid_choice": _("Choose one of the listed categories.")},
    )
