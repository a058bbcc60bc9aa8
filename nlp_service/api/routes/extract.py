"""``POST /v1/extract``: a file in, contract v1 out, nothing stored.

| status | meaning |
|---|---|
| 200 | the contract JSON |
| 401 / 403 | no key / a key without ``read`` |
| 413 | over the size limit |
| 415 | not a format we read |
| 422 | empty, corrupt, encrypted, not Vietnamese |
| 503 | every worker busy or no workers — retry later (``Retry-After``) |
"""

from __future__ import annotations

import asyncio
from typing import Annotated, Any

from fastapi import APIRouter, File, UploadFile
from fastapi.responses import Response

from nlp_service.api.deps import PoolDep, ReadUser, SettingsDep
from nlp_service.api.errors import ApiError
from nlp_service.api.schemas import ErrorResponse
from nlp_service.api.uploads import read_upload
from nlp_service.errors import ProcessingTimeoutError
from nlp_service.schemas import Result

router = APIRouter(prefix="/v1", tags=["extract"])


@router.post(
    "/extract",
    response_model=Result,
    responses={c: {"model": ErrorResponse} for c in (400, 401, 403, 413, 415, 422, 503)},
)
async def extract(
    file: Annotated[UploadFile, File(description="One notice.")],
    _: ReadUser,
    pool: PoolDep,
    settings: SettingsDep,
) -> Any:
    """Run the pipeline on one file in a worker process and return its result."""
    data, name, _media = await read_upload(file, settings.max_upload_bytes)
    future = pool.submit_extract(data, name)
    try:
        result = await asyncio.wait_for(
            asyncio.wrap_future(future), timeout=settings.extract_timeout_s + 10
        )
    except TimeoutError as exc:
        future.cancel()
        raise ProcessingTimeoutError("The extraction took too long.") from exc
    if not isinstance(result, bytes):
        raise ApiError(500, "internal_error", "The worker returned no result.")
    # JSON made from the Result model in the worker: answered as is, never parsed or re-encoded.
    return Response(result, media_type="application/json")
