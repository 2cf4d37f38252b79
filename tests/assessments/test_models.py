from assessments import scoring
from assessments.models import FACTOR_FIELDS, SourcingOption


def test_the_model_names_the_engines_factors_in_the_engines_order():
    assert FACTOR_FIELDS == scoring.FACTORS


def test_the_model_knows_the_engines_options():
    assert tuple(SourcingOption.values) == scoring.OPTIONS
