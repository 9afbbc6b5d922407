"""ConnectionBanner: says that the exam center's server is lost, since when the grid is as it
shows, and that the console keeps trying; hidden while the center is reachable.

The window greys the grid and turns the actions off while the banner shows; when the center is
back the lists are read again (the live stream resumes from the last change it saw, so nothing
is missed either way).
"""

from __future__ import annotations

import html
from datetime import datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QWidget

from console.proctor.formatting import clock_time


class ConnectionBanner(QLabel):
    #: The center answers but refuses this console (sign-in expired, identity, HTTPS only):
    #: the person chose "Sign in again…".
    sign_in_requested = Signal()

    def __init__(self, location: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("connectionBanner")
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse
                                     | Qt.TextInteractionFlag.LinksAccessibleByKeyboard)
        self.linkActivated.connect(lambda _link: self.sign_in_requested.emit())
        self._location = location
        self.hide()

    def show_lost(self, last_updated: datetime | None, problem: str = "") -> None:
        """``problem``: a sentence when the server answered but cannot be used (it refused the
        sign-in, or is not the pinned center); empty when it does not answer."""
        since = self._since(last_updated)
        if problem:
            self.setText(
                html.escape(problem) + " " + self.tr(
                    "{since}; flagging, warning and terminating are off.").format(since=since)
                + ' <a href="sign-in">' + self.tr("Sign in again…") + "</a>")
        else:
            self.setText(self.tr(
                "The exam center's server at {where} cannot be reached. {since}; flagging, "
                "warning and terminating are off until it is back. The console keeps trying and "
                "catches up by itself, with nothing missed.").format(
                where=html.escape(self._location), since=since))
        self.show()

    def show_signed_out(self, reason: str, last_updated: datetime | None) -> None:
        """The center signed this console out (``reason``, its sentence): not a network
        problem, and nothing comes back by itself."""
        since = self._since(last_updated)
        self.setText(
            html.escape(reason) + " " + self.tr(
                "{since}; flagging, warning and terminating are off until someone signs in."
            ).format(since=since) + ' <a href="sign-in">' + self.tr("Sign in again…") + "</a>")
        self.show()

    def _since(self, last_updated: datetime | None) -> str:
        if last_updated is None:
            return self.tr("The sessions below may be out of date")
        return self.tr("The sessions below are as they were at {time}").format(
            time=clock_time(last_updated))

    def show_found(self) -> None:
        self.hide()
