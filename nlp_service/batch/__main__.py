"""``python -m nlp_service.batch batch|stats ...``: the batch commands without the main CLI."""

import typer

from nlp_service.batch.commands import register

app = typer.Typer(add_completion=False, no_args_is_help=True)
register(app)

if __name__ == "__main__":
    app()
