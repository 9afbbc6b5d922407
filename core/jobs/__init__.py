"""Background work that one process claims: the sweeper and frame analysis."""
