"""The async sources of the client's sync/async pairs, written once: ``_sync/`` is generated from them.

``generator/make_sync.py`` (run by ``nox -s generate``) rewrites each module here into ``_sync/`` with the
``unasync`` package: ``async``/``await`` dropped, ``Async*`` names to their sync twins.
"""
