"""evidence confidence and classifier

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-04

Each evidence row says how sure its classifier was (0-1) and which classifier, by name
and version ("rules/4"), decided it, so that a board can hide weak verdicts and a
later model-based classifier's rows can be told from the rules'. Rows written before
this revision were the rules' and get confidence 1.0 and classifier "rules/3".
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("evidence", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("confidence", sa.Float(), nullable=False, server_default=sa.text("1.0"))
        )
        batch_op.add_column(
            sa.Column(
                "classifier", sa.String(length=40), nullable=False, server_default="rules/3"
            )
        )


def downgrade() -> None:
    with op.batch_alter_table("evidence", schema=None) as batch_op:
        batch_op.drop_column("classifier")
        batch_op.drop_column("confidence")
