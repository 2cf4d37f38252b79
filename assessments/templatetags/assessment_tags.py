from django import template

from assessments.scoring import CRITERION_INFO

register = template.Library()


@register.filter
def criterion_label(key: str) -> str:
    """“task_nature” → “Task nature” (the engine's label for a criterion key)."""
    info = CRITERION_INFO.get(key)
    return info.label if info else key
