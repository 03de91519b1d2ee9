"""Every model of every Samskab app is either followed by the audit log or excluded with a reason,
and every action reads as a sentence."""

from __future__ import annotations

from django.apps import apps
from django.db.models.signals import post_save, pre_delete

from samskab.organisations.auditing import changes, sentences
from samskab.organisations.auditing.policies import POLICIES, Mode, policy_for
from samskab.organisations.models import AuditAction


def _samskab_models():
    return [model for model in apps.get_models() if model.__module__.startswith("samskab.")]


def test_every_samskab_model_is_followed_or_excluded_with_a_reason():
    undecided = [m._meta.label for m in _samskab_models() if policy_for(m) is None]
    assert not undecided, (
        f"Decide how the audit log follows {undecided}: an `organisation` key makes a model "
        "followed; otherwise list it in samskab/organisations/auditing/policies.py."
    )
    unexplained = [
        label
        for label, policy in POLICIES.items()
        if policy.mode is not Mode.FOLLOWED and len(policy.why) < 20
    ]
    assert not unexplained, f"Say why these are not followed: {unexplained}"


def test_policies_name_only_models_that_exist():
    # A renamed model would silently lose its policy (and fall back to the default).
    labels = {model._meta.label_lower for model in apps.get_models()}
    assert set(POLICIES) <= labels, set(POLICIES) - labels


def _receivers(signal, model):
    return signal._live_receivers(model)[0]  # (sync, async) in Django 5


def test_followed_models_have_their_handlers_connected():
    for model in _samskab_models():
        policy = policy_for(model)
        assert policy is not None
        saved = changes._saved in _receivers(post_save, model)
        counted = changes._deleting in _receivers(pre_delete, model)
        assert saved == (policy.mode is Mode.FOLLOWED), model
        assert counted == (policy.mode is not Mode.EXCLUDED), model


def test_a_new_model_with_an_organisation_key_is_followed_by_default():
    from samskab.activities.models import Activity

    assert "activities.activity" not in POLICIES
    policy = policy_for(Activity)
    assert policy is not None and policy.mode is Mode.FOLLOWED


def test_every_action_reads_as_a_sentence():
    missing = [action for action in AuditAction if action not in sentences._SENTENCES]
    assert not missing
