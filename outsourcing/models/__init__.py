from .functions import BusinessFunction, CurrentSourcing, Department
from .jobs import Job
from .users import User
from .workspaces import Membership, Organization, Role

__all__ = [
    "BusinessFunction",
    "CurrentSourcing",
    "Department",
    "Job",
    "Membership",
    "Organization",
    "Role",
    "User",
]
