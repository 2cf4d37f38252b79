from .functions import BusinessFunction, CurrentSourcing, Department
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
    "User",
    "Workspace",
]
