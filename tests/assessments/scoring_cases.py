"""Functions with known answers, shared by the scoring tests.

Ratings are in FACTORS order: strategic_importance, cost_saving_potential, repetitiveness,
expertise_required, technology_intensity, control_need, data_sensitivity, demand_variability.
"""

from __future__ import annotations

import numpy as np

from assessments.scoring import FACTORS

#: docs/domain.md's canonical cases: name -> (ratings, expected option).
CANONICAL: dict[str, tuple[tuple[int, ...], str]] = {
    "Payroll processing": ((1, 4, 5, 2, 2, 2, 3, 2), "BPO"),
    "Tier-1 customer support": ((2, 5, 5, 2, 2, 2, 2, 5), "BPO"),
    "Market research": ((3, 3, 2, 5, 2, 3, 2, 4), "KPO"),
    "Legal contract review": ((3, 3, 2, 5, 1, 3, 4, 3), "KPO"),
    "Mobile app development": ((3, 3, 2, 4, 5, 3, 2, 4), "ITO"),
    "IT helpdesk": ((1, 4, 4, 2, 5, 2, 2, 3), "ITO"),
    "Core product strategy": ((5, 1, 1, 5, 2, 5, 5, 1), "IN_HOUSE"),
    "Proprietary pricing algorithm": ((5, 2, 2, 5, 4, 5, 5, 2), "IN_HOUSE"),
}

#: Functions of the same kinds, rated as a consultant plausibly would.
LIKE: dict[str, tuple[tuple[int, ...], str]] = {
    "Accounts payable": ((2, 4, 5, 2, 2, 2, 3, 2), "BPO"),
    "Data entry": ((1, 4, 5, 1, 2, 1, 2, 3), "BPO"),
    "Insurance claims processing": ((2, 4, 4, 2, 2, 3, 4, 3), "BPO"),
    "Recruitment process outsourcing": ((2, 4, 4, 2, 2, 2, 3, 5), "BPO"),
    "Financial analysis": ((3, 3, 2, 5, 2, 3, 3, 3), "KPO"),
    "Clinical research": ((3, 4, 2, 5, 2, 3, 4, 4), "KPO"),
    "Data analytics": ((3, 3, 2, 4, 3, 3, 3, 4), "KPO"),
    "Network management": ((2, 4, 4, 3, 5, 3, 3, 2), "ITO"),
    "Cybersecurity operations": ((3, 4, 3, 4, 5, 3, 4, 3), "ITO"),
    "Software development": ((2, 4, 3, 4, 5, 3, 3, 3), "ITO"),
    "M&A strategy": ((5, 1, 1, 5, 1, 5, 5, 2), "IN_HOUSE"),
    "Brand strategy": ((5, 2, 2, 4, 1, 5, 4, 2), "IN_HOUSE"),
    "Key account relationships": ((5, 2, 3, 3, 2, 5, 4, 2), "IN_HOUSE"),
}

NEUTRAL = (3, 3, 3, 3, 3, 3, 3, 3)

#: A routine, fairly important, closely overseen function with savings: BPO only 3 points ahead
#: of in-house, and one step more strategic importance would keep it in-house.
CLOSE_CALL = (4, 4, 4, 2, 2, 4, 3, 3)


def as_mapping(ratings: tuple[int, ...]) -> dict[str, int]:
    """Ratings in FACTORS order as the factor -> rating mapping score_one takes."""
    return dict(zip(FACTORS, ratings, strict=True))


def all_profiles() -> np.ndarray:
    """Every one of the 5^8 = 390,625 rating profiles, shape (390625, 8), lexicographic."""
    grid = np.indices((5,) * len(FACTORS)).reshape(len(FACTORS), -1).T
    return grid + 1
