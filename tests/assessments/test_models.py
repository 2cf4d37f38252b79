from assessments import scoring
from assessments.models import FACTOR_FIELDS, Assessment, SourcingOption


def test_every_factor_of_the_engine_is_a_rating_field():
    assert all(
        Assessment._meta.get_field(name).get_internal_type() == "PositiveSmallIntegerField"
        for name in FACTOR_FIELDS
    )


def test_the_model_knows_the_engines_options():
    assert tuple(SourcingOption.values) == scoring.OPTIONS
