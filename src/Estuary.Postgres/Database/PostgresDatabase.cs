using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Estuary.Channels;
using Npgsql;

namespace Estuary.Postgres;

/// <summary>
/// The PostgreSQL database Estuary's stores share: the data source, the schema with the streams kept in
/// events tables of their own, whether the schema is created on first use, and the clock. <c>UsePostgres</c>
/// registers one and gives it to every store, so they all create the same schema and join a handler's
/// transaction the same way: a command runs in the session of the unit of work on this database when
/// there is one, else on a connection of its own.
/// </summary>
public sealed class PostgresDatabase
{
    /// <summary>Describes the database of <paramref name="dataSource"/>; nothing is created or opened yet.</summary>
    /// <param name="dataSource">The database; sessions of this data source are joined. A slim data source is enough.</param>
    /// <param name="options">The schema, whether to create it (default: schema <c>estuary</c>, created on first use) and the streams kept in events tables of their own.</param>
    /// <param name="timeProvider">The clock stamping rows and deciding when delayed messages are due (default: the system clock).</param>
    /// <param name="eventTables">More streams kept in tables of their own, besides <see cref="PostgresOptions.EventTables"/> (the generated modules', for aggregates declaring a <c>Table</c>).</param>
    /// <exception cref="ArgumentException">The schema name is not a plain lower-case identifier, or one stream prefix is routed to two tables.</exception>
    public PostgresDatabase(NpgsqlDataSource dataSource, PostgresOptions? options = null, TimeProvider? timeProvider = null, IEnumerable<EventStreamTable>? eventTables = null)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        DataSource = dataSource;
        Options = options ?? new PostgresOptions();
        Time = timeProvider ?? TimeProvider.System;
        EventTables = EventTableRoutes.Merge(Options.EventTables, eventTables);
        Schema = new PostgresSchema(Options.SchemaName, EventTables);
    }

    /// <summary>The data source every store opens its connections from.</summary>
    public NpgsqlDataSource DataSource { get; }

    /// <summary>Where Estuary's tables are, and whether they are created.</summary>
    public PostgresOptions Options { get; }

    /// <summary>The schema, with every events table.</summary>
    public PostgresSchema Schema { get; }

    /// <summary>The clock of every store.</summary>
    public TimeProvider Time { get; }

    /// <summary>The streams kept in events tables of their own, each prefix once.</summary>
    public IReadOnlyList<EventStreamTable> EventTables { get; }

    /// <summary>Creates the schema and its tables if <see cref="PostgresOptions.AutoCreateSchema"/> is on (once per process).</summary>
    public Task EnsureSchemaAsync(CancellationToken cancellationToken) =>
        Options.AutoCreateSchema ? Schema.EnsureCreatedAsync(DataSource, cancellationToken) : Task.CompletedTask;

    /// <summary>Whether <paramref name="session"/> is an open session of this database, which stores join.</summary>
    public bool Joins(ITransactionSession session) => PostgresSession.Joins(session, DataSource);

    /// <summary>The open session of the current unit of work on this database, if any.</summary>
    internal PostgresSession? AmbientSession() => PostgresSession.Ambient(DataSource);

    /// <summary>Where a command runs now: the current unit of work's transaction on this database, else a connection of its own. The schema exists first.</summary>
    internal ValueTask<ConnectionLease> LeaseAsync(CancellationToken cancellationToken) => LeaseAsync(AmbientSession(), cancellationToken);

    /// <summary>Where a command runs: <paramref name="session"/>'s transaction, else (null) a connection of its own. The schema exists first.</summary>
    internal async ValueTask<ConnectionLease> LeaseAsync(PostgresSession? session, CancellationToken cancellationToken)
    {
        await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        return await ConnectionLease.OpenAsync(DataSource, session, cancellationToken).ConfigureAwait(false);
    }
}
