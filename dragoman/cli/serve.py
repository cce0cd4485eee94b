"""``dragoman serve``: the web UI and HTTP API over a store (registered on the ``dragoman`` app)."""

from __future__ import annotations

import os
from typing import Annotated

import typer

from dragoman.cli.app import DbOption, _fail, app
from dragoman.store import default_db_path


@app.command()
def serve(
    db: DbOption = None,
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=0, max=65535, help="Port to listen on.")] = 8000,
    token: Annotated[
        str | None,
        typer.Option(
            envvar="DRAGOMAN_TOKEN",
            show_envvar=True,
            help="Token that storing through the API needs (Authorization: Bearer TOKEN); "
            "required on a non-loopback --host.",
        ),
    ] = None,
) -> None:
    """Serve the web pages and the JSON API (/docs) over the store; 'dragoman ingest' can run beside it."""
    import uvicorn

    from dragoman.errors import DragomanError
    from dragoman.web import create_app
    from dragoman.web.auth import is_loopback

    loopback = is_loopback(host)
    if not loopback and not token:
        raise _fail(
            f"{host} is reachable from other machines: set a token for writes with --token or $DRAGOMAN_TOKEN"
        )
    path = db or default_db_path()
    application = create_app(path, token=token or None, loopback=loopback)
    try:
        application.state.access.prepare()  # create or migrate it now, so that requests only read
    except DragomanError as exc:
        raise _fail(str(exc)) from exc
    shown = f"[{host}]" if ":" in host else host
    typer.echo(f"serving {os.path.abspath(path)} on http://{shown}:{port}/ (API docs at /docs)", err=True)
    uvicorn.run(application, host=host, port=port, log_level="warning")
