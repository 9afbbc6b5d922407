"""Joining a center and an exam: the join form, centers found on the network, enrolment."""
