"""The house style of EcoZone's workbooks: a header row, Chinese fonts, wrapped cells, ready to print."""

from __future__ import annotations

import os
import uuid
from pathlib import Path

HEADER_FONT = "黑体"
BODY_FONT = "宋体"


def new_workbook():
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    return book


def data_sheet(book, title: str, headers, rows, widths):
    """A sheet with a styled, frozen, filterable header row; texts kept as text, numbers to 2 decimals."""
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    thin = Side(style="thin", color="808080")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    header_font = Font(name=HEADER_FONT, bold=True, size=11)
    header_fill = PatternFill("solid", fgColor="D9E1F2")
    body_font = Font(name=BODY_FONT, size=10.5)
    wrap_top = Alignment(wrap_text=True, vertical="top")
    centred = Alignment(horizontal="center", vertical="center", wrap_text=True)
    ws = book.create_sheet(title)
    ws.append(list(headers))
    for row in rows:
        ws.append(list(row))
    for column, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(column)].width = width
    for cell in ws[1]:
        cell.font, cell.fill, cell.alignment, cell.border = header_font, header_fill, centred, border
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            cell.font, cell.alignment, cell.border = body_font, wrap_top, border
            if isinstance(cell.value, float):
                cell.number_format = "0.00"
            elif not isinstance(cell.value, int):
                cell.number_format = "@"  # codes such as 500101 stay text
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = ws.dimensions
    ws.print_title_rows = "1:1"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    return ws


def save_whole(book, path: str | os.PathLike) -> None:
    """Save under a temporary name beside the target and rename: a failure leaves no half file."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(f".{target.stem}.{uuid.uuid4().hex[:8]}.tmp.xlsx")
    try:
        book.save(temporary)
        os.replace(temporary, target)
    finally:
        temporary.unlink(missing_ok=True)
