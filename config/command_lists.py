"""Long lists a management command would print: the first few on screen, the whole list in a file.

A command never prints one line listing thousands of names, nor thousands of error lines: a
``ListWriter`` keeps the first ``keep`` lines for the screen and, once there are more, writes every
line to a text file (UTF-8, one a line), whose path the command then prints with the count.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import IO


class ListWriter:
    def __init__(self, path: str | Path, *, keep: int):
        self.path = Path(path)
        self.keep = keep
        self.kept: list[str] = []
        self.count = 0
        self.path_written: Path | None = None
        self._file: IO[str] | None = None

    def add(self, line: str) -> None:
        self.count += 1
        if self._file is None and len(self.kept) < self.keep:
            self.kept.append(line)
            return
        if self._file is None:
            self._open()
            for earlier in self.kept:
                self._file.write(earlier + "\n")
        self._file.write(line + "\n")

    def _open(self) -> None:
        try:
            self._file = open(self.path, "w", encoding="utf-8")  # noqa: SIM115 - closed by close()
            self.path_written = self.path
        except OSError:
            # The input's folder may be read-only (a mounted share): the temporary folder will do.
            handle = tempfile.NamedTemporaryFile(  # noqa: SIM115 - closed by close()
                "w", encoding="utf-8", prefix=self.path.stem + ".", suffix=self.path.suffix, delete=False
            )
            self._file = handle
            self.path_written = Path(handle.name)

    def close(self) -> None:
        if self._file is not None:
            self._file.close()

    def __enter__(self) -> ListWriter:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
