"""ReportExporter: the evidence report of one session as a PDF, and one snapshot as its original
JPEG file. No dialogs here: the window runs ``write`` in the TaskRunner behind a progress dialog.

Layout (A4 portrait): page 1 holds the session facts and the first ``FIRST_PAGE_TIMELINE_ROWS``
events; the timeline goes on at ``TIMELINE_ROWS_PER_PAGE`` rows a page. Nothing is cut short:
a long fact or timeline row (a proctor's reason, a warning's text, a long name) wraps onto as
many lines as it needs at its column's width, and its row takes that height on the page (a row
of one line takes one row's height); a row goes whole onto the next page when it does not fit,
and only a row taller than a page of its own is split, its next part marked "(continued)". The
center's own problems (uploads that failed because the center was unreachable or failed) are
not the candidate's evidence: they are left out of the timeline and listed after it in a short
section, "Center problems during the session" (its heading takes ``HEADING_ROWS`` rows; it
starts a new page when the heading and the first problem do not fit). Then the snapshots as a
contact sheet, ``SNAPSHOTS_PER_PAGE`` a page (``CONTACT_COLUMNS`` x ``CONTACT_ROWS``), newest
first, each with its capture time. A cancelled or failed export leaves no file behind: the PDF is
written to a hidden temporary name beside the target and renamed only when complete.

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
from typing import Protocol

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QLocale,
    QMarginsF,
    QPointF,
    QRect,
    QRectF,
    QSizeF,
    Qt,
)
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
    QTextCharFormat,
    QTextLayout,
    QTextOption,
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


# Slack for sums of heights in page pixels, so a page of one-line rows holds its count.
EPSILON = 0.01


@dataclass(frozen=True)
class _Piece:
    """One thing on a page of the plan: a row (a fact, a candidate's event, a center problem)
    whole, or the part of a row taller than a page from ``start`` to ``end`` of its text's
    height; the center problems' heading (``section``); page 1's "No events recorded."
    (``none``). ``height`` is what it takes on the page."""

    kind: str
    index: int = 0
    start: float = 0.0
    end: float = 0.0
    height: float = 0.0


class _Sized(Protocol):
    """What the plan needs of a row: its text's height, its first line's height, and where
    its text may be cut between lines."""

    @property
    def content(self) -> float: ...

    @property
    def line(self) -> float: ...

    def cut(self, start: float, room: float) -> float: ...


@dataclass(frozen=True)
class _OneLine:
    """A row of one line, in the units of ``page_count`` (its height is the row height)."""

    content: float = 0.0
    line: float = 0.0

    def cut(self, start: float, room: float) -> float:
        return self.content


# A page of the plan: its row height and what it holds, top to bottom.
_PlannedPage = tuple[float, list[_Piece]]


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
        problems and ``snapshot_count`` snapshots, when every row takes one line."""
        timeline = cls._plan((cls.FIRST_PAGE_TIMELINE_ROWS, 1.0),
                             (cls.TIMELINE_ROWS_PER_PAGE, 1.0),
                             [_OneLine()] * event_count, [_OneLine()] * problem_count)
        return len(timeline) + math.ceil(snapshot_count / cls.SNAPSHOTS_PER_PAGE)

    @classmethod
    def _plan(cls, first: tuple[float, float], later: tuple[float, float],
              rows: Sequence[_Sized], problems: Sequence[_Sized] = ()) -> list[_PlannedPage]:
        """Rows onto pages, each as tall as its text (at least the row height): ``first`` and
        ``later`` are the room for rows and the row height on the first page and on the pages
        after it. A row that does not fit goes whole onto the next page; a row taller than a
        page of its own fills the rest of this one and goes on on the next (cut between lines).
        The center problems follow under their heading, on the last page of the rows when it
        has room for the heading and the first problem, else on pages of their own."""
        pages: list[_PlannedPage] = [(first[1], [])]
        room = first[0]

        def new_page() -> None:
            nonlocal room
            pages.append((later[1], []))
            room = later[0]

        def place(kind: str, index: int, row: _Sized) -> None:
            nonlocal room
            start = 0.0
            while True:
                unit, pieces = pages[-1]
                height = row.content - start + unit - row.line
                if height <= room + EPSILON:
                    pieces.append(_Piece(kind, index, start, row.content, height))
                    room -= height
                    return
                alone = row.content - start + later[1] - row.line
                fresh = not pieces and len(pages) > 1
                if not fresh and (alone <= later[0] + EPSILON or room < unit):
                    new_page()
                    continue
                end = row.cut(start, room - unit + row.line)
                pieces.append(_Piece(kind, index, start, end, room))
                new_page()
                start = end

        if not rows:
            pages[0][1].append(_Piece("none", height=first[1]))
            room -= first[1]
        for index, row in enumerate(rows):
            place("event", index, row)
        if problems:
            unit, pieces = pages[-1]
            heading = cls.HEADING_ROWS * unit
            one = problems[0].content + unit - problems[0].line
            if room + EPSILON >= heading + (one if one <= later[0] else unit):
                pieces.append(_Piece("section", height=heading))
                room -= heading
            else:
                new_page()
            for index, row in enumerate(problems):
                place("problem", index, row)
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
        number = 1

        def new_page() -> None:
            nonlocal number
            writer.newPage()
            number += 1

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
        y = self._paint_facts(page, y, facts, new_page)
        bottom = page.area.bottom()
        timeline = translate("ReportExporter", "Timeline — {count} events, newest first").format(
            count=local_digits(str(len(events))))
        if y + 10 + page.heading_height(timeline) + 3 * page.min_row > bottom:
            new_page()  # the facts left no room for the timeline on their last page
            y = page.area.top() - 10
        y = page.heading(y + 10, timeline)
        section = translate("ReportExporter", "{heading} — {count}, {note}").format(
            heading=said(CENTER_PROBLEMS_HEADING), count=local_digits(str(len(problems))),
            note=said(CENTER_PROBLEMS_NOTE))
        continued = translate("ReportExporter", " (continued)")
        later_top = page.area.top() + max(  # under the tallest heading a later page may have
            page.heading_height(translate("ReportExporter", "Timeline (continued, page {number})")
                                .format(number=local_digits("9999"))),
            page.heading_height(section + continued) if problems else 0)
        first_unit = max((bottom - y) / self.FIRST_PAGE_TIMELINE_ROWS, page.min_row)
        later_unit = max((bottom - later_top) / self.TIMELINE_ROWS_PER_PAGE, page.min_row)
        event_rows = [page.event_row(event) for event in events]
        problem_rows = [page.problem_row(event) for event in problems]
        plan = self._plan((bottom - y, first_unit), (bottom - later_top, later_unit),
                          event_rows, problem_rows)
        for planned, (unit, pieces) in enumerate(plan):
            if planned:
                new_page()
                head = pieces[0]
                if head.kind == "event":
                    page.heading(page.area.top(), translate(
                        "ReportExporter", "Timeline (continued, page {number})").format(
                        number=local_digits(str(number))))
                else:
                    page.heading(page.area.top(), section + (
                        continued if head.index > 0 or head.start > 0 else ""))
                y = later_top
            for piece in pieces:
                if piece.kind == "none":
                    page.muted_line(y, piece.height,
                                    translate("ReportExporter", "No events recorded."))
                elif piece.kind == "section":
                    page.heading(y + piece.height - 40, section)
                else:
                    rows = event_rows if piece.kind == "event" else problem_rows
                    page.row(rows[piece.index], y, unit, piece, continued)
                y += piece.height

    def _paint_facts(self, page: _Page, y: float, facts: list[tuple[str, str]],
                     new_page: Callable[[], None]) -> float:
        """The session's facts from ``y``, each as tall as its label's and value's lines; a fact
        that does not fit goes onto the next page. Returns the height under the last."""
        rows = [page.fact_row(label, value) for label, value in facts]
        room = page.area.bottom() - page.area.top()
        plan = self._plan((page.area.bottom() - y, page.FACT_ROW), (room, page.FACT_ROW), rows)
        for planned, (unit, pieces) in enumerate(plan):
            if planned:
                new_page()
                y = page.area.top()
            for piece in pieces:
                page.row(rows[piece.index], y, unit, piece, rule=False)
                y += piece.height
        return y

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


@dataclass(frozen=True)
class _Cell:
    """One column of a row: its text laid out in lines at the column's width (``x`` from the
    reading start), or a digest drawn whole on one line."""

    x: float
    width: float
    color: str
    layout: QTextLayout | None = None
    digest: str = ""
    digest_height: float = 0.0

    @property
    def lines(self) -> list[tuple[float, float]]:
        """Each line's top and height."""
        if self.layout is None:
            return [(0.0, self.digest_height)]
        return [(line.y(), line.height())
                for line in (self.layout.lineAt(i) for i in range(self.layout.lineCount()))]

    @property
    def height(self) -> float:
        top, height = self.lines[-1]
        return top + height


class _Row:
    """A row of cells side by side; as tall as its tallest cell."""

    def __init__(self, cells: list[_Cell]) -> None:
        self.cells = cells
        self.content = max(cell.height for cell in cells)
        self.line = max(cell.lines[0][1] for cell in cells)

    def cut(self, start: float, room: float) -> float:
        """Where a part of the row from ``start`` ends within ``room``: between lines of every
        cell (one line at least)."""
        lines = [line for cell in self.cells for line in cell.lines]
        bounds = sorted({b for top, height in lines for b in (top, top + height)})

        def between_lines(at: float) -> bool:
            return all(not top + EPSILON < at < top + height - EPSILON for top, height in lines)

        ends = [b for b in bounds if b > start + EPSILON and between_lines(b)]
        fitting = [b for b in ends if b <= start + room + EPSILON]
        return max(fitting) if fitting else min(ends)


class _Page:
    """Drawing helpers in page pixels (RESOLUTION dpi) inside the margins."""

    FACT_ROW = 26.0  # a fact of one line

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
        # The least height of a timeline row: a line of text with room above and below.
        self.min_row = QFontMetricsF(self.text_font, painter.device()).height() + 10

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

    def lay_out(self, text: str, font: QFont, width: float, bold: int = 0,
                centered: bool = False) -> QTextLayout:
        """``text`` in lines at ``width``, in the page's direction (the first ``bold``
        characters in bold), from the reading start or ``centered``: broken between words, or
        within a word longer than the line."""
        layout = QTextLayout(text, font, self.painter.device())
        start = (Qt.AlignmentFlag.AlignRight if self.rtl else Qt.AlignmentFlag.AlignLeft)
        option = QTextOption(Qt.AlignmentFlag.AlignHCenter if centered
                             else start | Qt.AlignmentFlag.AlignAbsolute)
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        option.setTextDirection(self.direction)
        layout.setTextOption(option)
        if bold:
            strong = QTextLayout.FormatRange()
            strong.start, strong.length = 0, bold
            strong.format = QTextCharFormat()
            strong.format.setFontWeight(QFont.Weight.Bold)
            layout.setFormats([strong])
        layout.beginLayout()
        top = 0.0
        while (line := layout.createLine()).isValid():
            line.setLineWidth(width)
            line.setPosition(QPointF(0, top))
            top += line.height()
        layout.endLayout()
        return layout

    def cell(self, x: float, width: float, text: str, font: QFont, color: str,
             bold: int = 0) -> _Cell:
        return _Cell(x, width, color, self.lay_out(text, font, width, bold))

    def draw_lines(self, layout: QTextLayout, rect: QRectF, start: float = 0.0,
                   end: float = math.inf) -> None:
        """The lines of ``layout`` from ``start`` to ``end`` of its height, from the top of
        ``rect`` (its left edge is the lines' left: the layout aligns them in the page's
        direction)."""
        for i in range(layout.lineCount()):
            line = layout.lineAt(i)
            if line.y() >= start - EPSILON and line.y() + line.height() <= end + EPSILON:
                line.draw(self.painter, QPointF(rect.left(), rect.top() - start))

    def fact_row(self, label: str, value: str) -> _Row:
        label_width = 170
        width = self.area.width() - label_width
        cells = [self.cell(0, label_width - 8, label, self.bold_font, "#5f6b7a")]
        if DIGEST.fullmatch(value):
            cells.append(_Cell(label_width, width, "#1f2933", digest=value,
                               digest_height=QFontMetricsF(self.text_font,
                                                           self.painter.device()).height()))
        else:
            cells.append(self.cell(label_width, width, value, self.text_font, "#1f2933"))
        return _Row(cells)

    def event_row(self, event: EventDTO) -> _Row:
        """Time, the event (``Flagged`` in bold, then `` by Dana Lee``), who it came from, its
        detail."""
        columns = (0.0, 100.0, 450.0, 545.0)  # time, event (and who), source, detail
        name = event_words(event.type)
        title = name + title_text(event).removeprefix(name)
        return _Row([
            self.cell(columns[0], 95, clock_time(event.occurred_at), self.text_font, "#5f6b7a"),
            self.cell(columns[1], columns[2] - columns[1] - 10, title, self.text_font,
                      "#1f2933", bold=len(name)),
            self.cell(columns[2], 90, source_text(event.source), self.small_font, "#5f6b7a"),
            self.cell(columns[3], self.area.width() - columns[3], detail_text(event),
                      self.text_font, "#1f2933")])

    def problem_row(self, event: EventDTO) -> _Row:
        """The center's own problem: time, what happened in its own words, the kiosk's detail;
        in a muted tone, apart from the candidate's evidence."""
        columns = (0.0, 100.0, 545.0)  # time, what happened, detail
        return _Row([
            self.cell(columns[0], 95, clock_time(event.occurred_at), self.text_font, "#5f6b7a"),
            self.cell(columns[1], columns[2] - columns[1] - 10, title_text(event),
                      self.text_font, "#5f6b7a"),
            self.cell(columns[2], self.area.width() - columns[2], detail_text(event),
                      self.small_font, "#5f6b7a")])

    def row(self, row: _Row, y: float, unit: float, piece: _Piece, continued: str = "",
            rule: bool = True) -> None:
        """The part of ``row`` that ``piece`` says at ``y``: each cell's first line in the middle
        of the first ``unit`` of height, the next lines under it; a part after the first says
        ``continued`` where the time stands."""
        p = self.painter
        if piece.start > EPSILON:
            first = row.cells[0]
            mark = self.lay_out(continued.strip(), self.small_font, first.width)
            p.setPen(QColor("#5f6b7a"))
            self.draw_lines(mark, self.box(first.x, y + (unit - row.line) / 2, first.width,
                                           piece.height))
        for cell in row.cells:
            top = y + (unit - cell.lines[0][1]) / 2
            rect = self.box(cell.x, top, cell.width, piece.height)
            p.setPen(QColor(cell.color))
            if cell.layout is None:
                if piece.start <= EPSILON:
                    p.setFont(self.text_font)
                    self.digest(QRectF(rect.left(), rect.top(), rect.width(), cell.digest_height),
                                cell.digest)
            else:
                self.draw_lines(cell.layout, rect, piece.start, piece.end)
        if rule:
            p.setPen(QPen(QColor("#eef1f5"), 1))
            p.drawLine(0, int(y + piece.height), int(self.area.width()), int(y + piece.height))

    def title(self, title: str, subtitle: str) -> float:
        p = self.painter
        p.setFont(self.title_font)
        p.setPen(QColor("#1f2933"))
        p.drawText(self.box(0, 0, self.area.width(), 44), Qt.AlignmentFlag.AlignLeft, title)
        p.setPen(QColor("#5f6b7a"))
        lines = self.lay_out(subtitle, self.text_font, self.area.width())
        self.draw_lines(lines, self.box(0, 46, self.area.width(), 24))
        below = lines.boundingRect().height() - lines.lineAt(0).height()
        p.setPen(QPen(QColor("#d5dbe3"), 2))
        p.drawLine(0, int(80 + below), int(self.area.width()), int(80 + below))
        return 92 + below

    def heading_height(self, text: str) -> float:
        """What ``heading`` takes of the page's height."""
        lines = self.lay_out(text, self.heading_font, self.area.width())
        return 40 + lines.boundingRect().height() - lines.lineAt(0).height()

    def heading(self, y: float, text: str) -> float:
        p = self.painter
        p.setPen(QColor("#1f2933"))
        lines = self.lay_out(text, self.heading_font, self.area.width())
        # a little down from y: a mark above a letter (Arabic's hamza) stays inside the margin
        self.draw_lines(lines, self.box(0, y + 3, self.area.width(), 30))
        below = lines.boundingRect().height() - lines.lineAt(0).height()
        p.setPen(QPen(QColor("#d5dbe3"), 1))
        p.drawLine(0, int(y + 32 + below), int(self.area.width()), int(y + 32 + below))
        return y + 40 + below

    def muted_line(self, y: float, height: float, text: str) -> None:
        self.painter.setFont(self.text_font)
        self.painter.setPen(QColor("#5f6b7a"))
        self.painter.drawText(self.box(0, y, self.area.width(), height), START_MIDDLE, text)

    def grid(self, top: float, columns: int, rows: int) -> list[QRectF]:
        gap = 14.0
        width = (self.area.width() - gap * (columns - 1)) / columns
        height = (self.area.bottom() - top - gap * (rows - 1)) / rows
        return [self.box(c * (width + gap), top + r * (height + gap), width, height)
                for r in range(rows) for c in range(columns)]

    def snapshot_cell(self, cell: QRectF, snapshot: SnapshotDTO, image: QImage | None) -> None:
        p = self.painter
        badges = badge_text(snapshot)
        lines = self.lay_out(badges, self.small_font, cell.width(), centered=True)
        caption_height = 22.0 + (lines.boundingRect().height() if badges else 18.0)
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
        if badges:  # every badge, on as many lines as they need
            p.setPen(QColor("#b91c1c"))
            self.draw_lines(lines, QRectF(cell.left(), picture.bottom() + 21, cell.width(), 18))
