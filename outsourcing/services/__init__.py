"""Writes of the core domain. Views, commands and tasks call these; they never save models
themselves. Each service validates what it is given and changes nothing when it refuses."""
