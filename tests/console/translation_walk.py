"""The pseudo-language walk shared by the kiosk's and the console's translation tests: which
visible words escaped Qt's translation (they are not inside the pseudo-language's brackets) and
which are cut off (a label or button narrower than its words)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QTextDocument
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDialogButtonBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QPushButton,
    QStyleOptionViewItem,
    QToolButton,
    QWidget,
)

from console.i18n import install_language, remove_language
from tests.tools.pseudo_translation import build_pseudo_catalogue

BRACKETED = re.compile(r"\[[^\[\]]*\]")
LETTER = re.compile(r"[^\W\d_]")


@pytest.fixture(scope="session")
def pseudo_catalogue(tmp_path_factory) -> Path:
    return build_pseudo_catalogue(tmp_path_factory.mktemp("pseudo")).parent


@pytest.fixture
def pseudo_language(qapp, pseudo_catalogue) -> Iterator[None]:
    install_language("pseudo", pseudo_catalogue)
    yield
    remove_language()


@pytest.fixture
def arabic(qapp) -> Iterator[None]:
    install_language("ar")
    yield
    remove_language()


def plain(text: str) -> str:
    if "<" in text:
        document = QTextDocument()
        document.setHtml(text)
        return document.toPlainText()
    return text


def escapes(text: str, data: Iterable[str] = ()) -> str:
    """What of ``text`` is words outside the pseudo-language's brackets ("" when none);
    ``data``: what a window shows that is data, not words (names, titles, addresses)."""
    text = plain(text).replace("&", "")  # a menu's accelerator marks
    while BRACKETED.search(text):
        text = BRACKETED.sub(" ", text)
    for datum in data:
        text = text.replace(datum, " ")
    return text.strip() if LETTER.search(text) else ""


def visible_texts(top: QWidget) -> Iterator[tuple[QWidget, str]]:
    if top.windowTitle():
        yield top, top.windowTitle()
    for widget in [top, *top.findChildren(QWidget)]:
        if not widget.isVisibleTo(top) or (widget is not top and not widget.isVisible()):
            continue
        if widget.objectName() == "BannerIcon":
            continue  # a banner's sign in its circle ("!", the "i" of information), not a word
        if isinstance(widget, (QLabel, QAbstractButton)):
            yield widget, widget.text()
        elif isinstance(widget, QGroupBox):
            yield widget, widget.title()
        elif (isinstance(widget, QLineEdit) and not widget.text()) or (
                isinstance(widget, QComboBox) and widget.count() == 0):
            yield widget, widget.placeholderText()
        if widget.toolTip():
            yield widget, widget.toolTip()


def is_cut_off(widget: QWidget) -> bool:
    if widget.property("elides") and widget.toolTip() == getattr(widget, "text", str)():
        return False  # a line that shortens with "…" by design, whole in its tooltip
    if isinstance(widget, QLabel) and not widget.wordWrap() and widget.text():
        return widget.sizeHint().width() > widget.width() + 1
    if isinstance(widget, QAbstractButton) and widget.text():
        return widget.sizeHint().width() > widget.width() + 1
    return False


def _is_from(thing: object, modules: tuple[str, ...]) -> bool:
    return bool(modules) and type(thing).__module__.startswith(modules)


def is_qt_standard_button(widget: QWidget) -> bool:
    """A dialog button box's standard button (Close, OK…): Qt's own translation
    (qtbase_<language>.qm) says it, not ours."""
    box = widget.parentWidget()
    return (isinstance(widget, QPushButton) and isinstance(box, QDialogButtonBox)
            and box.standardButton(widget) != QDialogButtonBox.StandardButton.NoButton)


def menu_texts(window: QMainWindow, not_yet: tuple[str, ...] = ()) -> Iterator[
        tuple[QWidget, str]]:
    """The menu bar's menus and every action in them (submenus too), but the actions made by
    the modules ``not_yet`` names."""
    menus = [action.menu() for action in window.menuBar().actions() if action.menu()]
    while menus:
        menu = menus.pop()
        assert isinstance(menu, QMenu)
        yield menu, menu.title()
        for action in menu.actions():
            if _is_from(action.parent(), not_yet):
                continue
            if action.menu():
                menus.append(action.menu())
            elif action.isVisible() and not action.isSeparator():
                yield menu, action.text()
                if action.toolTip() != action.text().replace("&", ""):
                    yield menu, action.toolTip()


def problems(top: QWidget, where: str, data: Iterable[str] = (),
             not_yet: tuple[str, ...] = ()) -> list[str]:
    """What ``top`` shows untranslated or cut off. ``not_yet``: modules whose widgets and
    actions are not walked (their words are not translated yet)."""
    for _pass in range(3):  # a nested layout settles one level per pass
        QApplication.processEvents()
    data = tuple(data)
    found = []
    texts = list(visible_texts(top))
    if isinstance(top, QMainWindow):
        texts += list(menu_texts(top, not_yet))
    for widget, text in texts:
        ancestors = [widget]
        while ancestors[-1].parentWidget() is not None:
            ancestors.append(ancestors[-1].parentWidget())
        if any(_is_from(w, not_yet) for w in ancestors) or (
                isinstance(widget, QToolButton) and widget.defaultAction() is not None
                and _is_from(widget.defaultAction().parent(), not_yet)):
            continue
        escaped = "" if is_qt_standard_button(widget) else escapes(text, data)
        if escaped:
            found.append(f"{where}: {type(widget).__name__} {widget.objectName()!r} shows "
                         f"{escaped!r} untranslated (in {text!r})")
        if text == widget.toolTip() and text != getattr(widget, "text", lambda: None)():
            continue  # a tip is never cut off
        if is_cut_off(widget):
            found.append(f"{where}: {type(widget).__name__} {widget.objectName()!r} cuts off "
                         f"{text!r} ({widget.sizeHint().width()} wide in {widget.width()})")
    return found


def painted_problems(view: QAbstractItemView, where: str, data: Iterable[str] = ()) -> list[str]:
    """What the cards a view's delegate paints (no widget per card) show untranslated or cut
    off: each row is painted at the view's card size with the delegate noting the words it
    draws (``delegate.drawn``: the words, as shown, may be shortened by design), and each
    card's tooltip."""
    data = tuple(data)
    delegate = view.itemDelegate()
    model = view.model()
    found = []
    for row in range(model.rowCount()):
        index = model.index(row, 0)
        size = view.visualRect(index).size()
        if size.isEmpty():  # not laid out (scrolled away): as the delegate sizes it
            size = delegate.sizeHint(QStyleOptionViewItem(), index)
        image = QImage(size, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(QColor("white"))
        option = QStyleOptionViewItem()
        option.rect = QRect(0, 0, size.width(), size.height())
        option.direction = view.layoutDirection()
        option.font = view.font()
        delegate.drawn = []
        painter = QPainter(image)
        try:
            delegate.paint(painter, option, index)
        finally:
            painter.end()
            drawn, delegate.drawn = delegate.drawn, None
        tip = index.data(Qt.ItemDataRole.ToolTipRole) or ""
        for line in tip.splitlines():  # a tip is never cut off
            drawn.append((line, line, True))
        for words, shown, may_shorten in drawn:
            escaped = escapes(words, data)
            if escaped:
                found.append(f"{where}: card {row} shows {escaped!r} untranslated (in {words!r})")
            if shown != words and not may_shorten:
                found.append(f"{where}: card {row} cuts off {words!r} (shows {shown!r} in a "
                             f"card {size.width()} wide)")
    return found
