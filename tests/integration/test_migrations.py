from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect, text

from persistence.db import create_engine
from persistence.migrate import upgrade_async
from persistence.models import Base
from tests.conftest import TEST_DATABASE_URL, reset_postgres_schema


async def _tables(url: str) -> set[str]:
    engine = create_engine(url)
    try:
        async with engine.connect() as conn:
            names = await conn.run_sync(lambda sync: inspect(sync).get_table_names())
            version = (
                await conn.execute(text("SELECT version_num FROM alembic_version"))
            ).scalar()
    finally:
        await engine.dispose()
    assert version is not None
    return set(names)


async def test_migrations_build_the_whole_schema_from_empty(tmp_path) -> None:
    if TEST_DATABASE_URL:
        url = TEST_DATABASE_URL
        await reset_postgres_schema(url)
    else:
        url = f"sqlite+aiosqlite:///{tmp_path}/empty.db"
        await upgrade_async(url)
    tables = await _tables(url)
    assert set(Base.metadata.tables) <= tables
    await upgrade_async(url)  # idempotent: already at head
    assert await _tables(url) == tables


async def test_sqlite_runs_in_wal_mode_with_foreign_keys(tmp_path) -> None:
    engine = create_engine(f"sqlite+aiosqlite:///{tmp_path}/wal.db")
    try:
        async with engine.connect() as conn:
            assert (await conn.execute(text("PRAGMA journal_mode"))).scalar() == "wal"
            assert (await conn.execute(text("PRAGMA foreign_keys"))).scalar() == 1
    finally:
        await engine.dispose()


async def test_migrations_and_models_describe_the_same_schema(database_url: str) -> None:
    """Autogenerate finds nothing to add: every model change has its revision."""
    engine = create_engine(database_url)
    try:
        async with engine.connect() as conn:
            diff = await conn.run_sync(
                lambda sync: compare_metadata(
                    MigrationContext.configure(sync, opts={"compare_type": True}), Base.metadata
                )
            )
    finally:
        await engine.dispose()
    assert diff == []
