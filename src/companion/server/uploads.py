"""Reading an uploaded file, for the API and the web import alike: in chunks, never past a limit."""

from __future__ import annotations

from starlette.datastructures import UploadFile

READ_CHUNK = 1 << 16


class UploadTooLarge(ValueError):
    """The file is larger than the limit (the API answers 413, the web page says so)."""

    def __init__(self, limit: int) -> None:
        super().__init__(f"the file is larger than the limit of {limit} bytes")
        self.limit = limit


async def read_upload(upload: UploadFile, limit: int) -> bytes:
    """The file's bytes; UploadTooLarge as soon as more than `limit` bytes have been read."""
    content = bytearray()
    while chunk := await upload.read(READ_CHUNK):
        content.extend(chunk)
        if len(content) > limit:
            raise UploadTooLarge(limit)
    return bytes(content)
