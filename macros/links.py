"""Addresses between pages: the one rule every link the macros write follows.

Hand-written rather than imported from MkDocs (mkdocs.utils.get_relative_url, which it matches
case for case): macros/ must not depend on MkDocs, so that the same code can feed another
generator (see issue 15) and be tested without a build.
"""


def _parts(path: str) -> list[str]:
    """The path's segments with . and .. resolved; going above the root stays at the root."""
    parts: list[str] = []
    for part in path.split("/"):
        if part == "..":
            if parts:
                parts.pop()
        elif part and part != ".":
            parts.append(part)
    return parts


def relative_url(url: str, other: str) -> str:
    """``url`` (relative to the site root) as seen from the page at ``other``.

    The last segment of ``other`` is dropped when it holds a dot (a file, not a folder).
    """
    folder, _, last = other.rpartition("/")
    if "." in last:
        other = folder
    here, there = _parts(other), _parts(url)
    common = 0
    for a, b in zip(here, there):
        if a != b:
            break
        common += 1
    relative = "/".join([".."] * (len(here) - common) + there[common:]) or "."
    return relative + "/" if url.endswith("/") else relative
