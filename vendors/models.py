from django.db import models

from assessments.models import SourcingOption


class ServiceLine(models.Model):
    """A kind of service vendors offer (payroll, IT support …), tagged BPO, KPO or ITO."""

    code = models.SlugField(max_length=40, unique=True)
    name = models.CharField(max_length=100, unique=True)
    option = models.CharField(
        max_length=8,
        choices=[(o.value, o.label) for o in SourcingOption if o != SourcingOption.IN_HOUSE],
    )
    description = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["option", "name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(option__in=["BPO", "KPO", "ITO"]),
                name="service_line_option_outsourced",
            ),
        ]

    def __str__(self) -> str:
        return self.name
