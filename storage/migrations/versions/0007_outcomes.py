"""outcomes: where the pain reaches and the outcome questionnaires

Revision ID: 0007_outcomes
Revises: 0006_clinicians
Create Date: 2026-12-03
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

import storage.types


revision: str = '0007_outcomes'
down_revision: str | None = '0006_clinicians'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('outcome_scores',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('at', storage.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('local_date', sa.Date(), nullable=False),
    sa.Column('measure', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('item', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
    sa.Column('score', sa.Integer(), nullable=False),
    sa.Column('occasion', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('outcome_scores', schema=None) as batch_op:
        batch_op.create_index('ix_outcome_scores_user_date', ['user_id', 'local_date'],
                              unique=False)
    op.create_table('functional_activities',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('at', storage.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('slot', sa.Integer(), nullable=False),
    sa.Column('name', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('functional_activities', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_functional_activities_user_id'), ['user_id'],
                              unique=False)


def downgrade() -> None:
    with op.batch_alter_table('functional_activities', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_functional_activities_user_id'))
    op.drop_table('functional_activities')
    with op.batch_alter_table('outcome_scores', schema=None) as batch_op:
        batch_op.drop_index('ix_outcome_scores_user_date')
    op.drop_table('outcome_scores')
