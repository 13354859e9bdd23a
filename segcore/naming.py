"""Segment names and descriptions from centroids, relative to the population.

A centroid in standardized space is the segment's z-score per feature against the training
population. A feature is "high" at z >= 0.5, "low" at z <= -0.5, otherwise "moderate"; an absent
feature is unknown. The base name comes from income and spending first, then frequency:

    income high + spending high      High-Value Customers
    income low  + spending low       Budget Shoppers
    income high + spending low       Potential Targets
    income low  + spending high      Impulsive Spenders
    frequency high (spending not high/low)   Loyal Customers
    frequency low  (spending not high/low)   Occasional Buyers
    frequency high + spending high/low       Frequent Big Spenders / Frequent Bargain Hunters
    frequency low  + spending high/low       Occasional Big Spenders / Lapsing Customers
    income high / low alone          Affluent Customers / Price-Conscious Customers
    spending high / low alone        Enthusiastic Spenders / Cautious Spenders
    nothing stands out               Mainstream Customers

When age is the segment's strongest trait (|z| >= 1 and larger than every other feature's),
"Young" or "Senior" goes in front (Mainstream becomes "Young Customers" / "Senior Customers").
Names are unique within a model: duplicates get a qualifier from the feature that separates
them most ("Higher-Income", "Younger", ...), then a number if that is not enough.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass

from segcore.features import FEATURES, normalise_header
from segcore.rfm import is_rfm_schema
from segcore.schema import Feature, Schema, format_value

HIGH = 0.5
LOW = -0.5
AGE_DOMINANCE = 1.0
DESCRIPTION_ORDER = ("annual_income", "spending_score", "purchase_frequency", "age")

Levels = tuple[str | None, str | None]

_INCOME_SPENDING_NAMES: dict[Levels, str] = {
    ("high", "high"): "High-Value Customers",
    ("low", "low"): "Budget Shoppers",
    ("high", "low"): "Potential Targets",
    ("low", "high"): "Impulsive Spenders",
}
_FREQUENCY_NAMES: dict[Levels, str] = {
    ("high", "moderate"): "Loyal Customers",
    ("high", None): "Loyal Customers",
    ("low", "moderate"): "Occasional Buyers",
    ("low", None): "Occasional Buyers",
    ("high", "high"): "Frequent Big Spenders",
    ("high", "low"): "Frequent Bargain Hunters",
    ("low", "high"): "Occasional Big Spenders",
    ("low", "low"): "Lapsing Customers",
}
_INCOME_NAMES = {"high": "Affluent Customers", "low": "Price-Conscious Customers"}
_SPENDING_NAMES = {"high": "Enthusiastic Spenders", "low": "Cautious Spenders"}
MAINSTREAM = "Mainstream Customers"
# Qualifiers that tell apart two segments with the same base name: (lower, higher).
_QUALIFIERS = {
    "age": ("Younger", "Older"),
    "annual_income": ("Lower-Income", "Higher-Income"),
    "spending_score": ("Lower-Spending", "Higher-Spending"),
    "purchase_frequency": ("Less Frequent", "More Frequent"),
    "monetary": ("Lower-Spend", "Higher-Spend"),
    "recency_days": ("Recent", "Less Recent"),
    "frequency": ("Less Frequent", "More Frequent"),
}


@dataclass(frozen=True)
class SegmentLabel:
    name: str
    description: str


def level(z: float | None) -> str | None:
    """``high``, ``low``, ``moderate`` or None for an absent feature."""
    if z is None:
        return None
    if z >= HIGH:
        return "high"
    return "low" if z <= LOW else "moderate"


def base_name(profile: Mapping[str, float]) -> str:
    """Name of a segment from its z-scores (only the features present)."""
    income = level(profile.get("annual_income"))
    spending = level(profile.get("spending_score"))
    frequency = level(profile.get("purchase_frequency"))
    name = (
        _INCOME_SPENDING_NAMES.get((income, spending))
        or _FREQUENCY_NAMES.get((frequency, spending))
        or _INCOME_NAMES.get(income or "")
        or _SPENDING_NAMES.get(spending or "")
        or MAINSTREAM
    )
    return _with_age_modifier(name, profile)


def _with_age_modifier(name: str, profile: Mapping[str, float]) -> str:
    age = profile.get("age")
    if age is None or abs(age) < AGE_DOMINANCE:
        return name
    others = [abs(z) for feature, z in profile.items() if feature != "age"]
    if others and abs(age) <= max(others):
        return name
    modifier = "Young" if age < 0 else "Senior"
    return f"{modifier} Customers" if name == MAINSTREAM else f"{modifier} {name}"


def describe(centroid: Mapping[str, float]) -> str:
    """``Average income 98k, spending score 82, 14 purchases a year, aged 34``."""
    present = [name for name in DESCRIPTION_ORDER if name in centroid]
    text = ", ".join(FEATURES[name].describe(centroid[name]) for name in present)
    return text[:1].upper() + text[1:]


def make_unique(
    names: Sequence[str | None],
    profiles: Sequence[Mapping[str, float]],
    candidates: Sequence[str],
) -> list[str]:
    """Fill each None in ``names`` from ``candidates`` so that all names differ (any case).

    Names already given are kept. Open slots sharing a candidate get a qualifier from the
    feature on which they differ most; whatever still collides gets a number.
    """
    chosen = {index: name for index, name in enumerate(names) if name is not None}
    taken = {name.casefold() for name in chosen.values()}
    groups: dict[str, list[int]] = {}
    for index, name in enumerate(names):
        if name is None:
            groups.setdefault(candidates[index].casefold(), []).append(index)
    for members in groups.values():
        candidate = candidates[members[0]]
        proposals = {members[0]: candidate} if len(members) == 1 else _qualified(candidate, members, profiles)
        for index, proposal in proposals.items():
            chosen[index] = _numbered(proposal, taken)
            taken.add(chosen[index].casefold())
    return [chosen[index] for index in range(len(names))]


def _qualified(
    candidate: str, members: Sequence[int], profiles: Sequence[Mapping[str, float]]
) -> dict[int, str]:
    features = [name for name in _QUALIFIERS if all(name in profiles[i] for i in members)]
    if not features:
        return dict.fromkeys(members, candidate)

    def spread(feature: str) -> float:
        values = [profiles[index][feature] for index in members]
        return max(values) - min(values)

    feature = max(features, key=spread)
    lower, higher = _QUALIFIERS[feature]
    middle = sorted(profiles[index][feature] for index in members)
    median = (middle[(len(middle) - 1) // 2] + middle[len(middle) // 2]) / 2
    return {
        index: f"{lower if profiles[index][feature] < median else higher} {candidate}" for index in members
    }


def _numbered(name: str, taken: Collection[str]) -> str:
    if name.casefold() not in taken:
        return name
    number = 2
    while f"{name} ({number})".casefold() in taken:
        number += 1
    return f"{name} ({number})"


def label_segments(
    profiles: Sequence[Mapping[str, float]], centroids: Sequence[Mapping[str, float]]
) -> list[SegmentLabel]:
    """Unique names and descriptions for segments with z-score ``profiles`` and ``centroids``
    in original units (both keyed by feature, only the features the model uses)."""
    candidates = [base_name(profile) for profile in profiles]
    names = make_unique([None] * len(profiles), profiles, candidates)
    return [
        SegmentLabel(name=name, description=describe(centroid))
        for name, centroid in zip(names, centroids, strict=True)
    ]


# ---- any schema -----------------------------------------------------------------------------
#
# A schema whose numeric features all stand for fields of the replaced system (by name or a
# header variant: ``annual_income_thousands`` is income) and which has no categorical feature
# keeps the persona names above. Any other schema is named from its own features: the (at most
# two) numeric features farthest from the population (|z| >= 0.5, "High tenure", "low basket")
# and a category that dominates the segment ("mostly online": at least MOSTLY_SHARE of its
# members and MOSTLY_LIFT above the population's share), e.g. "High tenure, low basket, mostly
# online". A segment where nothing stands out is "Typical Customers".

MOSTLY_SHARE = 0.6
MOSTLY_LIFT = 0.15
MAX_NAMED_TRAITS = 2
TYPICAL = "Typical Customers"
NAME_LIMIT = 60


@dataclass(frozen=True)
class SegmentShape:
    """What naming needs of one segment, keyed by feature name."""

    z: Mapping[str, float]  # numeric features: centroid in standard deviations
    centroid: Mapping[str, float]  # numeric features: centroid in the feature's own units
    shares: Mapping[str, Mapping[str, float]]  # categorical features: category shares


def persona_roles(schema: Schema) -> dict[str, str] | None:
    """Feature name -> the replaced system's field it stands for, when every model feature
    has one (and none is categorical); otherwise None."""
    roles: dict[str, str] = {}
    for feature in schema.model_features:
        if feature.categorical:
            return None
        key = normalise_header(feature.name)
        role = next(
            (
                name
                for name, spec in FEATURES.items()
                if key == normalise_header(name) or key in spec.header_aliases
            ),
            None,
        )
        if role is None or role in roles.values():
            return None
        roles[feature.name] = role
    return roles


def _dominant(
    feature: Feature, shares: Mapping[str, float], population: Mapping[str, float]
) -> tuple[str, float] | None:
    if not shares:
        return None
    category = max(feature.categories, key=lambda c: (shares.get(c, 0.0), c))
    share = shares.get(category, 0.0)
    if share >= MOSTLY_SHARE and share - population.get(category, 0.0) >= MOSTLY_LIFT:
        return category, share
    return None


def generic_name(schema: Schema, shape: SegmentShape, population: Mapping[str, Mapping[str, float]]) -> str:
    numeric = sorted(
        ((abs(z), name, z) for name, z in shape.z.items() if abs(z) >= HIGH),
        key=lambda item: (-item[0], item[1]),
    )[:MAX_NAMED_TRAITS]
    traits = [f"{'high' if z > 0 else 'low'} {schema.feature(name).label.lower()}" for _, name, z in numeric]
    dominant = [
        (found[1], found[0])
        for feature in schema.model_features
        if feature.categorical
        and (
            found := _dominant(feature, shape.shares.get(feature.name, {}), population.get(feature.name, {}))
        )
    ]
    if dominant:
        traits.append(f"mostly {max(dominant)[1]}")
    if not traits:
        return TYPICAL
    # Too long for a name: drop the weaker numeric trait first, then the categorical one.
    while len(", ".join(traits)) > NAME_LIMIT and len(traits) > 1:
        traits.pop(1 if len(numeric) > 1 else len(traits) - 1)
        numeric = numeric[:1]
    name = ", ".join(traits)[:NAME_LIMIT]
    return name[:1].upper() + name[1:]


def generic_description(schema: Schema, shape: SegmentShape) -> str:
    """``Tenure 34 months, basket 52.1, 80% online``: every feature's typical value."""
    parts: list[str] = []
    for feature in schema.model_features:
        if feature.categorical:
            shares = shape.shares.get(feature.name, {})
            if shares:
                category = max(feature.categories, key=lambda c: (shares.get(c, 0.0), c))
                parts.append(f"{shares.get(category, 0.0):.0%} {category} ({feature.label.lower()})")
        elif feature.name in shape.centroid:
            parts.append(f"{feature.label.lower()} {format_value(feature, shape.centroid[feature.name])}")
    text = ", ".join(parts)
    return text[:1].upper() + text[1:]


