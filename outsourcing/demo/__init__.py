"""Demo data: a believable client workspace, people in every role, and (from the other
apps) a vendor catalog and assessments. Loading it twice changes nothing."""
