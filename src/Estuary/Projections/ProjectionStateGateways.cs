using System;
using System.ComponentModel;
using System.Threading;
using System.Threading.Tasks;

namespace Estuary.Runtime;

/// <summary>What generated <see cref="ProjectionStateGatewayAttribute"/> methods call: the live version's state, of the projection or of one partition.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class ProjectionStateGateways
{
    /// <summary>The state of projection <paramref name="projection"/>'s live version, or null before a batch saved one.</summary>
    public static async Task<TState?> ReadAsync<TState>(EstuaryProjections projections, string projection, CancellationToken cancellationToken)
        where TState : class
    {
        ArgumentNullException.ThrowIfNull(projections);
        var live = await projections.LiveAsync(projection, cancellationToken).ConfigureAwait(false);
        return await projections.GetStateAsync<TState>(live, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The state of the partition of aggregate <paramref name="id"/> (its stream: <c>{prefix}-{id}</c>) in
    /// partitioned projection <paramref name="projection"/>'s live version; <paramref name="streamPrefix"/>
    /// null: the projection's only stream prefix.
    /// </summary>
    /// <exception cref="InvalidOperationException">No prefix was given and the projection reads several, or none.</exception>
    public static async Task<TState?> ReadAsync<TState>(EstuaryProjections projections, string projection, string? streamPrefix, object id, CancellationToken cancellationToken)
        where TState : class
    {
        ArgumentNullException.ThrowIfNull(projections);
        var live = await projections.LiveAsync(projection, cancellationToken).ConfigureAwait(false);
        var prefix = streamPrefix ?? projections.Definition(live).StreamPrefixes switch
        {
            [var only] => only,
            var prefixes => throw new InvalidOperationException(
                $"Projection '{projection}' reads {(prefixes.Count == 0 ? "every stream" : "the streams of " + string.Join(", ", prefixes))}: say which aggregate the identifier is with [FromAggregateStream(typeof(...))] on the state gateway method."),
        };
        return await projections.GetStateAsync<TState>(live, prefix + "-" + AggregateRuntime.Id(id, projection, "id"), cancellationToken).ConfigureAwait(false);
    }
}
