"""clinicians: who may see a clinic's named details, and where they go

Revision ID: 0006_clinicians
Revises: 0005_outbox_order
Create Date: 2026-12-03

Clinics set up before this revision have no clinicians: their named
details go nowhere until an operator names the first one
(``sciatica-bot clinics add-clinician``), since the channel they used holds
patients too.
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

import storage.types


revision: str = '0006_clinicians'
down_revision: str | None = '0005_outbox_order'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('clinicians',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('clinic_id', sa.Integer(), nullable=False),
    sa.Column('platform_user', sqlmodel.sql.sqltypes.AutoString(length=255), nullable=False),
    sa.Column('name', sa.Text(), nullable=True),
    sa.Column('added_at', storage.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('added_by', sqlmodel.sql.sqltypes.AutoString(length=255), nullable=False),
    sa.Column('removed_at', storage.types.UTCDateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['clinic_id'], ['clinics.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('clinic_id', 'platform_user', name='uq_clinician')
    )
    with op.batch_alter_table('clinicians', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_clinicians_clinic_id'), ['clinic_id'], unique=False)

    with op.batch_alter_table('clinics', schema=None) as batch_op:
        batch_op.add_column(sa.Column('details_channel', sqlmodel.sql.sqltypes.AutoString(length=255), nullable=True))
        batch_op.add_column(sa.Column('details_name', sqlmodel.sql.sqltypes.AutoString(length=255), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('clinics', schema=None) as batch_op:
        batch_op.drop_column('details_name')
        batch_op.drop_column('details_channel')

    with op.batch_alter_table('clinicians', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_clinicians_clinic_id'))

    op.drop_table('clinicians')
