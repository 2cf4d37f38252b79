from .functions import (
    BusinessFunction,
    CurrentSourcing,
    Department,
    Recommendation,
    SourcingOption,
)
from .jobs import Job
from .users import User
from .workspaces import Membership, Role, Workspace

__all__ = [
    "BusinessFunction",
    "CurrentSourcing",
    "Department",
    "Job",
    "Membership",
    "Recommendation",
    "Role",
    "SourcingOption",
    "User",
    "Workspace",
]
