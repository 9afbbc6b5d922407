"""ReportExporter: the evidence report of one session as a PDF, and one snapshot as its original
JPEG file. No dialogs here: the window runs ``write`` in the TaskRunner behind a progress dialog.

Layout (A4 portrait): page 1 holds the session facts and the first ``FIRST_PAGE_TIMELINE_ROWS``
events; the timeline goes on at ``TIMELINE_ROWS_PER_PAGE`` rows a page. The center's own
problems (uploads that failed because the center was unreachable or failed) are not the
candidate's evidence: they are left out of the timeline and listed after it in a short section,
"Center problems during the session" (its heading takes ``HEADING_ROWS`` rows; it starts a new
page when fewer rows are left). Then the snapshots as a contact sheet, ``SNAPSHOTS_PER_PAGE`` a
page (``CONTACT_COLUMNS`` x ``CONTACT_ROWS``), newest first, each with its capture time. A
cancelled or failed export leaves no file behind: the PDF is written to a hidden temporary name
beside the target and renamed only when complete.

In the console's language: every word through Qt's translation (context ``ReportExporter``,
with the shared words of ``Formatting`` and ``SessionFacts``), numbers and times in the
language's digits. A right-to-left language (Arabic) mirrors the page: labels on the right,
values to their left, the timeline's columns and the contact sheet from right to left, with the
text shaped and laid out right to left by Qt's text engine (QPainter). The pictures are never
mirrored, and the digests (the chain head, the evidence key) stay left to right and whole."""

from __future__ import annotations

import math
import os
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QLocale, QMarginsF, QRect, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QImage,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
)

from console.i18n import local_digits, translate
from console.proctor.formatting import REVIEW_WORDS, clock_time, date_time, event_words
from console.proctor.session_details.gallery_model import analysis_badges
from console.proctor.session_details.session_facts import session_facts
from console.proctor.session_details.timeline_model import (
    candidate_events,
    center_problems,
    detail_words,
    event_title,
)
from core.domain.records import EventDTO, SessionDetail, SnapshotDTO

ProgressCallback = Callable[[int, int], None]  # done, total


CENTER_PROBLEMS_HEADING = QT_TRANSLATE_NOOP("ReportExporter", "Center problems during the session")
CENTER_PROBLEMS_NOTE = QT_TRANSLATE_NOOP("ReportExporter", "not counted against the candidate")
#: Who an event came from, in the report's words.
SOURCE_WORDS = {"kiosk": QT_TRANSLATE_NOOP("ReportExporter", "Kiosk"),
                "analysis": QT_TRANSLATE_NOOP("ReportExporter", "Analysis"),
                "proctor": QT_TRANSLATE_NOOP("ReportExporter", "Proctor"),
                "system": QT_TRANSLATE_NOOP("ReportExporter", "System")}
#: A snapshot's analysis badges (gallery_model.analysis_badges) in the report's words.
BADGE_WORDS = {"No face": QT_TRANSLATE_NOOP("ReportExporter", "No face"),
               "Several faces": QT_TRANSLATE_NOOP("ReportExporter", "Several faces"),
               "Blocked": QT_TRANSLATE_NOOP("ReportExporter", "Blocked"),
               "Frozen": QT_TRANSLATE_NOOP("ReportExporter", "Frozen"),
               "Too dark": QT_TRANSLATE_NOOP("ReportExporter", "Too dark"),
               "Looking away": QT_TRANSLATE_NOOP("ReportExporter", "Looking away")}
FACES_BADGE = re.compile(r"(\d+) faces")
#: A digest as the report writes it: left to right and whole, in any language.
DIGEST = re.compile(r"(sha256:)?[0-9a-f]{64}")


def said(text: str) -> str:
    """A sentence of this module (marked with QT_TRANSLATE_NOOP) in the report's language."""
    return translate("ReportExporter", text)


def source_text(source: str) -> str:
    words = SOURCE_WORDS.get(source)
    return said(words) if words else source.capitalize()


def title_text(event: EventDTO) -> str:
    """``Flagged by Dana Lee`` (the center's problem in its words) in the report's language."""
    return translate("Formatting", event_title(event))


