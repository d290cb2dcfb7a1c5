"""clinic alerts

Revision ID: 0004_clinic_alerts
Revises: 0003_clinic_invites
Create Date: 2026-11-28
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

import storage.types


revision: str = '0004_clinic_alerts'
down_revision: str | None = '0003_clinic_invites'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('clinic_alerts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('clinic_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('raised_at', storage.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('level', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
    sa.Column('posted_at', storage.types.UTCDateTime(timezone=True), nullable=True),
    sa.Column('lease_until', storage.types.UTCDateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['clinic_id'], ['clinics.id'], ),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('clinic_id', 'user_id', 'raised_at', 'level', name='uq_clinic_alert')
    )
    with op.batch_alter_table('clinic_alerts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_clinic_alerts_user_id'), ['user_id'], unique=False)
        batch_op.create_index('ix_clinic_alerts_pending', ['raised_at'], unique=False, sqlite_where=sa.text('posted_at IS NULL'), postgresql_where=sa.text('posted_at IS NULL'))


def downgrade() -> None:
    with op.batch_alter_table('clinic_alerts', schema=None) as batch_op:
        batch_op.drop_index('ix_clinic_alerts_pending', sqlite_where=sa.text('posted_at IS NULL'), postgresql_where=sa.text('posted_at IS NULL'))
        batch_op.drop_index(batch_op.f('ix_clinic_alerts_user_id'))

    op.drop_table('clinic_alerts')
