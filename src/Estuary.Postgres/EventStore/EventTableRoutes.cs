using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.Extensions.DependencyInjection;

namespace Estuary.Postgres;

/// <summary>The streams kept in events tables of their own, from the options and the generated modules.</summary>
internal static class EventTableRoutes
{
    /// <summary>
    /// Every route once. The same prefix may be declared twice for the same table (an aggregate and the
    /// options both naming it); for two tables it is refused, as it would split a stream's history.
    /// </summary>
    /// <exception cref="ArgumentException">One stream prefix is routed to two tables.</exception>
    public static IReadOnlyList<EventStreamTable> Merge(IEnumerable<EventStreamTable> configured, IEnumerable<EventStreamTable>? registered)
    {
        var byPrefix = new Dictionary<string, EventStreamTable>(StringComparer.Ordinal);
        foreach (var route in configured.Concat(registered ?? []))
        {
            ArgumentNullException.ThrowIfNull(route);
            if (byPrefix.TryGetValue(route.StreamPrefix, out var known) && known.Table != route.Table)
            {
                throw new ArgumentException(
                    $"Streams '{route.StreamPrefix}-...' are routed to two events tables, events_{known.Table} and events_{route.Table}. "
                    + "A stream's events live in one table: keep one of the two declarations ([EventSourcingAggregate(Table = ...)] or PostgresOptions.EventTables).");
            }

            byPrefix[route.StreamPrefix] = route;
        }

        return byPrefix.Values.OrderBy(r => r.StreamPrefix, StringComparer.Ordinal).ToArray();
    }

    /// <summary>The routes of <paramref name="options"/> and those the host's modules registered.</summary>
    public static IReadOnlyList<EventStreamTable> Of(PostgresOptions options, IServiceProvider provider) =>
        Merge(options.EventTables, provider.GetServices<EventStreamTable>());
}
