"""First-party matters: the city's own catalog, registered through the `matters` entry point.

Split by department: `company` (opening a company: the bundle and its members), `market`
(changes, filing, deregistration, individual businesses), `construction`, `transport` and
`personal`. Shared halls, hotlines and identity fields live in `_common`.
"""

from plugins import Matter, hookimpl

from matters import company, construction, market, personal, transport

__version__ = "1"

ALL_MATTERS: tuple[Matter, ...] = (
    *company.MATTERS,
    *market.MATTERS,
    *construction.MATTERS,
    *transport.MATTERS,
    *personal.MATTERS,
)


@hookimpl
def register_matters() -> list[Matter]:
    """Every first-party matter and bundle."""
    return list(ALL_MATTERS)
