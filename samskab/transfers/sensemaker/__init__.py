"""SenseMaker-compatible definitions and data (see ../shared/formats/sensemaker.md).

Pure functions over our definition and plain rows: no models, no requests.
"""

from samskab.transfers.sensemaker.framework import (
    FRAGMENT_ID,
    LEVEL_LIST_ID,
    FrameworkError,
    FrameworkReport,
    definition_from_sensemaker,
    definition_to_sensemaker,
)
from samskab.transfers.sensemaker.reading import looks_like_sensemaker, read_rows
from samskab.transfers.sensemaker.writing import (
    ExportStory,
    tidy_rows,
    write_raw_csv,
    write_tidy_csv,
)

__all__ = [
    "FRAGMENT_ID",
    "LEVEL_LIST_ID",
    "ExportStory",
    "FrameworkError",
    "FrameworkReport",
    "definition_from_sensemaker",
    "definition_to_sensemaker",
    "looks_like_sensemaker",
    "read_rows",
    "tidy_rows",
    "write_raw_csv",
    "write_tidy_csv",
]
