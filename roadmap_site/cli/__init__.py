"""The ``roadmap-site`` command: ``init``, ``check``, ``update``, ``schema``, ``export``."""
