"""The photo desk: the grid of the library's photos, its filters, and the inspector.

The main window hosts it and listens for two requests, to insert a photo
into the open article or make it the lead; everything else (imports,
edits, batch edits, exports) happens here, through the application layer
(``editing``), with long work run as jobs so the grid keeps scrolling while
a shoot of two hundred frames lands. Batch edits can be undone (Edit ▸ Undo
while the desk is shown).
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import (
    QEvent,
    QItemSelection,
    QItemSelectionModel,
    QObject,
    QPoint,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QAction,
    QDragEnterEvent,
    QDropEvent,
    QKeyEvent,
    QKeySequence,
    QResizeEvent,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QMenu,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from workstation.editing.imports import ImportStep
from workstation.editing.ingest_setup import export_codes, import_codes
from workstation.editing.live_ingest import check_watch, watch_folder
from workstation.editing.originals import OriginalsReport, export_originals
from workstation.editing.photos import (
    BatchUndo,
    NameCompletions,
    desk_settings,
    mark_photos,
    marks_of,
    name_completions,
    photo_details,
    undo_batch,
)
from workstation.errors import WorkstationError
from workstation.library.database import Library
from workstation.library.import_report import ImportReport
from workstation.library.photo_queries import PhotoFilter, PhotoSort
from workstation.photos.ingest import IMAGE_SUFFIXES
from workstation.ui.after_paint import after_paint
from workstation.ui.jobs import Job, run_in_background, runner
from workstation.ui.photo_desk.batch_dialog import BatchEditDialog
from workstation.ui.photo_desk.compare import MAX_FRAMES, MIN_FRAMES, CompareDialog
from workstation.ui.photo_desk.culling import CullFilters, MarkChange, key_change
from workstation.ui.photo_desk.dialogs import ExportOriginalsDialog, ImportResultDialog
from workstation.ui.photo_desk.grid_delegate import CELL, PhotoDelegate
from workstation.ui.photo_desk.grid_model import PhotoGridModel
from workstation.ui.photo_desk.importing import start_import
from workstation.ui.photo_desk.ingest_dialog import IngestDialog, TemplateDialog
from workstation.ui.photo_desk.inspector import Inspector
from workstation.ui.photo_desk.pixel_limit import (
    ask_pixel_limit,
    store_pixel_limit,
    stored_pixel_limit,
)

IMPORT_FILTER = f"Images ({' '.join(f'*{suffix}' for suffix in sorted(IMAGE_SUFFIXES))});;All files (*)"
# How often the grid re-reads the library while an import is landing.
REFRESH_DURING_IMPORT_MS = 1_000
SEARCH_DELAY_MS = 250
COMPLETIONS_AFTER_MS = 1_000
# Progress is shown at most this often: each update repaints part of the window.
PROGRESS_EVERY_S = 0.1
INSPECTOR_WIDTH = 400
FLAGS = (
    ("missing_credit", "No credit", "Photos with nothing to print as a credit"),
    ("missing_alt", "No alt text", "Photos without alt text for screen readers"),
    ("unused", "Unused", "Photos no article uses, in its body or as its lead"),
    ("expiring", "Rights ending", "Rights that end within 30 days, or have ended"),
)


class PhotoDesk(QWidget):
    """The photo desk, to be hosted by the main window."""

    insert_photo_requested = Signal(int)
    set_lead_requested = Signal(int)
    open_article_requested = Signal(int)
    import_finished = Signal(object)
    export_finished = Signal(object)

    def __init__(self, library: Library, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._library = library
        self._importer: Job | None = None
        self._exporter: Job | None = None
        # Undo records of the batch edits made here, the latest last.
        self._undo: list[BatchUndo] = []
        self._queued: list[Path] = []
        self._last_export_folder: Path | None = None
        self._last_progress = 0.0
        # Larger images are refused as decompression bombs.
        self.max_pixels = stored_pixel_limit()
        self.last_import: ImportReport | None = None
        self.last_export: OriginalsReport | None = None
        self.result_dialog: ImportResultDialog | None = None
        self.batch_dialog: BatchEditDialog | None = None
        self.export_dialog: ExportOriginalsDialog | None = None
        self.ingest_dialog: IngestDialog | None = None
        self.template_dialog: TemplateDialog | None = None
        self.compare_dialog: CompareDialog | None = None
        # The ingest template chosen last in the import dialog; drops use it too.
        self.template_name = ""
        self._watcher: Job | None = None
        self.watched_folder: Path | None = None
        self.last_watch: ImportReport | None = None
        self.setAcceptDrops(True)
        # Built once the grid's first listing is in (``inspector``); what the main window tells it before waits here.
        self._inspector: Inspector | None = None
        self._inspector_filled = False
        self._target_article: tuple[str | None] | None = None
        # The names for completion last read on the runner, for the batch dialog too.
        self._names: NameCompletions | None = None
        # Whether they are wanted yet: not before a photo is first shown (``_selection_changed``).
        self._completions_wanted = False
        self.model = PhotoGridModel(library, self)
        # Whether the listing under way is a new filter's (read from its start) or a refresh (keeping the selection).
        self._new_listing = False
        self._kept: tuple[list[int], int | None] = ([], None)
        self.model.modelAboutToBeReset.connect(self._keep_selection)
        self.model.listed.connect(self._listed)
        self.model.listing_failed.connect(self._listing_failed)
        self._build()
        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.setInterval(REFRESH_DURING_IMPORT_MS)
        self._refresh_timer.timeout.connect(self.refresh)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self._apply_filter)
        # Names for autocompletion are re-read once edits or imports pause.
        self._completions_timer = QTimer(self)
        self._completions_timer.setSingleShot(True)
        self._completions_timer.setInterval(COMPLETIONS_AFTER_MS)
        self._completions_timer.timeout.connect(self._refresh_completions)
        # Listed first, so the listing's job is under way while the desk is built and painted. The inspector
        # (a long form) and the settings it shows come in turns of their own once the listing is in (``_listed``).
        self.refresh()

    # Building

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        bar = QHBoxLayout()
        self.search_edit = QLineEdit()
        self.search_edit.setPlaceholderText("Search captions, credits, creators…")
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.textChanged.connect(lambda _t: self._search_timer.start())
        bar.addWidget(self.search_edit, 2)
        self.sort_combo = QComboBox()
        self.sort_combo.addItem("Newest taken first", PhotoSort.DATE_TAKEN)
        self.sort_combo.addItem("Newest imported first", PhotoSort.IMPORTED)
        self.sort_combo.currentIndexChanged.connect(lambda _i: self._apply_filter())
        bar.addWidget(self.sort_combo)
        self.flag_buttons: dict[str, QToolButton] = {}
        for name, label, tip in FLAGS:
            button = QToolButton()
            button.setText(label)
            button.setToolTip(tip)
            button.setCheckable(True)
            button.setStyleSheet(
                "QToolButton { padding: 3px 8px; }"
                "QToolButton:checked { background: palette(highlight); color: palette(highlighted-text);"
                " border-radius: 3px; }"
            )
            button.toggled.connect(lambda _on: self._apply_filter())
            bar.addWidget(button)
            self.flag_buttons[name] = button
        bar.addStretch(1)
        self.import_button = QToolButton()
        self.import_button.setText("Import…")
        self.import_button.setToolTip(
            "Import photo files (or drop files and folders onto the desk);"
            " the arrow sets the largest picture accepted"
        )
        self.import_button.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
        self.import_button.clicked.connect(self.open_import_dialog)
        import_menu = QMenu(self.import_button)
        self.pixel_limit_action = import_menu.addAction(
            "Largest picture accepted…", self.change_pixel_limit
        )
        import_menu.addSeparator()
        import_menu.addAction("Ingest templates…", self.open_templates)
        import_menu.addAction("Import code replacements…", self.import_code_file)
        import_menu.addAction("Export code replacements…", self.export_code_file)
        self.import_button.setMenu(import_menu)
        self.batch_button = QPushButton("Batch edit…")
        self.batch_button.clicked.connect(self.open_batch_edit)
        self.export_button = QPushButton("Export originals…")
        self.export_button.clicked.connect(self.open_export_originals)
        for button in (self.import_button, self.batch_button, self.export_button):
            bar.addWidget(button)
        layout.addLayout(bar)
        cull_bar = QHBoxLayout()
        self.cull_filters = CullFilters()
        self.cull_filters.changed.connect(self._apply_filter)
        cull_bar.addWidget(self.cull_filters)
        self.compare_button = QPushButton("Compare")
        self.compare_button.setToolTip("Two to four selected photos side by side (C)")
        self.compare_button.clicked.connect(self.open_compare)
        cull_bar.addWidget(self.compare_button)
        cull_keys = QLabel("Keys: 0–5 stars · 6–9 labels · P pick · X reject")
        cull_keys.setStyleSheet("color: palette(placeholder-text);")
        cull_bar.addWidget(cull_keys)
        cull_bar.addStretch(1)
        self.watch_label = QLabel()
        self.watch_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.stop_watch_button = QPushButton("Stop watching")
        self.stop_watch_button.clicked.connect(self.stop_watching)
        cull_bar.addWidget(self.watch_label, 1)
        cull_bar.addWidget(self.stop_watch_button)
        self.watch_label.setVisible(False)
        self.stop_watch_button.setVisible(False)
        layout.addLayout(cull_bar)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        grid_side = QWidget()
        grid_layout = QVBoxLayout(grid_side)
        grid_layout.setContentsMargins(0, 0, 0, 0)
        self.view = QListView()
        self.view.setViewMode(QListView.ViewMode.IconMode)
        self.view.setResizeMode(QListView.ResizeMode.Adjust)
        self.view.setMovement(QListView.Movement.Static)
        self.view.setUniformItemSizes(True)
        self.view.setLayoutMode(QListView.LayoutMode.Batched)
        self.view.setBatchSize(240)
        self.view.setGridSize(QSize(CELL.width() + 4, CELL.height() + 4))
        self.view.viewport().installEventFilter(self)
        self.view.installEventFilter(self)
        self.view.setSpacing(0)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        # Qt lays icons out as if a scroll bar were shown whenever one may be; with it always
        # shown, the width the columns are spread over is the width they are laid out in.
        self.view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.view.verticalScrollBar().setSingleStep(24)
        self.view.setItemDelegate(PhotoDelegate(self.view))
        self.view.setModel(self.model)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._context_menu)
        self.view.selectionModel().selectionChanged.connect(self._selection_changed)
        self.empty_label = QLabel(self.view.viewport())
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.empty_label.setStyleSheet(
            "color: palette(placeholder-text); font-size: 13pt;"
        )
        grid_layout.addWidget(self.view, 1)
        self.count_label = QLabel()
        self.count_label.setStyleSheet("color: palette(placeholder-text);")
        grid_layout.addWidget(self.count_label)
        self.splitter.addWidget(grid_side)

        # Holds the inspector's place (and width) until it is built.
        placeholder = QWidget()
        placeholder.setMinimumWidth(INSPECTOR_WIDTH)
        self.splitter.addWidget(placeholder)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([820, 460])
        layout.addWidget(self.splitter, 1)

        progress_row = QHBoxLayout()
        self.progress_label = QLabel()
        # Ignored width: a longer file name must not re-lay out the whole desk.
        self.progress_label.setSizePolicy(
            QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred
        )
        self.progress_bar = QProgressBar()
        self.progress_bar.setTextVisible(True)
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.clicked.connect(self.cancel_work)
        progress_row.addWidget(self.progress_label, 1)
        progress_row.addWidget(self.progress_bar, 2)
        progress_row.addWidget(self.cancel_button)
        self.progress_widget = QWidget()
        self.progress_widget.setLayout(progress_row)
        self.progress_widget.setVisible(False)
        layout.addWidget(self.progress_widget)
        self.status_label = QLabel()
        self.status_label.setSizePolicy(
            QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred
        )
        layout.addWidget(self.status_label)

    @property
    def inspector(self) -> Inspector:
        """The photo's form beside the grid; built and filled on first use if the turns after opening have not come yet."""
        inspector = self._build_inspector()
        self._fill_inspector()
        return inspector

    def _build_inspector(self) -> Inspector:
        """Build the inspector in the placeholder's stead; what it shows is given on a turn of its own.

        Building and painting the long form is one turn's work; reading the
        settings and showing the selection in it another, so neither holds
        up the grid's frames for long.
        """
        if self._inspector is not None:
            return self._inspector
        inspector = self._inspector = Inspector(self._library)
        inspector.setMinimumWidth(INSPECTOR_WIDTH)
        inspector.photo_saved.connect(self._photo_saved)
        inspector.insert_photo_requested.connect(self.insert_photo_requested)
        inspector.open_article_requested.connect(self.open_article_requested)
        inspector.set_lead_requested.connect(self.set_lead_requested)
        inspector.batch_edit_requested.connect(self.open_batch_edit)
        sizes = self.splitter.sizes()
        self.splitter.replaceWidget(1, inspector).deleteLater()
        self.splitter.setSizes(sizes)
        after_paint(self, self._fill_inspector)
        return inspector

    def _fill_inspector(self) -> None:
        """Give the built inspector the settings, article and selection it shows (once)."""
        inspector = self._inspector
        if inspector is None or self._inspector_filled or runner().stopped(self):
            return
        self._inspector_filled = True
        if self._target_article is not None:
            inspector.set_target_article(self._target_article[0])
        self.reload_settings()
        if self.isVisible():
            inspector.enable_spelling()
        self._selection_changed()

    # Listing

    def current_filter(self) -> PhotoFilter:
        flags = {name: button.isChecked() for name, button in self.flag_buttons.items()}
        return PhotoFilter(
            query=self.search_edit.text(), sort=self.sort_combo.currentData(), **flags,
            **self.cull_filters.values(),  # type: ignore[arg-type]
        )

    def _apply_filter(self) -> None:
        self._search_timer.stop()
        self.inspector.save()
        self._new_listing = True
        self.model.set_filter(self.current_filter())

    def refresh(self) -> None:
        """Re-read the grid from the library, keeping the selection (a large library's listing comes later)."""
        self.model.refresh()

    def _listing_failed(self, exc: BaseException) -> None:
        self.status_label.setText(f"Photos not listed: {exc}")
        self._build_inspector_later()

    def _build_inspector_later(self) -> None:
        """Build the inspector once the grid's first listing is in and painted.

        Not sooner: a decade's listing keeps a core busy for a tenth of a
        second, and the UI thread building the form beside it on a
        two-core machine waited its turn for the other.
        """
        if self._inspector is None:
            after_paint(self, self._build_inspector_unless_shut)

    def _build_inspector_unless_shut(self) -> None:
        # A desk closed before its first listing's turn came builds nothing on a released library.
        if not runner().stopped(self):
            self._build_inspector()

    def _keep_selection(self) -> None:
        """What is selected just before a listing replaces the rows, to select again in the new one."""
        self._kept = (self.selected_ids(), self.current_id())

    def _listed(self) -> None:
        self._build_inspector_later()
        new, self._new_listing = self._new_listing, False
        if new:
            # A new filter's listing is read from its start, not from where the old one was scrolled.
            self.view.scrollToTop()
        self._after_listing()
        if new:
            self._selection_changed()
        else:
            self._reselect(*self._kept)

    def _after_listing(self) -> None:
        total = self.model.total()
        filtered = self.search_edit.text().strip() or self._filtering()
        self.count_label.setText(
            f"{total:,} photo{'s' if total != 1 else ''}"
            + (" match" if filtered else "")
        )
        if total:
            self.empty_label.hide()
        else:
            self.empty_label.setText(
                "No photos match the search and filters."
                if filtered
                else "No photos yet.\nDrop photo files or folders here, or use Import…"
            )
            self._place_empty_label()
            self.empty_label.show()

    def _place_empty_label(self) -> None:
        self.empty_label.setGeometry(
            self.view.viewport().rect().adjusted(20, 20, -20, -20)
        )

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._place_empty_label()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.view.viewport() and event.type() == QEvent.Type.Resize:
            self._spread_columns()
        elif (
            watched is self.view
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.matches(QKeySequence.StandardKey.SelectAll)
        ):
            self.select_all()
            return True
        elif watched is self.view and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            if event.key() == Qt.Key.Key_C and not event.modifiers():
                self.open_compare()
                return True
            if self._cull_key(event):
                return True
        return super().eventFilter(watched, event)

    def _filtering(self) -> bool:
        return any(b.isChecked() for b in self.flag_buttons.values()) or self.cull_filters.active()

    def _cull_key(self, event: QKeyEvent) -> bool:
        """0–5, 6–9, P and X on the selection; True when the key was one of them."""
        ids = self.selected_ids()
        if not ids:
            return False
        change = key_change(event.key(), event.modifiers(), marks_of(self._library, self.current_id() or ids[0]))
        if change is None:
            return False
        self.mark(ids, change)
        return True

    def mark(self, ids: Sequence[int], change: MarkChange) -> None:
        """Store culling marks on ``ids`` and show them (the grid, the inspector, the compare view)."""
        self.inspector.save()
        try:
            mark_photos(self._library, ids, rating=change.rating, label=change.label, pick=change.pick)
        except WorkstationError as exc:
            self.status_label.setText(f"Marks not set: {exc}")
            return
        self.model.forget(ids)
        self.inspector.reload()
        if self.compare_dialog is not None and self.compare_dialog.isVisible():
            for photo_id in ids:
                self.compare_dialog.show_marks(photo_id, photo_details(self._library, photo_id).fields)
        if self.cull_filters.active():
            self.refresh()

    def select_all(self) -> None:
        """Select every photo the filters list, not only the rows the grid has laid out so far."""
        self.model.expose_all()
        self.view.selectAll()

    def _spread_columns(self) -> None:
        """Share the grid's spare width between the columns, so no ragged gap is left on the right."""
        # Qt wraps a row whose last cell would end exactly at the edge: keep a pixel spare.
        width = self.view.viewport().width() - 1
        columns = max(1, width // (CELL.width() + 4))
        cell_width = max(CELL.width() + 4, width // columns)
        if self.view.gridSize().width() != cell_width:
            self.view.setGridSize(QSize(cell_width, CELL.height() + 4))

    def _reselect(self, ids: Sequence[int], current: int | None) -> None:
        selection = QItemSelection()
        for photo_id in ids:
            row = self.model.row_of(photo_id)
            if row is None:
                continue
            self.model.ensure_exposed(row)
            index = self.model.index(row)
            selection.select(index, index)
        model = self.view.selectionModel()
        with_signals = model.blockSignals(True)
        model.select(selection, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        row = self.model.row_of(current) if current is not None else None
        if row is not None:
            model.setCurrentIndex(
                self.model.index(row), QItemSelectionModel.SelectionFlag.NoUpdate
            )
        model.blockSignals(with_signals)
        self.view.viewport().update()
        self._selection_changed()

    # Selection

    def selected_ids(self) -> list[int]:
        rows = sorted(
            index.row() for index in self.view.selectionModel().selectedIndexes()
        )
        return [self.model.photo_id(row) for row in rows]

    def current_id(self) -> int | None:
        index = self.view.selectionModel().currentIndex()
        if (
            index.isValid()
            and self.view.selectionModel().isSelected(index)
            and index.row() < self.model.total()
        ):
            return self.model.photo_id(index.row())
        selected = self.selected_ids()
        return selected[0] if selected else None

    def select_photos(self, ids: Sequence[int]) -> None:
        """Select ``ids`` (those the current filter shows); the one shown first becomes current."""
        rows = sorted(
            row for row in (self.model.row_of(i) for i in ids) if row is not None
        )
        first = self.model.photo_id(rows[0]) if rows else None
        self._reselect(ids, first)
        if rows:
            self.view.scrollTo(self.model.index(rows[0]))

    def _selection_changed(self, *_args: QItemSelection) -> None:
        ids = self.selected_ids()
        if ids and not self._completions_wanted:
            self._completions_wanted = True
            self._refresh_completions()
        if self._inspector is not None:  # else it shows the selection when built
            self._inspector.show_selection_count(len(ids))
            self._inspector.show_photo(self.current_id())
        self.batch_button.setEnabled(len(ids) > 0)
        self.compare_button.setEnabled(MIN_FRAMES <= len(ids) <= MAX_FRAMES)
        self.export_button.setEnabled(len(ids) > 0 and self._exporter is None)

    def _context_menu(self, position: QPoint) -> None:
        photo_id = self.current_id()
        if photo_id is None:
            return
        menu = QMenu(self)
        target = self.inspector.insert_button
        insert = menu.addAction(target.text(), lambda: self.insert_photo_requested.emit(photo_id))
        lead = menu.addAction(self.inspector.lead_button.text(), lambda: self.set_lead_requested.emit(photo_id))
        insert.setEnabled(target.isEnabled())
        lead.setEnabled(target.isEnabled())
        menu.addSeparator()
        batch: QAction = menu.addAction(
            f"Batch edit {len(self.selected_ids())} photos…", self.open_batch_edit
        )
        batch.setEnabled(bool(self.selected_ids()))
        menu.addAction("Export originals…", self.open_export_originals)
        menu.popup(self.view.viewport().mapToGlobal(position))

    def _photo_saved(self, photo_id: int) -> None:
        self.model.forget([photo_id])
        self._completions_timer.start()

    # Settings and completions

    def set_target_article(self, headline: str | None) -> None:
        """The article open on the article desk (None: none), which the insert and lead actions name."""
        self._target_article = (headline,)
        if self._inspector is not None:
            self._inspector.set_target_article(headline)

    def reload_settings(self) -> None:
        """Re-read the house credit style and completions (after Preferences changed them)."""
        settings = desk_settings(self._library)
        self.inspector.codes.set_codes(settings.codes)
        self.inspector.set_credit_style(settings.credit_style)
        self._refresh_completions()

    def _refresh_completions(self) -> None:
        """Re-read the names for completion on the runner: they take a scan of every photo.

        Not before a photo is first shown, when they may be typed: at a
        decade's scale the scan takes a core for a tenth of a second, which
        on opening the desk the UI thread, painting its first frames, and
        the grid's listing need.
        """
        if not self._completions_wanted:
            return
        library = self._library
        run_in_background(lambda: name_completions(library), self._completions_read, owner=self)

    def _completions_read(self, names: NameCompletions) -> None:
        self._names = names
        self.inspector.set_completions(names.creators, names.credits)

    def showEvent(self, event: object) -> None:
        super().showEvent(event)
        if self._inspector is not None:
            self._inspector.enable_spelling()

    # Import

    def open_import_dialog(self) -> None:
        """File > Import photos: files or a folder, an ingest template, and live ingest."""
        self.ingest_dialog = IngestDialog(self._library, IMPORT_FILTER, self.template_name, self)
        dialog = self.ingest_dialog
        dialog.accepted.connect(lambda: self._ingest_chosen(dialog))
        dialog.open()

    def _ingest_chosen(self, dialog: IngestDialog) -> None:
        self.template_name = dialog.template_name()
        folder = dialog.watched_folder()
        if folder is not None:
            self.watch(folder)
        self.import_paths(dialog.paths)

    def open_templates(self) -> None:
        self.template_dialog = TemplateDialog(self._library, self.template_name, self)
        self.template_dialog.open()

    def import_code_file(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, "Import code replacements", "", "Code replacements (*.txt *.tsv);;All files (*)"
        )
        if not name:
            return
        try:
            count = import_codes(self._library, Path(name))
        except WorkstationError as exc:
            self.status_label.setText(f"Code replacements not imported: {exc}")
            return
        self.reload_settings()
        self.status_label.setText(f"{count:,} code replacements imported; type =code= in any text field.")

    def export_code_file(self) -> None:
        name, _ = QFileDialog.getSaveFileName(self, "Export code replacements", "codes.txt", "Text (*.txt)")
        if not name:
            return
        try:
            count = export_codes(self._library, Path(name))
        except WorkstationError as exc:
            self.status_label.setText(f"Code replacements not exported: {exc}")
            return
        self.status_label.setText(f"{count:,} code replacements written to {name}.")

    # Live ingest

    def watch(self, folder: Path) -> None:
        """Import photos arriving in ``folder`` with the chosen template until Stop watching."""
        if self._watcher is not None:
            self.stop_watching()
        try:
            check_watch(self._library, folder, self.template_name)
        except WorkstationError as exc:
            self.status_label.setText(f"Not watching: {exc}")
            return
        library, template, pixels = self._library, self.template_name, self.max_pixels
        self.watched_folder = Path(folder)
        self._watcher = runner().start(
            lambda job: watch_folder(
                library, Path(folder), template=template, cancelled=job.cancelled,
                on_step=job.progress, max_pixels=pixels,
            ),
            on_done=self._watch_done,
            on_progress=self._watch_step,
            on_error=self._watch_failed,
            owner=self,
            name="live ingest",
            writes=True,
        )
        self.watch_label.setText(f"Watching {folder} for new photos…")
        self.watch_label.setVisible(True)
        self.stop_watch_button.setVisible(True)

    def stop_watching(self) -> None:
        if self._watcher is not None:
            self._watcher.cancel()

    def _watch_step(self, step: ImportStep) -> None:
        if step.is_new:
            # Shown at once, not on the import's once-a-second refresh: the frame was just taken.
            self.refresh()
        if step.reason:
            self.status_label.setText(f"Live ingest refused {step.filename}: {step.reason}")
        else:
            self.watch_label.setText(f"Watching {self.watched_folder}: {step.filename} landed")

    def _watch_done(self, report: ImportReport) -> None:
        self._watcher = None
        self.last_watch = report
        self.watch_label.setVisible(False)
        self.stop_watch_button.setVisible(False)
        self.status_label.setText(f"Stopped watching {self.watched_folder}: {report.photo_summary()}.")
        self.refresh()

    def _watch_failed(self, error: BaseException) -> None:
        self._watcher = None
        self.watch_label.setVisible(False)
        self.stop_watch_button.setVisible(False)
        self.status_label.setText(f"Live ingest stopped: {error}")

    # Compare

    def open_compare(self) -> None:
        """Two to four selected frames side by side."""
        ids = self.selected_ids()
        if not MIN_FRAMES <= len(ids) <= MAX_FRAMES:
            self.status_label.setText(f"Select {MIN_FRAMES} to {MAX_FRAMES} photos to compare them.")
            return
        self.inspector.save()
        self.compare_dialog = CompareDialog(self._library, ids, self._marks_of, self)
        self.compare_dialog.marks_requested.connect(self.mark)
        # The whole screen, also where no window manager maximises (a bare X server, some tiling ones).
        self.compare_dialog.setGeometry(self.screen().availableGeometry())
        self.compare_dialog.showMaximized()
        # The culling keys must reach the compare view, not the grid behind it.
        self.compare_dialog.raise_()
        self.compare_dialog.activateWindow()

    def _marks_of(self, photo_id: int) -> tuple[int, str, int]:
        return marks_of(self._library, photo_id)

    def change_pixel_limit(self) -> None:
        """Ask for the pixel limit above which a file is refused as a decompression bomb."""
        pixels = ask_pixel_limit(self, self.max_pixels)
        if pixels is not None:
            self.max_pixels = pixels
            store_pixel_limit(pixels)
            self.status_label.setText(
                f"Pictures over {pixels // 1_000_000:,} megapixels will be refused."
            )

    def import_paths(self, paths: list[Path]) -> None:
        """Import files and folders in the background; queued if an import is running."""
        if not paths:
            return
        if self._importer is not None:
            self._queued.extend(Path(p) for p in paths)
            return
        self._show_progress("Importing…")
        self._importer = start_import(
            self._library,
            [Path(p) for p in paths],
            on_done=self._import_done,
            on_step=self._import_step,
            max_pixels=self.max_pixels,
            owner=self,
            template=self.template_name,
        )

    def _show_progress(self, text: str) -> None:
        self.progress_label.setText(text)
        self.progress_bar.setRange(0, 0)
        self.cancel_button.setEnabled(True)
        self.progress_widget.setVisible(True)
        self.import_button.setEnabled(self._exporter is None)

    def _import_step(self, step: ImportStep) -> None:
        if step.is_new and not self._refresh_timer.isActive():
            self._refresh_timer.start()
        self._import_progress(step.done, step.total, step.filename)

    def _import_progress(self, done: int, total: int, name: str) -> None:
        now = time.monotonic()
        if done < total and now - self._last_progress < PROGRESS_EVERY_S:
            return
        self._last_progress = now
        self.progress_bar.setRange(0, max(total, 1))
        self.progress_bar.setValue(done)
        self.progress_bar.setFormat(f"{done} of {total}")
        if name:
            self.progress_label.setText(f"Importing {name}")

    def _import_done(self, report: ImportReport) -> None:
        self._importer = None
        self._refresh_timer.stop()
        self._completions_timer.start()
        self.refresh()
        if report.photos and not self.selected_ids():
            # Nothing else was chosen meanwhile: hand the editor the new shoot,
            # ready for batch captions. On the next turn of the event loop, so
            # that re-listing and filling the inspector are two short waits.
            imported = list(report.photos)
            QTimer.singleShot(0, self, lambda: self._select_if_idle(imported))
        self.last_import = report
        self.status_label.setText(f"Import: {report.photo_summary()}.")
        if report.refused or report.duplicates:
            self.result_dialog = ImportResultDialog(report, self)
            self.result_dialog.open()
        self.import_finished.emit(report)
        if self._queued:
            queued, self._queued = self._queued, []
            self.import_paths(queued)
        else:
            self.progress_widget.setVisible(False)

    def _select_if_idle(self, ids: list[int]) -> None:
        if not self.selected_ids():
            self.select_photos(ids)

    def cancel_work(self) -> None:
        self._queued.clear()
        self.cancel_button.setEnabled(False)
        self.progress_label.setText("Cancelling…")
        for job in (self._importer, self._exporter):
            if job is not None:
                job.cancel()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls() and any(
            url.isLocalFile() for url in event.mimeData().urls()
        ):
            event.acceptProposedAction()

    def dragMoveEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [
            Path(url.toLocalFile())
            for url in event.mimeData().urls()
            if url.isLocalFile()
        ]
        if paths:
            event.acceptProposedAction()
            self.import_paths(paths)

    # Batch edit

    def open_batch_edit(self) -> None:
        ids = self.selected_ids()
        if not ids:
            return
        self.inspector.save()
        self.batch_dialog = BatchEditDialog(self._library, ids, self, names=self._names)
        dialog = self.batch_dialog
        dialog.accepted.connect(lambda: self._batch_done(ids, dialog))
        dialog.open()

    def _batch_done(self, ids: list[int], dialog: BatchEditDialog) -> None:
        if dialog.applied is not None:
            self._undo.append(dialog.applied.undo)
        self._after_batch(ids)
        self.status_label.setText(
            f"Batch edit applied to {len(ids)} photo{'s' if len(ids) != 1 else ''}."
            " Edit ▸ Undo takes it back."
        )

    def can_undo(self) -> bool:
        return bool(self._undo)

    def undo(self) -> bool:
        """Edit ▸ Undo: put back every value the latest batch edit changed; False when there is none."""
        if not self._undo:
            self.status_label.setText("Nothing to undo: no batch edit was made here.")
            return False
        self.inspector.save()
        record = self._undo[-1]
        try:
            restored = undo_batch(self._library, record)
        except WorkstationError as exc:
            self.status_label.setText(f"The batch edit was not undone: {exc}")
            return False
        self._undo.pop()
        self._after_batch(list(record.before))
        self.status_label.setText(
            f"Batch edit undone on {restored} photo{'s' if restored != 1 else ''}."
        )
        return True

    def _after_batch(self, ids: list[int]) -> None:
        self.model.forget(ids)
        self.inspector.reload()
        self._completions_timer.start()
        if self._filtering():
            self.refresh()

    # Export originals

    def open_export_originals(self) -> None:
        ids = self.selected_ids()
        if not ids or self._exporter is not None:
            return
        self.inspector.save()
        self.export_dialog = ExportOriginalsDialog(
            len(ids), self._last_export_folder, self
        )
        dialog = self.export_dialog
        dialog.accepted.connect(
            lambda: self.export_originals(
                ids, dialog.folder(), dialog.gps_check.isChecked()
            )
        )
        dialog.open()

    def export_originals(
        self, ids: Sequence[int], folder: Path, keep_gps: bool = False
    ) -> None:
        """Write the originals of ``ids`` to ``folder`` as a job."""
        if self._exporter is not None:
            return
        self._last_export_folder = folder
        library, chosen = self._library, list(ids)
        self._show_progress("Exporting originals…")
        self.export_button.setEnabled(False)
        self._exporter = runner().start(
            lambda job: export_originals(
                library,
                chosen,
                folder,
                keep_gps=keep_gps,
                progress=lambda done, total: job.progress((done, total)),
                cancelled=job.cancelled,
            ),
            on_done=self._export_done,
            on_progress=lambda step: self._export_progress(*step),
            owner=self,
            name="export originals",
            writes=True,
        )

    def _export_progress(self, done: int, total: int) -> None:
        self.progress_label.setText("Exporting originals…")
        self.progress_bar.setRange(0, max(total, 1))
        self.progress_bar.setValue(done)
        self.progress_bar.setFormat(f"{done} of {total}")

    def _export_done(self, report: OriginalsReport) -> None:
        self._exporter = None
        self.last_export = report
        text = f"Exported {len(report.written)} original{'s' if len(report.written) != 1 else ''}"
        if self._last_export_folder:
            text += f" to {self._last_export_folder}"
        if report.kept_signed:
            text += f"; {len(report.kept_signed)} with Content Credentials kept byte for byte"
        if report.credentials_dropped:
            text += "; Content Credentials lost to remove GPS: " + ", ".join(report.credentials_dropped[:3])
        if report.failed:
            text += "; failed: " + "; ".join(
                f"{name}: {reason}" for name, reason in report.failed[:3]
            )
        self.status_label.setText(text + ".")
        if self._importer is None:
            self.progress_widget.setVisible(False)
        self.import_button.setEnabled(True)
        self._selection_changed()
        self.export_finished.emit(report)

    def shutdown(self) -> None:
        """Save pending edits and stop the desk's jobs (the main window calls this on close).

        The grid's, the inspector's and compare's reads are dropped: nobody
        will see them (a preview waiting for the render helper stops
        waiting; the main window ends the helper itself when it releases
        the library). An import, a live ingest or an export of originals is
        asked to stop (an import keeps the photos that landed) and waited
        for, so whatever it wrote is on disk when this returns.
        """
        if self._inspector is not None:
            self._inspector.save()
        self.cancel_work()
        for timer in (self._refresh_timer, self._search_timer, self._completions_timer):
            timer.stop()
        runner().stop(self)
        if self._inspector is not None:
            runner().stop(self._inspector)
