"""The story form, built from an instrument definition in the storyteller's language.

The form only reads what was typed: the rules (required answers, triad sums, lengths, choice
counts) live in ``samskab.instruments.answers.validate``, which the API and imports share. Its
``Invalid`` messages are mapped back onto the inputs they concern, so a rejected story comes back
with a message beside each question and everything typed kept.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from samskab.capture.fields import field_name, signifier_fields
from samskab.capture.groups import Group, build_groups
from samskab.capture.reading import raw_answer
from samskab.instruments.answers import CleanStory, Invalid, StoryInput, validate
from samskab.instruments.definition import Definition, SignifierBase
from samskab.instruments.models import ConsentText, Level
from samskab.lib.forms import AccessibleForm

HONEYPOT = "hp_extra"
ALWAYS_ALLOWED = frozenset({"csrfmiddlewaretoken", "consent_version"})
TOP_FIELDS = ("prompt", "title", "text", "level")


class ConsentCheckbox(forms.CheckboxInput):
    """Ticked only by an explicit yes. Django's checkbox counts any other value, ``0`` and
    ``nej`` included, as ticked; consent must not be given by a value that says no."""

    YES = frozenset({"yes", "ja", "on", "true"})

    def __init__(self) -> None:
        super().__init__(attrs={"value": "yes"})

    def value_from_datadict(self, data: Mapping[str, Any], files: Any, name: str) -> bool:
        value = data.get(name)
        return isinstance(value, str) and value.strip().lower() in self.YES


class StoryForm(AccessibleForm):
    """One story. ``story`` holds the validated ``CleanStory`` once ``is_valid()`` is true."""

    def __init__(
        self,
        definition: Definition,
        language: str,
        data: Mapping[str, Any] | None = None,
        *,
        consent_text: Mapping[str, str] | str | None = None,
        consent: ConsentText | None = None,
        assisted: bool = False,
    ) -> None:
        super().__init__(data)
        self.definition = definition
        self.language = language
        self.assisted = assisted
        self.story: CleanStory | None = None
        self._group_errors: dict[str, list[str]] = {}
        self._groups: list[Group] | None = None
        self._add_story_fields()
        for signifier in definition.signifiers:
            for part, field in signifier_fields(signifier, language).items():
                self.fields[field_name(signifier.id, part)] = field
        # The wording this page showed: the story records that one, even if the collection's
        # text changes while the storyteller is writing (a hidden field carries its number).
        self.consent = consent
        if consent is not None:
            consent_text = consent.text
            self.fields["consent_version"] = forms.CharField(
                initial=consent.number, required=False, widget=forms.HiddenInput
            )
        self.fields["consent"] = self._consent_field(consent_text)
        if not assisted:
            self.fields[HONEYPOT] = forms.CharField(
                label=_("Leave this field empty. It is only here to catch automated spam."),
                required=False,
                widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
            )

    # --- building -------------------------------------------------------------------------

    def _text(self, text: Any) -> str:
        return str(text.get(self.language))

    def _add_story_fields(self) -> None:
        definition = self.definition
        if len(definition.prompts) > 1:
            self.fields["prompt"] = forms.ChoiceField(
                label=_("Choose the question you want to answer"),
                choices=[(p.id, self._text(p.text)) for p in definition.prompts],
                required=False,
                widget=forms.RadioSelect,
                error_messages={"invalid_choice": _("Choose one of the listed questions.")},
            )
        self.fields["title"] = forms.CharField(
            label=self._text(definition.story_title),
            required=False,
            widget=forms.TextInput(attrs={"maxlength": "200"}),
        )
        self.fields["text"] = forms.CharField(
            label=self._text(definition.story_text),
            required=False,
            widget=forms.Textarea(attrs={"rows": 8, "maxlength": str(definition.story_max_length)}),
        )
        self.fields["level"] = forms.ChoiceField(
            label=self._text(definition.level_question),
            choices=Level.choices,
            required=False,
            widget=forms.RadioSelect,
            error_messages={"invalid_choice": _("Choose one of the listed options.")},
        )

    def _consent_field(self, consent_text: Mapping[str, str] | str | None) -> forms.BooleanField:
        text = ""
        if isinstance(consent_text, str):
            text = consent_text
        elif consent_text:
            text = consent_text.get(self.language) or consent_text.get("da") or ""
        if self.assisted:
            label = str(_("The storyteller agreed on paper to this: %(text)s") % {"text": text})
        else:
            label = text or str(
                _("I agree that my story is collected and used as described above.")
            )
        return forms.BooleanField(
            label=label,
            required=True,
            widget=ConsentCheckbox(),
            error_messages={
                "required": _("The storyteller must agree before the story is saved.")
                if self.assisted
                else _("Tick the box to agree, or your story cannot be sent.")
            },
        )

    # --- reading --------------------------------------------------------------------------

    @property
    def honeypot_filled(self) -> bool:
        return bool(self.data.get(HONEYPOT, "").strip()) if self.is_bound else False

    def unknown_fields(self) -> list[str]:
        return sorted(set(self.data) - set(self.fields) - ALWAYS_ALLOWED)

    def clean(self) -> dict[str, Any] | None:
        cleaned = super().clean()
        unknown = self.unknown_fields()
        if unknown:
            self.add_error(
                None,
                forms.ValidationError(
                    _(
                        "The form contained fields it does not know (%(names)s). Reload the page "
                        "and try again; what you typed is kept below."
                    )
                    % {"names": ", ".join(unknown[:5])},
                    code="unknown_field",
                ),
            )
            return cleaned
        self._validate_story()
        return cleaned

    def _values(self, signifier: SignifierBase) -> dict[str, Any]:
        prefix = field_name(signifier.id, "")
        return {
            name[len(prefix) :]: value
            for name, value in self.cleaned_data.items()
            if name.startswith(prefix)
        }

    def _has_field_errors(self, signifier: SignifierBase) -> bool:
        prefix = field_name(signifier.id, "")
        return any(name.startswith(prefix) for name in self.errors)

    def _answers(self) -> dict[str, Any]:
        answers: dict[str, Any] = {}
        for signifier in self.definition.signifiers:
            if self._has_field_errors(signifier):
                continue  # the input's own message says what is wrong
            try:
                answer = raw_answer(signifier, self._values(signifier), self.language)
            except Invalid as exc:
                self._add_group_error(signifier, exc.message)
                continue
            if answer is not None:
                answers[signifier.id] = answer
        return answers

    def _story_input(self) -> StoryInput:
        data = self.cleaned_data
        return StoryInput(
            prompt=data.get("prompt") or None,
            title=data.get("title") or "",
            text=data.get("text") or "",
            level=data.get("level") or None,
            answers=self._answers(),
        )

    def _validate_story(self) -> None:
        story = self._story_input()
        already_wrong = set(self.errors) | set(self._group_errors)
        clean, problems = validate(self.definition, story)
        for key, errors in problems.items():
            if key in already_wrong or self._signifier_has_errors(key):
                continue
            for error in errors:
                self._place(key, error)
        if clean is not None and not self.errors:
            self.story = clean

    def _signifier_has_errors(self, key: str) -> bool:
        return any(s.id == key and self._has_field_errors(s) for s in self.definition.signifiers)

    def _place(self, key: str, error: Invalid) -> None:
        if key in TOP_FIELDS and key in self.fields:
            self.add_error(key, forms.ValidationError(error.message, code=error.code))
            return
        try:
            signifier = self.definition.signifier(key)
        except KeyError:
            self.add_error(None, forms.ValidationError(error.message, code=error.code))
            return
        self._add_group_error(signifier, error.message)

    def _add_group_error(self, signifier: SignifierBase, message: str) -> None:
        """An error about the whole question: shown once above its inputs."""
        self._group_errors.setdefault(signifier.id, []).append(message)
        first = next(name for name in self.fields if name.startswith(field_name(signifier.id, "")))
        self.add_error(first, forms.ValidationError(message, code="answer"))

    # --- rendering ------------------------------------------------------------------------

    def groups(self) -> list[Group]:
        """One group per signifier, with inputs, labels and errors ready for the template."""
        if self._groups is None:
            self.is_valid()  # runs validation once, which fills the group errors
            self._groups = build_groups(self, self._group_errors)
        return self._groups

    @property
    def single_prompt(self) -> str:
        """The one prompting question, shown as text when there is nothing to choose."""
        prompts = self.definition.prompts
        return self._text(prompts[0].text) if len(prompts) == 1 else ""

    @property
    def honeypot(self) -> forms.BoundField | None:
        return self[HONEYPOT] if HONEYPOT in self.fields else None

    def story_fields(self) -> Iterator[forms.BoundField]:
        for name in TOP_FIELDS:
            if name in self.fields:
                yield self[name]

    def error_links(self) -> list[tuple[str, str]]:
        """(anchor, message) for the error summary: the first message of each question."""
        if not self.is_bound or not self.errors:
            return []
        links = [self._link(name) for name in TOP_FIELDS if name in self.errors]
        links += [
            (f"#{group.anchor}", f"{group.title} – {group.errors[0]}")
            for group in self.groups()
            if group.errors
        ]
        if "consent" in self.errors:
            links.append(self._link("consent"))
        return links

    def _link(self, name: str) -> tuple[str, str]:
        return f"#{self[name].auto_id}{self._anchor_suffix(name)}", str(self.errors[name][0])

    def _anchor_suffix(self, name: str) -> str:
        return "_0" if isinstance(self.fields[name].widget, forms.RadioSelect) else ""


class WithdrawForm(AccessibleForm):
    """A receipt code, typed as shown (spaces, dashes and small letters are forgiven)."""

    code = forms.CharField(
        label=_("Receipt code"),
        help_text=_("The code you got after sending your story, for example K7QM-4XHD-9TPR."),
        max_length=40,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "off",
                "autocapitalize": "characters",
                "spellcheck": "false",
                "class": "receipt-input",
            }
        ),
        error_messages={
            "required": _("Enter the receipt code you got when you sent your story."),
            "max_length": _("A receipt code has 12 letters and digits, like K7QM-4XHD-9TPR."),
        },
    )

    def clean_code(self) -> str:
        code = str(self.cleaned_data["code"])
        if len([ch for ch in code if ch.isalnum()]) != 12:
            raise forms.ValidationError(
                _("A receipt code has 12 letters and digits, like K7QM-4XHD-9TPR."), code="format"
            )
        return code

    def not_found(self) -> None:
        self.add_error(
            "code",
            forms.ValidationError(
                _(
                    "No story has this receipt code. Check the code and try again. A story that "
                    "has already been withdrawn cannot be found either."
                ),
                code="not_found",
            ),
        )
