"""The initiative's status, from data: whether the latest cooperation plan still applies.

The theme's announcement bar (every page but the start page) and the start page's lead box
(``{{ lagesbild() }}``) both show it, so the site says the same thing everywhere and changes by
itself if the data changes.
"""

from .content import Content

def current_plan(content: Content):
    """The plan adopted last (by its adoption decision's date in data/decisions.yml): the one
    whose repeal ends the initiative. Read from data, so a new plan needs no change here."""
    return max(content.plans.values(), key=lambda plan: content.decisions[plan.antagen].datum.sort_key)


def notice(content: Content) -> dict | None:
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
        "decision_id": decision.id,
        "year": decision.datum.year,
    }
