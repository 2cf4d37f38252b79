from .functions import BusinessFunction, CurrentSourcing, Department, SourcingOption
from .jobs import Job
from .users import User
from .workspaces import Membership, Role, Workspace

__all__ = [
    "BusinessFunction",
    "CurrentSourcing",
    "Department",
    "Job",
    "Membership",
    "Role",
    "SourcingOption",
    "User",
    "Workspace",
]