def label_schema_segments(
    schema: Schema, shapes: Sequence[SegmentShape], population: Mapping[str, Mapping[str, float]]
) -> list[SegmentLabel]:
    """Unique names and descriptions for the segments of a model with any schema.

    ``population`` holds the training shares of each categorical feature's categories.
    """
    if is_rfm_schema(schema):
        candidates = [rfm_name(shape) for shape in shapes]
        names = make_unique([None] * len(shapes), [shape.z for shape in shapes], candidates)
        return [
            SegmentLabel(name=name, description=rfm_description(shape))
            for name, shape in zip(names, shapes, strict=True)
        ]
    roles = persona_roles(schema)
    if roles is not None:
        return label_segments(
            [{roles[name]: z for name, z in shape.z.items()} for shape in shapes],
            [{roles[name]: value for name, value in shape.centroid.items()} for shape in shapes],
        )
    candidates = [generic_name(schema, shape, population) for shape in shapes]
    names = make_unique([None] * len(shapes), [shape.z for shape in shapes], candidates)
    return [
        SegmentLabel(name=name, description=generic_description(schema, shape))
        for name, shape in zip(names, shapes, strict=True)
    ]


# ---- RFM (transactions) ---------------------------------------------------------------------
#
# A model trained on computed RFM features (segcore.rfm) is named as marketers name RFM
# segments, from the centroid's z-scores (recency: high z = long ago) and, for "New", its own
# units:
#
#   first order within NEW_TENURE_DAYS, or recent + short tenure + not frequent   New customers
#   recent + frequent + high spend                                                Champions
#   recent + frequent or high spend                                               Loyal
#   recent otherwise                                                              Potential loyalists
#   long ago + very high spend (z >= 1)                                           Cannot lose them
#   long ago + frequent or high spend                                             At risk
#   very long ago (z >= 1) otherwise                                              Lost
#   long ago otherwise                                                            Hibernating
#   neither recent nor lapsed: frequent or high spend                             Loyal
#   neither: infrequent                                                           About to sleep
#   neither: otherwise                                                            Need attention

