"""The build's clock: one instant per build for "today" and "built at".

Set ``SOURCE_DATE_EPOCH`` (seconds since 1970, the reproducible-builds convention that MkDocs
also honours for sitemap dates) to fix it: the same input and the same epoch give the same bytes.
Unset, the build uses the current time.
"""

import os
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

STOCKHOLM = ZoneInfo("Europe/Stockholm")


def build_time() -> datetime:
    """The instant of this build in Europe/Stockholm (from SOURCE_DATE_EPOCH when set)."""
    raw = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if raw:
        try:
            instant = datetime.fromtimestamp(int(raw), tz=UTC)
        except ValueError as error:
            raise ValueError(
                f"SOURCE_DATE_EPOCH måste vara ett heltal (sekunder sedan 1970), fick {raw!r}"
            ) from error
    else:
        instant = datetime.now(tz=UTC)
    return instant.astimezone(STOCKHOLM)
