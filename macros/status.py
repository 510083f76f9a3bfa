"""The notice on every page that the cooperation plan 2021–2026 no longer applies."""

from .content import Content

CURRENT_PLAN = "plan-2021-2026"


def notice(content: Content) -> dict | None:
    """What the theme shows in its announcement bar, from the plan's repeal decision; None if
    the plan has not been repealed."""
    plan = content.plans[CURRENT_PLAN]
    if not plan.upphävd:
        return None
    decision = content.decisions[plan.upphävd]
    return {
        "text": (
            f"{plan.namn} gäller inte längre. {decision.organ.capitalize()} upphävde den "
            f"{decision.datum.swedish()}."
        ),
        "decision_id": decision.id,
    }
