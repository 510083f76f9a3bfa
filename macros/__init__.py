"""Entry point for mkdocs-macros (``module_name: macros`` in mkdocs.yml).

Only wiring lives here: every macro and filter is defined in its own module and registered below.
Pages opt in to macros with ``render_macros: true`` in their front matter.
"""

from . import clock, formatting


def define_env(env):
    """Register the project's macros and filters with mkdocs-macros (called once per build)."""
    build = clock.build_time()
    env.variables["byggtid"] = build

    @env.macro
    def senast_byggd() -> str:
        """When this build was made, in Swedish, as readers see it.

        Användning i Markdown: ``Senast uppdaterad {{ senast_byggd() }}.``
        -> "Senast uppdaterad 22 november 2026 kl. 18.00."
        """
        return formatting.date_time(build)

    env.filter(formatting.date, name="datum")
