"""The shared service-line taxonomy that ships with the product (docs/domain.md, Sourcing options).

Seeded by a data migration; curators may add more. `service_lines_seed` takes the model
class so the migration can pass its historical model.
"""

SERVICE_LINES = [
    (
        "customer-support",
        "Customer support",
        "BPO",
        "Contact centre: phone, email and chat support.",
    ),
    ("payroll", "Payroll", "BPO", "Payroll calculation, payslips and statutory filings."),
    (
        "finance-accounting",
        "Finance and accounting",
        "BPO",
        "Accounts payable and receivable, bookkeeping, close.",
    ),
    (
        "hr-administration",
        "HR administration",
        "BPO",
        "Employee records, onboarding, benefits administration.",
    ),
    (
        "recruitment",
        "Recruitment process outsourcing",
        "BPO",
        "Sourcing, screening and scheduling candidates.",
    ),
    (
        "claims-processing",
        "Claims processing",
        "BPO",
        "Insurance, warranty and medical claims handling.",
    ),
    ("data-entry", "Data entry", "BPO", "Keying, digitising and validating records."),
    (
        "procurement",
        "Procurement operations",
        "BPO",
        "Purchase orders, supplier onboarding, spend data.",
    ),
    (
        "market-research",
        "Market research",
        "KPO",
        "Market sizing, surveys and competitive intelligence.",
    ),
    (
        "financial-analysis",
        "Financial analysis",
        "KPO",
        "Modelling, valuation, FP&A and investment research.",
    ),
    (
        "legal-services",
        "Legal services",
        "KPO",
        "Contract review, legal research, IP and patent searches.",
    ),
    (
        "data-analytics",
        "Data analytics",
        "KPO",
        "Business intelligence, statistics and data science.",
    ),
    (
        "rnd-support",
        "R&D support",
        "KPO",
        "Research support, clinical research and lab data services.",
    ),
    (
        "application-development",
        "Application development",
        "ITO",
        "Software design, development and maintenance.",
    ),
    ("it-support", "IT support and helpdesk", "ITO", "Service desk, end-user and desktop support."),
    (
        "infrastructure",
        "Infrastructure and network management",
        "ITO",
        "Data centre, network and server operations.",
    ),
    (
        "cybersecurity",
        "Cybersecurity operations",
        "ITO",
        "Security monitoring, incident response, SOC.",
    ),
    (
        "cloud-operations",
        "Cloud operations",
        "ITO",
        "Running and optimising workloads on public cloud.",
    ),
]


def service_lines_seed(model) -> None:
    """Create or refresh the shipped service lines (idempotent)."""
    for code, name, option, description in SERVICE_LINES:
        model.objects.update_or_create(
            code=code, defaults={"name": name, "option": option, "description": description}
        )
