using System;
using System.Collections.Generic;

namespace Estuary.Postgres;

/// <summary>Where Estuary keeps its tables in PostgreSQL, and whether it creates them.</summary>
public sealed class PostgresOptions
{
    /// <summary>
    /// The schema holding the queue, dead-letter and deduplication tables (default <c>estuary</c>):
    /// lower-case letters, digits and underscores, starting with a letter or underscore.
    /// </summary>
    public string SchemaName { get; set; } = PostgresSchema.DefaultName;

    /// <summary>
    /// Whether the schema and its tables are created on first use (default on). Turn it off when
    /// migrations own the database; <see cref="PostgresSchema.Script"/> gives the SQL to include.
    /// </summary>
    public bool AutoCreateSchema { get; set; } = true;

    /// <summary>
    /// Streams whose events live in a table of their own instead of the shared <c>events</c> table, by
    /// stream prefix (see <see cref="EventStreamTable"/>). Aggregates declaring
    /// <c>[EventSourcingAggregate(Table = ...)]</c> are added by the generated module; list here the
    /// streams written through <see cref="IEventStore"/> directly.
    /// </summary>
    public IList<EventStreamTable> EventTables { get; } = new List<EventStreamTable>();

    /// <summary>
    /// How long a relay leaves a message in the outbox to the process that stored it, which forwards it
    /// as soon as its transaction commits (default 5 s). After that (the process died, or forwarding
    /// failed) any running relay forwards it. Shorter delays forward sooner after a crash, and may make
    /// a relay and the writer forward the same message (receivers deduplicate).
    /// </summary>
    public TimeSpan OutboxRecoveryDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Whether the host runs the outbox relay as a background service (default on).</summary>
    public bool RunOutboxRelay { get; set; } = true;
}
