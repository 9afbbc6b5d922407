"""The risk rule on its own: weighted sum, the cap, the level boundaries and overrides."""

from __future__ import annotations

import pytest

from core.domain.risk import DEFAULT_RISK_WEIGHTS, MAX_RISK, RiskRule, risk_level


@pytest.mark.parametrize(("score", "level"), [(0, "low"), (29, "low"), (30, "medium"),
                                              (59, "medium"), (60, "high"), (100, "high")])
def test_the_level_reads_low_medium_or_high(score, level):
    assert risk_level(score) == level


def test_the_documented_weights_cover_every_kind_of_evidence():
    evidence = {"camera_denied", "upload_failed", "focus_lost", "no_face", "multiple_faces",
                "flagged"}
    assert evidence <= set(DEFAULT_RISK_WEIGHTS)
    assert all(DEFAULT_RISK_WEIGHTS[name] > 0 for name in evidence)


def test_a_score_is_the_sum_of_its_weights_capped_at_100():
    rule = RiskRule()
    assert rule.score(["focus_lost", "no_face"]) == 18
    assert rule.score(["multiple_faces"] * 5) == MAX_RISK == 100
    assert rule.add(95, "multiple_faces") == 100


def test_events_without_a_weight_add_nothing():
    rule = RiskRule()
    assert rule.score(["session_started", "focus_regained", "warning_sent", "nonsense"]) == 0


def test_an_override_changes_one_weight_and_keeps_the_others():
    rule = RiskRule({"no_face": 40})
    assert rule.weight("no_face") == 40
    assert rule.weight("multiple_faces") == DEFAULT_RISK_WEIGHTS["multiple_faces"]
