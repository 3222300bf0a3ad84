"""`thesisbuild schema`: the JSON Schema of thesis.yaml."""

from __future__ import annotations

import json

import click

from ..config.schemaexport import json_schema


@click.command()
def schema() -> None:
    """Print the JSON Schema of thesis.yaml, for editors that complete and check keys.

    Save it next to thesis.yaml (`thesisbuild schema > thesis.schema.json`) and start
    thesis.yaml with `# yaml-language-server: $schema=thesis.schema.json`.
    """
    click.echo(json.dumps(json_schema(), indent=2, ensure_ascii=False))