def detail_text(event: EventDTO) -> str:
    """The event's detail: the kiosk's or proctor's words as written; a review's outcome in the
    report's language."""
    detail = detail_words(event)
    if event.type == "reviewed":
        outcome, dash, note = detail.partition(" — ")
        if outcome in REVIEW_WORDS.values():
            return translate("Formatting", outcome) + (f" — {note}" if dash else "")
    return detail


def badge_text(snapshot: SnapshotDTO) -> str:
    words = []
    for badge in analysis_badges(snapshot):
        faces = FACES_BADGE.fullmatch(badge)
        if faces:
            words.append(translate("ReportExporter", "{count} faces").format(
                count=local_digits(faces.group(1))))
        else:
            words.append(said(BADGE_WORDS[badge]) if badge in BADGE_WORDS else badge)
    return translate("ReportExporter", ", ").join(words)


class ExportCancelled(Exception):
    """The person cancelled the export; nothing was written."""


@dataclass(frozen=True)
class _TimelinePage:
    """What one timeline page holds: a run of the candidate's events and of center problems."""

    events: slice
    problems: slice

    @property
    def has_events(self) -> bool:
        return self.events.stop > self.events.start


class ReportExporter:
    RESOLUTION = 150  # dots per inch of the page coordinates
    FIRST_PAGE_TIMELINE_ROWS = 30
    TIMELINE_ROWS_PER_PAGE = 44
    CONTACT_COLUMNS = 4
    CONTACT_ROWS = 5
    SNAPSHOTS_PER_PAGE = CONTACT_COLUMNS * CONTACT_ROWS
    HEADING_ROWS = 2  # the center problems' heading, in timeline rows

    def __init__(self, read_image: Callable[[str], bytes], now: Callable[[], datetime]) -> None:
        self._read_image = read_image
        self._now = now

    # ---- page arithmetic -------------------------------------------------------------------
    @classmethod
    def page_count(cls, event_count: int, snapshot_count: int, problem_count: int = 0) -> int:
        """Pages of a report with ``event_count`` candidate's events, ``problem_count`` center
        problems and ``snapshot_count`` snapshots."""
        return (len(cls._timeline_pages(event_count, problem_count))
                + math.ceil(snapshot_count / cls.SNAPSHOTS_PER_PAGE))

    @classmethod
    def _timeline_pages(cls, event_count: int, problem_count: int) -> list[_TimelinePage]:
        """The candidate's events fill page 1 and the pages after it; the center problems
        follow under their heading, on the last of those pages when it has room for the heading
        and one row, and go on on pages of their own."""
        pages: list[_TimelinePage] = []
        events = problems = 0
        while not pages or events < event_count or problems < problem_count:
            rows = cls.TIMELINE_ROWS_PER_PAGE if pages else cls.FIRST_PAGE_TIMELINE_ROWS
            taken = min(rows, event_count - events)
            used = max(taken, 1 if not pages else 0)  # page 1 says "No events recorded."
            first_problem = problems
            if events + taken == event_count and problems < problem_count:
                room = rows - used - (cls.HEADING_ROWS if used else 0)
                if room >= 1:
                    problems += min(room, problem_count - problems)
            pages.append(_TimelinePage(slice(events, events + taken),
                                       slice(first_problem, problems)))
            events += taken
        return pages

    # ---- the PDF ---------------------------------------------------------------------------
    def write(self, path: str | os.PathLike[str], detail: SessionDetail,
              snapshots: Sequence[SnapshotDTO],
              progress_callback: ProgressCallback | None = None,
              is_cancelled: Callable[[], bool] | None = None) -> Path:
        """Write the report to ``path`` (any thread). Raises ExportCancelled when
        ``is_cancelled()`` turns true; then no file is left at ``path`` nor beside it."""
        target = Path(path)
        if not target.parent.is_dir():
            raise FileNotFoundError(f"The folder {target.parent} does not exist.")
        partial = target.with_name(f".{target.name}.partial")
        total = len(snapshots) + 1
        report = progress_callback or (lambda _done, _total: None)
        cancelled = is_cancelled or (lambda: False)
        report(0, total)
        try:
            writer = QPdfWriter(str(partial))
            writer.setResolution(self.RESOLUTION)
            writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4),
                                             QPageLayout.Orientation.Portrait,
                                             QMarginsF(15, 15, 15, 15),
                                             QPageLayout.Unit.Millimeter))
            writer.setTitle(translate("ReportExporter", "Proctoring report — {name}").format(
                name=detail.session.candidate_name))
            writer.setCreator("Proctor Console")
            painter = QPainter()
            if not painter.begin(writer):
                raise OSError(f"The report could not be written to {target}.")
            try:
                page = _Page(painter, writer.pageLayout().paintRectPixels(self.RESOLUTION))
                self._paint_timeline(page, writer, detail)
                report(1, total)
                self._paint_contact_sheet(page, writer, detail, snapshots,
                                          lambda done: report(1 + done, total), cancelled)
            finally:
                painter.end()
            if cancelled():
                raise ExportCancelled()
            os.replace(partial, target)
        except BaseException:
            partial.unlink(missing_ok=True)
            raise
        return target

    def _paint_timeline(self, page: _Page, writer: QPdfWriter, detail: SessionDetail) -> None:
        session = detail.session
        events = candidate_events(detail.events)
        problems = center_problems(detail.events)
        y = page.title(translate("ReportExporter", "Proctoring report"),
                       f"{session.candidate_name} — {session.exam_title}")
        now = self._now()  # one instant for every fact, so "report made" agrees with itself
        facts = [*session_facts(session, now, detail.events),
                 (translate("ReportExporter", "Warnings sent"),
                  local_digits(str(len(detail.warnings))))]
        if problems:
            facts.append((translate("ReportExporter", "Center problems"),
                          translate("ReportExporter",
                                    "{count}, listed after the timeline; {note}").format(
                              count=local_digits(str(len(problems))),
                              note=said(CENTER_PROBLEMS_NOTE))))
        facts.append((translate("ReportExporter", "Report made"), date_time(now)))
        facts += evidence_facts(detail)
        y = page.facts(y, facts)
        y = page.heading(y + 10, translate(
            "ReportExporter", "Timeline — {count} events, newest first").format(
            count=local_digits(str(len(events)))))
        section = translate("ReportExporter", "{heading} — {count}, {note}").format(
            heading=said(CENTER_PROBLEMS_HEADING), count=local_digits(str(len(problems))),
            note=said(CENTER_PROBLEMS_NOTE))
        layout = self._timeline_pages(len(events), len(problems))
        for number, content in enumerate(layout, start=1):
            rows = self.FIRST_PAGE_TIMELINE_ROWS if number == 1 else self.TIMELINE_ROWS_PER_PAGE
            if number > 1:
                writer.newPage()
                y = page.area.top()
                if content.has_events:
                    y = page.heading(y, translate(
                        "ReportExporter", "Timeline (continued, page {number})").format(
                        number=local_digits(str(number))))
                else:
                    y = page.heading(y, section + self._continued(content))
            row_height = (page.area.bottom() - y) / rows
            if number == 1 and not events:
                page.muted_line(y, translate("ReportExporter", "No events recorded."))
                y += row_height
            shown = events[content.events]
            page.timeline_rows(y, row_height, shown)
            y += row_height * len(shown)
            listed = problems[content.problems]
            if listed and (content.has_events or number == 1):  # else: the page's heading
                y = page.heading(y + row_height * self.HEADING_ROWS - 40, section)
            page.center_rows(y, row_height, listed)

    @staticmethod
    def _continued(content: _TimelinePage) -> str:
        """On a page of center problems only: whether the list began on an earlier page."""
        return translate("ReportExporter", " (continued)") if content.problems.start > 0 else ""

    def _paint_contact_sheet(self, page: _Page, writer: QPdfWriter, detail: SessionDetail,
                             snapshots: Sequence[SnapshotDTO],
                             report: Callable[[int], None], cancelled: Callable[[], bool]) -> None:
        sheets = math.ceil(len(snapshots) / self.SNAPSHOTS_PER_PAGE)
        done = 0
        for sheet in range(sheets):
            if cancelled():
                return
            writer.newPage()
            chunk = snapshots[sheet * self.SNAPSHOTS_PER_PAGE:(sheet + 1) * self.SNAPSHOTS_PER_PAGE]
            top = page.heading(page.area.top(), translate("ReportExporter",
                "Snapshots {first} to {last} of {count}, newest first — {name}").format(
                first=local_digits(str(done + 1)), last=local_digits(str(done + len(chunk))),
                count=local_digits(str(len(snapshots))), name=detail.session.candidate_name))
            cells = page.grid(top, self.CONTACT_COLUMNS, self.CONTACT_ROWS)
            for snapshot, cell in zip(chunk, cells, strict=False):
                if cancelled():
                    return
                page.snapshot_cell(cell, snapshot, self._image_for(snapshot, cell))
                done += 1
                report(done)

    def _image_for(self, snapshot: SnapshotDTO, cell: QRectF) -> QImage | None:
        try:
            image = QImage.fromData(self._read_image(snapshot.snapshot_id))
        except Exception:  # a missing file is shown as such on the sheet, not a failed report
            return None
        if image.isNull():
            return None
        # The cell's size at RESOLUTION dpi: sharp enough in print, small enough to mail.
        bound = QSizeF(cell.width(), cell.height()).toSize()
        return image.scaled(bound, Qt.AspectRatioMode.KeepAspectRatio,
                            Qt.TransformationMode.SmoothTransformation)

    # ---- one snapshot ----------------------------------------------------------------------
    @staticmethod
    def write_image(path: str | os.PathLike[str], data: bytes) -> Path:
        """Write the original JPEG bytes of one snapshot (or any bytes) to ``path`` atomically:
        through a partial file, flushed and renamed, so a failed write leaves no file."""
        target = Path(path)
        if not target.parent.is_dir():
            raise FileNotFoundError(f"The folder {target.parent} does not exist.")
        partial = target.with_name(f".{target.name}.partial")
        try:
            with open(partial, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(partial, target)
        except BaseException:
            partial.unlink(missing_ok=True)
            raise
        return target


def evidence_facts(detail: SessionDetail) -> list[tuple[str, str]]:
    """What ties the paper to the session's appeal bundle: the chain head its
    ``signature.json`` signs and ``proctor-verify`` prints, and the key that signs it."""
    if detail.chain_head is None:
        return [(translate("ReportExporter", "Evidence chain"),
                 translate("ReportExporter",
                           "not kept by this center (no evidence bundle to match)"))]
    facts = [(translate("ReportExporter", "Evidence chain"), translate("ReportExporter",
                 "{count} entries; proctor-verify prints the same head for this session's "
                 "bundle").format(count=local_digits(str(detail.chain_length)))),
             (translate("ReportExporter", "Chain head"), detail.chain_head)]
    if detail.evidence_key_sha256:
        facts.append((translate("ReportExporter", "Evidence key"),
                      f"sha256:{detail.evidence_key_sha256}"))
    return facts


#: Text at the reading start of its box, in the middle of its height.
START_MIDDLE = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter


class _Page:
    """Drawing helpers in page pixels (RESOLUTION dpi) inside the margins."""

    def __init__(self, painter: QPainter, area: QRect,
                 direction: Qt.LayoutDirection | None = None) -> None:
        self.painter = painter
        self.area = QRectF(0, 0, area.width(), area.height())
        #: The language's direction (QLocale's): right to left mirrors every box on the page.
        self.direction = QLocale().textDirection() if direction is None else direction
        self.rtl = self.direction == Qt.LayoutDirection.RightToLeft
        painter.setLayoutDirection(self.direction)  # AlignLeft is the reading start
        base = QFont()
        # No typographic ligatures: a digest's "ff" or a word's "fi" would be one glyph, and
        # text copied from the PDF (a chain head to compare, a name to search) would differ.
        base.setFeature(QFont.Tag("liga"), 0)
        self.title_font = QFont(base)
        self.title_font.setPixelSize(34)
        self.title_font.setBold(True)
        self.heading_font = QFont(base)
        self.heading_font.setPixelSize(22)
        self.heading_font.setBold(True)
        self.text_font = QFont(base)
        self.text_font.setPixelSize(17)
        self.bold_font = QFont(self.text_font)
        self.bold_font.setBold(True)
        self.small_font = QFont(base)
        self.small_font.setPixelSize(15)

    def box(self, x: float, y: float, width: float, height: float) -> QRectF:
        """The rectangle at ``x`` from the reading start of the line (the right edge in a
        right-to-left language)."""
        if self.rtl:
            x = self.area.width() - x - width
        return QRectF(x, y, width, height)

    def digest(self, rect: QRectF, text: str) -> None:
        """A digest, left to right and unbroken, at the reading start of ``rect``."""
        p = self.painter
        p.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        start = Qt.AlignmentFlag.AlignRight if self.rtl else Qt.AlignmentFlag.AlignLeft
        p.drawText(rect, start | Qt.AlignmentFlag.AlignAbsolute, text)
        p.setLayoutDirection(self.direction)

    def title(self, title: str, subtitle: str) -> float:
        p = self.painter
        p.setFont(self.title_font)
        p.setPen(QColor("#1f2933"))
        p.drawText(self.box(0, 0, self.area.width(), 44), Qt.AlignmentFlag.AlignLeft, title)
        p.setFont(self.text_font)
        p.setPen(QColor("#5f6b7a"))
        p.drawText(self.box(0, 46, self.area.width(), 24), Qt.AlignmentFlag.AlignLeft,
                   self._elide(subtitle, self.text_font, self.area.width()))
        p.setPen(QPen(QColor("#d5dbe3"), 2))
        p.drawLine(0, 80, int(self.area.width()), 80)
        return 92

    def facts(self, y: float, facts: list[tuple[str, str]]) -> float:
        p = self.painter
        label_width = 170
        for label, value in facts:
            p.setFont(self.bold_font)
            p.setPen(QColor("#5f6b7a"))
            p.drawText(self.box(0, y, label_width, 24), Qt.AlignmentFlag.AlignLeft, label)
            p.setFont(self.text_font)
            p.setPen(QColor("#1f2933"))
            width = self.area.width() - label_width
            if DIGEST.fullmatch(value):
                self.digest(self.box(label_width, y, width, 24), value)
            else:
                p.drawText(self.box(label_width, y, width, 24), Qt.AlignmentFlag.AlignLeft,
                           self._elide(value, self.text_font, width))
            y += 26
        return y

    def heading(self, y: float, text: str) -> float:
        p = self.painter
        p.setFont(self.heading_font)
        p.setPen(QColor("#1f2933"))
        p.drawText(self.box(0, y, self.area.width(), 30), Qt.AlignmentFlag.AlignLeft,
                   self._elide(text, self.heading_font, self.area.width()))
        p.setPen(QPen(QColor("#d5dbe3"), 1))
        p.drawLine(0, int(y + 32), int(self.area.width()), int(y + 32))
        return y + 40

    def muted_line(self, y: float, text: str) -> None:
        self.painter.setFont(self.text_font)
        self.painter.setPen(QColor("#5f6b7a"))
        self.painter.drawText(self.box(0, y, self.area.width(), 24), Qt.AlignmentFlag.AlignLeft,
                              text)

    def timeline_rows(self, y: float, row_height: float, events: Sequence) -> None:
        p = self.painter
        columns = (0.0, 100.0, 450.0, 545.0)  # time, event (and who), source, detail
        event_width = columns[2] - columns[1] - 10
        for event in events:
            p.setFont(self.text_font)
            p.setPen(QColor("#5f6b7a"))
            p.drawText(self.box(columns[0], y, 95, row_height), START_MIDDLE,
                       clock_time(event.occurred_at))
            self._event_title(columns[1], y, event_width, row_height, event)
            p.setFont(self.small_font)
            p.setPen(QColor("#5f6b7a"))
            p.drawText(self.box(columns[2], y, 90, row_height), START_MIDDLE,
                       source_text(event.source))
            width = self.area.width() - columns[3]
            p.setFont(self.text_font)
            p.setPen(QColor("#1f2933"))
            p.drawText(self.box(columns[3], y, width, row_height), START_MIDDLE,
                       self._elide(detail_text(event), self.text_font, width))
            p.setPen(QPen(QColor("#eef1f5"), 1))
            p.drawLine(0, int(y + row_height), int(self.area.width()), int(y + row_height))
            y += row_height

    def center_rows(self, y: float, row_height: float, events: Sequence[EventDTO]) -> None:
        """The center's own problems: time, what happened in its own words, the kiosk's detail;
        in a muted tone, apart from the candidate's evidence."""
        p = self.painter
        columns = (0.0, 100.0, 545.0)  # time, what happened, detail
        for event in events:
            p.setFont(self.text_font)
            p.setPen(QColor("#5f6b7a"))
            p.drawText(self.box(columns[0], y, 95, row_height), START_MIDDLE,
                       clock_time(event.occurred_at))
            width = columns[2] - columns[1] - 10
            p.drawText(self.box(columns[1], y, width, row_height), START_MIDDLE,
                       self._elide(title_text(event), self.text_font, width))
            width = self.area.width() - columns[2]
            p.setFont(self.small_font)
            p.drawText(self.box(columns[2], y, width, row_height), START_MIDDLE,
                       self._elide(detail_text(event), self.small_font, width))
            p.setPen(QPen(QColor("#eef1f5"), 1))
            p.drawLine(0, int(y + row_height), int(self.area.width()), int(y + row_height))
            y += row_height

    def _event_title(self, x: float, y: float, width: float, height: float,
                     event: EventDTO) -> None:
        """``Flagged`` in bold, then `` by Dana Lee`` in regular type when a person did it."""
        p = self.painter
        name = event_words(event.type)
        title = title_text(event)
        p.setPen(QColor("#1f2933"))
        p.setFont(self.bold_font)
        shown = self._elide(name, self.bold_font, width)
        p.drawText(self.box(x, y, width, height), START_MIDDLE, shown)
        by = title.removeprefix(name)
        if not by or shown != name:
            return
        used = QFontMetricsF(self.bold_font, p.device()).horizontalAdvance(name)
        if width - used > 20:
            p.setFont(self.text_font)
            p.drawText(self.box(x + used, y, width - used, height), START_MIDDLE,
                       self._elide(by, self.text_font, width - used))

    def grid(self, top: float, columns: int, rows: int) -> list[QRectF]:
        gap = 14.0
        width = (self.area.width() - gap * (columns - 1)) / columns
        height = (self.area.bottom() - top - gap * (rows - 1)) / rows
        return [self.box(c * (width + gap), top + r * (height + gap), width, height)
                for r in range(rows) for c in range(columns)]

    def snapshot_cell(self, cell: QRectF, snapshot: SnapshotDTO, image: QImage | None) -> None:
        p = self.painter
        caption_height = 40.0
        picture = QRectF(cell.left(), cell.top(), cell.width(), cell.height() - caption_height)
        if image is None:
            p.fillRect(picture, QColor("#eef1f5"))
            p.setFont(self.small_font)
            p.setPen(QColor("#5f6b7a"))
            p.drawText(picture, Qt.AlignmentFlag.AlignCenter,
                       translate("ReportExporter", "Image unavailable"))
        else:
            size = QSizeF(image.size()).scaled(picture.size(), Qt.AspectRatioMode.KeepAspectRatio)
            target = QRectF(0, 0, size.width(), size.height())
            target.moveCenter(picture.center())
            p.drawImage(target, image)
        p.setFont(self.bold_font)
        p.setPen(QColor("#1f2933"))
        p.drawText(QRectF(cell.left(), picture.bottom() + 2, cell.width(), 20),
                   Qt.AlignmentFlag.AlignHCenter, date_time(snapshot.captured_at))
        badges = badge_text(snapshot)
        if badges:
            p.setFont(self.small_font)
            p.setPen(QColor("#b91c1c"))
            p.drawText(QRectF(cell.left(), picture.bottom() + 21, cell.width(), 18),
                       Qt.AlignmentFlag.AlignHCenter,
                       self._elide(badges, self.small_font, cell.width()))

    def _elide(self, text: str, font: QFont, width: float) -> str:
        metrics = QFontMetricsF(font, self.painter.device())
        return metrics.elidedText(text, Qt.TextElideMode.ElideRight, width)
