"""The initiative's status, from data: whether the latest cooperation plan still applies.

The theme's announcement bar (every page but the start page) and the start page's lead box
(``{{ lagesbild() }}``) both show it, so the site says the same thing everywhere and changes by
itself if the data changes.
"""

from typing import TypedDict

from babel.dates import format_date

from . import vocabulary
from .content import Content, Plan


class Notice(TypedDict):
    """The announcement bar's texts (overrides/main.html) and the decision it links to."""

    headline: str
    detail: str
    text: str
    text_en: str
    decision_id: str
    year: int


def current_plan(content: Content) -> Plan:
    """The plan adopted last (by its adoption decision's date in data/decisions.yml): the one
    whose repeal ends the initiative. Read from data, so a new plan needs no change here."""
    return max(content.plans.values(), key=lambda plan: content.decisions[plan.antagen].datum.sort_key)


def notice(content: Content) -> Notice | None:
    """What the theme shows in its announcement bar, from the plan's repeal decision; None if
    the plan has not been repealed."""
    plan = current_plan(content)
    if not plan.upphävd:
        return None
    decision = content.decisions[plan.upphävd]
    return {
        "headline": f"{plan.namn} gäller inte längre.",
        "detail": f"{decision.organ.capitalize()} upphävde den {decision.datum.swedish()}.",
        "text": (
            f"{plan.namn} gäller inte längre. {decision.organ.capitalize()} upphävde den "
            f"{decision.datum.swedish()}."
        ),
        # The same for the English page (a page with  lang: en  in its front matter).
        "text_en": (
            f"Malmöandan's cooperation plan no longer applies. {_sentence_case(vocabulary.by_value(vocabulary.DECISION_BODIES)[decision.organ].english)} "
            f"repealed it {('on ' + format_date(decision.datum.as_date(), 'd MMMM y', locale='en')) if decision.datum.day else 'in ' + str(decision.datum.year)}."
        ),
        "decision_id": decision.id,
        "year": decision.datum.year,
    }


def _sentence_case(text: str) -> str:
    """The first letter capitalised, the rest as written (str.capitalize lowers "City")."""
    return text[:1].upper() + text[1:]