NEW_TENURE_DAYS = 30
RFM_NAMES = (
    "Champions",
    "Loyal",
    "Potential loyalists",
    "New customers",
    "At risk",
    "Cannot lose them",
    "Hibernating",
    "Lost",
    "About to sleep",
    "Need attention",
)


def rfm_name(shape: SegmentShape) -> str:
    z, centroid = shape.z, shape.centroid
    recency = z.get("recency_days", 0.0)
    frequent = z.get("frequency", 0.0) >= HIGH
    big = z.get("monetary", 0.0) >= HIGH
    recent, lapsed = recency <= LOW, recency >= HIGH
    tenure = centroid.get("tenure_days")
    if (tenure is not None and tenure <= NEW_TENURE_DAYS) or (
        recent and z.get("tenure_days", 0.0) <= LOW and not frequent
    ):
        return "New customers"
    if recent:
        if frequent and big:
            return "Champions"
        return "Loyal" if frequent or big else "Potential loyalists"
    if lapsed:
        if z.get("monetary", 0.0) >= 2 * HIGH:
            return "Cannot lose them"
        if frequent or big:
            return "At risk"
        return "Lost" if recency >= 2 * HIGH else "Hibernating"
    if frequent or big:
        return "Loyal"
    return "About to sleep" if z.get("frequency", 0.0) <= LOW else "Need attention"


def rfm_description(shape: SegmentShape) -> str:
    """``Last order 12 days ago, 23 orders, net spend 1,234 (54 an order), customers for 400 days``."""
    c = shape.centroid
    parts = []
    if "recency_days" in c:
        parts.append(f"last order {c['recency_days']:,.0f} days ago")
    if "frequency" in c:
        parts.append(f"{c['frequency']:,.1f} orders")
    if "monetary" in c:
        parts.append(f"net spend {c['monetary']:,.0f}")
    if "average_order_value" in c:
        parts.append(f"{c['average_order_value']:,.0f} an order")
    if "tenure_days" in c:
        parts.append(f"customers for {c['tenure_days']:,.0f} days")
    text = ", ".join(parts)
    return text[:1].upper() + text[1:]
