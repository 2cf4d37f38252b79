"""The business-case services on their own: all or nothing, and a race without a 500."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from businesscase import services
from businesscase.models import FunctionAssumptions
from businesscase.services import function_assumptions_set
from tests.factories import BusinessFunctionFactory

pytestmark = pytest.mark.django_db

VALUES = {
    "transition_cost": Decimal("1000"),
    "exit_cost": Decimal("0"),
    "governance_pct": None,
    "discount_rate_pct": None,
    "term_years": None,
}


def test_two_first_saves_at_once_refuse_the_second_with_a_message(workspace, editor, monkeypatch):
    function = BusinessFunctionFactory(workspace=workspace)
    function_assumptions_set(function=function, user=editor, **VALUES)
    # The second save looked, and validated, before the first's row existed.
    monkeypatch.setattr(services, "_locked_or_new", lambda model, **owner: model(**owner))
    monkeypatch.setattr(FunctionAssumptions, "validate_unique", lambda self, exclude=None: None)
    with pytest.raises(ValidationError, match="at the same moment"):
        function_assumptions_set(function=function, user=editor, **VALUES | {"exit_cost": 5})
    assert FunctionAssumptions.objects.get(function=function).exit_cost == 0


def test_a_refused_value_saves_nothing(workspace, editor):
    function = BusinessFunctionFactory(workspace=workspace)
    with pytest.raises(ValidationError) as refused:
        function_assumptions_set(function=function, user=editor, **VALUES | {"term_years": 0})
    assert "term_years" in refused.value.message_dict
    assert not FunctionAssumptions.objects.exists()
    assert not FunctionAssumptions.history.exists()
