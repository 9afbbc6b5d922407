"""The center contract, run against the in-memory center: the same test functions as the embedded
and remote centers pass, with the fake's own core behind it (``backend``).

Left out, as they are about the network or the server and nothing a fake could stand for: the
remote-only tests of the contract module (an unreachable server, a refused secret, signing in
with a password, the admin key check, the change stream resuming after a restart). The fake's
own stand-in for a lost center is checked here instead."""

from __future__ import annotations

import io
import queue
from collections.abc import Iterator

import pytest

from console.proctor.center import CenterUnavailable
from core.domain.errors import DomainError, NotFound
from tests.console.proctor.center import test_center_contract as contract
from tests.console.proctor.center.test_center_contract import an_exam, session  # noqa: F401
from tests.fakes.in_memory_center import InMemoryCenter, InMemoryCore


@pytest.fixture
def backend(clock) -> InMemoryCore:
    return InMemoryCore(clock)


@pytest.fixture
def center(backend) -> Iterator[InMemoryCenter]:
    built = InMemoryCenter(backend)
    yield built
    built.close()


test_the_session_list_is_the_cores = contract.test_the_session_list_is_the_cores
test_a_session_is_paused_resumed_and_given_time_by_who_the_console_acts_for = (
    contract.test_a_session_is_paused_resumed_and_given_time_by_who_the_console_acts_for)
test_an_alert_is_acknowledged_and_dismissed_by_who_the_console_acts_for = (
    contract.test_an_alert_is_acknowledged_and_dismissed_by_who_the_console_acts_for)
test_an_accommodation_is_set_and_the_session_list_filters_by_room = (
    contract.test_an_accommodation_is_set_and_the_session_list_filters_by_room)
test_samples_come_only_when_asked_for_and_nothing_is_active = (
    contract.test_samples_come_only_when_asked_for_and_nothing_is_active)
test_a_sessions_detail_has_its_events_and_warnings = (
    contract.test_a_sessions_detail_has_its_events_and_warnings)
test_snapshots_page_newest_first_and_their_bytes_are_the_stored_ones = (
    contract.test_snapshots_page_newest_first_and_their_bytes_are_the_stored_ones)
test_exams_are_created_and_listed = contract.test_exams_are_created_and_listed
test_storage_figures_are_the_cores = contract.test_storage_figures_are_the_cores
test_exams_are_edited_archived_and_restored = contract.test_exams_are_edited_archived_and_restored
test_storage_status_is_the_cores = contract.test_storage_status_is_the_cores
test_the_admin_creates_lists_and_disables_proctors = (
    contract.test_the_admin_creates_lists_and_disables_proctors)
test_actions_are_recorded_as_done_by_who_the_console_acts_for = (
    contract.test_actions_are_recorded_as_done_by_who_the_console_acts_for)
test_proctor_actions_change_the_session = contract.test_proctor_actions_change_the_session
test_errors_are_the_same_domain_errors_with_the_same_sentences = (
    contract.test_errors_are_the_same_domain_errors_with_the_same_sentences)
test_changes_arrive_as_domain_events = contract.test_changes_arrive_as_domain_events


def test_every_contract_test_of_both_centers_runs_here_or_is_left_out_for_a_reason():
    shared = {name for name in dir(contract) if name.startswith("test_")
              and "center" in contract.__dict__[name].__code__.co_varnames[
                  :contract.__dict__[name].__code__.co_argcount]}
    assert shared <= set(globals()), f"not run against the fake: {shared - set(globals())}"


def test_a_lost_center_says_so_to_its_listeners_and_refuses_calls_until_it_is_back(center):
    heard: queue.Queue[bool] = queue.Queue()
    unwatch = center.watch_reachability(heard.put)
    center.set_reachable(False)
    with pytest.raises(CenterUnavailable, match="cannot be reached"):
        center.list_sessions()
    center.set_reachable(True)
    unwatch()
    center.set_reachable(False)
    assert [heard.get_nowait(), heard.get_nowait()] == [False, True] and heard.empty()


def test_the_in_memory_center_says_it_makes_no_evidence_bundle(center, session):  # noqa: F811
    with pytest.raises(DomainError, match=r"makes no evidence bundles.*PDF report instead"):
        center.write_bundle(session.session_id, io.BytesIO())
    with pytest.raises(NotFound):
        center.write_bundle("no-such-session", io.BytesIO())
