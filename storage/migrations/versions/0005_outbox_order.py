"""outbox order per chat: lease owner, urgency, the question a row asks, attachment progress

Revision ID: 0005_outbox_order
Revises: 0004_clinic_alerts
Create Date: 2026-12-03
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op


revision: str = '0005_outbox_order'
down_revision: str | None = '0004_clinic_alerts'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('outbox', schema=None) as batch_op:
        batch_op.add_column(sa.Column('lease_owner', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True))
        batch_op.add_column(sa.Column('urgent', sa.Boolean(), nullable=False, server_default=sa.false()))
        batch_op.add_column(sa.Column('asks', sa.Boolean(), nullable=False, server_default=sa.false()))
        batch_op.add_column(sa.Column('progress', sa.Integer(), nullable=False, server_default='0'))
        batch_op.create_index('ix_outbox_chat', ['platform', 'chat', 'id'], unique=False)
    with op.batch_alter_table('outbox', schema=None) as batch_op:
        batch_op.alter_column('urgent', server_default=None)
        batch_op.alter_column('asks', server_default=None)
        batch_op.alter_column('progress', server_default=None)


def downgrade() -> None:
    with op.batch_alter_table('outbox', schema=None) as batch_op:
        batch_op.drop_index('ix_outbox_chat')
        batch_op.drop_column('progress')
        batch_op.drop_column('asks')
        batch_op.drop_column('urgent')
        batch_op.drop_column('lease_owner')
