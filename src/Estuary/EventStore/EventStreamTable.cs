using System;

namespace Estuary;

/// <summary>
/// Asks an event store that keeps events in tables to keep the streams named <c>{StreamPrefix}-...</c>
/// in a table of their own, <c>events_{Table}</c>, instead of the table all other streams share. A
/// table per aggregate type keeps its indexes small, lets it be vacuumed, archived or dropped on its
/// own and makes reading one type's events a scan of one table; the order of all events and every
/// guarantee of the store stay the same. Several prefixes may share a table. The PostgreSQL store
/// honours it; the in-memory store keeps every stream alike.
/// <para>
/// <c>[EventSourcingAggregate(Table = "orders")]</c> registers one for the aggregate's stream prefix;
/// for streams written through <see cref="IEventStore"/> directly, add one to the store's options
/// (<c>postgres.Options.EventTables.Add(new EventStreamTable("orders", "orders"))</c>).
/// </para>
/// </summary>
public sealed record EventStreamTable
{
    /// <summary>The longest table name: with the <c>events_</c> prefix and index suffixes, PostgreSQL's 63-byte limit.</summary>
    public const int MaxTableLength = 30;

    // Tables and indexes share one namespace per schema: events_{table} must not be another table's
    // index (events_event_id, events_orders_event_id...).
    private static readonly string[] s_indexSuffixes = ["event_id", "transaction_position", "stream_version"];

    /// <summary>Routes the streams of <paramref name="streamPrefix"/> to table <c>events_{<paramref name="table"/>}</c>.</summary>
    /// <exception cref="ArgumentException">An empty prefix, or a table name that is not a plain lower-case identifier.</exception>
    public EventStreamTable(string streamPrefix, string table)
    {
        ArgumentException.ThrowIfNullOrEmpty(streamPrefix);
        ArgumentNullException.ThrowIfNull(table);
        if (!IsValidTable(table))
        {
            throw new ArgumentException(
                $"'{table}' cannot name the events table of streams '{streamPrefix}-...'. Use lower-case letters, digits and underscores, starting with a letter, at most {MaxTableLength} characters, "
                + $"not ending in {string.Join(", ", s_indexSuffixes)} (index names) (e.g. 'orders'); the table is called events_{{name}}.",
                nameof(table));
        }

        StreamPrefix = streamPrefix;
        Table = table;
    }

    /// <summary>The prefix of the streams kept in the table: stream <c>orders-42</c> has prefix <c>orders</c>.</summary>
    public string StreamPrefix { get; }

    /// <summary>The table's name without the <c>events_</c> prefix.</summary>
    public string Table { get; }

    /// <summary>Whether <paramref name="streamId"/> is one of this prefix's streams (<c>{prefix}-</c> and more).</summary>
    public bool Holds(string streamId) =>
        streamId.Length > StreamPrefix.Length + 1 && streamId[StreamPrefix.Length] == '-' && streamId.StartsWith(StreamPrefix, StringComparison.Ordinal);

    /// <summary>Whether <paramref name="table"/> can name an events table.</summary>
    public static bool IsValidTable(string table)
    {
        if (table.Length is 0 or > MaxTableLength || !char.IsAsciiLetterLower(table[0]))
        {
            return false;
        }

        foreach (var suffix in s_indexSuffixes)
        {
            if (table.EndsWith(suffix, StringComparison.Ordinal))
            {
                return false;
            }
        }

        foreach (var c in table)
        {
            if (!char.IsAsciiLetterLower(c) && !char.IsAsciiDigit(c) && c != '_')
            {
                return false;
            }
        }

        return true;
    }
}
