"""clinic invites

Revision ID: 0003_clinic_invites
Revises: 0002
Create Date: 2026-11-28
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

import storage.types


revision: str = '0003_clinic_invites'
down_revision: str | None = '0002'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('clinic_invites',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('clinic_id', sa.Integer(), nullable=False),
    sa.Column('code_hash', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('label', sa.Text(), nullable=True),
    sa.Column('created_at', storage.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('expires_at', storage.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('used_at', storage.types.UTCDateTime(timezone=True), nullable=True),
    sa.Column('used_by', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['clinic_id'], ['clinics.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('code_hash')
    )
    with op.batch_alter_table('clinic_invites', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_clinic_invites_clinic_id'), ['clinic_id'],
                              unique=False)
        batch_op.create_index(batch_op.f('ix_clinic_invites_used_by'), ['used_by'],
                              unique=False)
    with op.batch_alter_table('clinic_members', schema=None) as batch_op:
        batch_op.add_column(sa.Column('label', sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('clinic_members', schema=None) as batch_op:
        batch_op.drop_column('label')
    with op.batch_alter_table('clinic_invites', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_clinic_invites_used_by'))
        batch_op.drop_index(batch_op.f('ix_clinic_invites_clinic_id'))
    op.drop_table('clinic_invites')
