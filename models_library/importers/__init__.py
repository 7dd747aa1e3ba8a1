"""Importers and exporters of practice-model descriptions.

``text`` parses the two plain-text reference formats without touching the database;
``store`` turns parse results into draft pages; ``json_io`` is the lossless JSON
export/import used by ``export_models`` / ``import_models``.
"""


class ImportFileError(Exception):
    """A file that cannot be imported; the message says why, for the editor."""
