"""The kiosk says the center's refusals in the candidate's language: a real server refuses to
start an archived exam, and the kiosk in Arabic shows why in Arabic."""

from __future__ import annotations

import uuid

import pytest

from console.i18n import said
from core.client import ApiError, ProctorClient


def test_in_arabic_a_kiosk_told_that_its_exam_is_archived_says_so_in_arabic(
        arabic, open_kiosk, server, kiosk_exam, qtbot):
    server.core.exams.archive_exam(kiosk_exam.exam_id)
    window = open_kiosk(server.url, server.core.config.kiosk_key, kiosk_exam.exam_id)
    message = window.join_page.message
    qtbot.waitUntil(lambda: message.isVisible() and "«" in message.text(), timeout=10000)
    assert "«Algebra final» مؤرشف، فلا يمكن بدء محاولة جديدة" in message.text()
    assert "archived" not in message.text()


def test_in_arabic_the_kiosks_upload_refused_as_not_an_image_is_said_in_arabic(
        arabic, server, kiosk_exam):
    with ProctorClient(server.url, server.core.config.kiosk_key) as client:
        started = client.start_attempt(kiosk_exam.exam_id, "C-7", "Omar Khalid")
        with pytest.raises(ApiError) as refused:
            client.upload_snapshot(started.attempt_id, str(uuid.uuid4()), b"not a picture",
                                   token=started.token)
    assert refused.value.code == "image_not_jpeg_or_png"
    assert said(refused.value) == "لا تُقبل إلا صور JPEG وPNG، وهذا الملف ليس أيًّا منهما."


def test_in_arabic_a_field_the_center_refuses_is_said_in_arabic_with_its_name_and_limit(
        arabic, server, kiosk_exam):
    with ProctorClient(server.url, server.core.config.kiosk_key) as client, \
            pytest.raises(ApiError) as refused:
        client.start_attempt(kiosk_exam.exam_id, "C-8", "Omar Khalid", seat="B" * 41)
    assert refused.value.status == 422
    assert refused.value.params == {"field": "seat", "limit": "40"}
    assert said(refused.value) == "لا يتجاوز الحقل 'seat' ٤٠ حرف."
