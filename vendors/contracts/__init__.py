"""Contracts, SLAs, measurements, service credits, scorecards and notice reminders.

A sub-package of `vendors` (the house puts contracts and SLAs there, beside the catalog they
point at) so that its models, services and pages live apart from the catalog's modules.
`vendors/models.py` imports the models so Django sees them with app_label `vendors`.
"""
