"""The desk page and the HTTP API (``newslint serve``), in the optional ``web`` extra.

Starlette and uvicorn are imported only here, so ``newslint check`` never pays for them.
"""
