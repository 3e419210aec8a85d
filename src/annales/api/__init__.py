"""The REST API (``annales serve``)."""

from annales.api.app import create_app

__all__ = ["create_app"]
