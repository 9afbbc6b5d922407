"""Random and damaged uploads through the real HTTP API never cause a server error, and
a refused upload never leaves a file or a row behind."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.core.api.support import (
    Kiosk,
    database_state,
    mutated,
    served_core,
    start_kiosk,
    stored_files,
    upload,
)
from tests.helpers import jpeg_bytes, new_snapshot_id, png_bytes

pytestmark = pytest.mark.db  # one served core (a SQLite file) for the module

SMALL_JPEG = jpeg_bytes(160, 120, seed=8)
SMALL_PNG = png_bytes(96, 64)


@pytest.fixture(scope="module")
def scene(tmp_path_factory) -> Iterator[tuple[object, str, Kiosk]]:
    with served_core(tmp_path_factory.mktemp("fuzz") / "data") as (core, url):
        exam = core.exams.create_exam("Algebra final", 3600)
        yield core, url, start_kiosk(core, exam.exam_id, "C-1")


@settings(max_examples=60, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(data=st.one_of(st.binary(max_size=2048), mutated(SMALL_JPEG), mutated(SMALL_PNG)))
def test_any_bytes_get_a_client_answer_and_refusals_store_nothing(scene, data):
    core, url, kiosk = scene
    rows_before, files_before = database_state(core.engine), stored_files(core)

    response = upload(url, kiosk.attempt_id, kiosk.token, data, new_snapshot_id())

    assert response.status_code in (201, 413, 415, 422), response.text
    files_after = stored_files(core)
    if response.status_code == 201:
        assert len(files_after) == len(files_before) + 2
        assert database_state(core.engine) != rows_before
    else:
        assert isinstance(response.json()["detail"], str)
        assert files_after == files_before
        assert database_state(core.engine) == rows_before
