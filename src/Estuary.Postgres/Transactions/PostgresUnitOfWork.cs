using System;
using System.Threading;
using System.Threading.Tasks;
using Estuary.Runtime;
using Npgsql;

namespace Estuary.Postgres;

/// <summary>
/// Runs work outside any handler (a controller, a job) in one PostgreSQL transaction, as if it were
/// handling a message: handlers it calls through the buses share the transaction
/// (<see cref="PostgresTransaction"/>), and what it sends to asynchronous endpoints is written to
/// Postgres channels in the same transaction (the outbox) or sent after the commit. If the work
/// throws, everything is rolled back and nothing is sent.
/// <code>await postgres.RunAsync(async ct => await commands.SendAsync(new PlaceOrder(id), ct));</code>
/// </summary>
public sealed class PostgresUnitOfWork(NpgsqlDataSource dataSource, EstuaryRuntime runtime)
{
    /// <summary>Runs <paramref name="work"/> in a new transaction and commits it.</summary>
    public async Task RunAsync(Func<CancellationToken, Task> work, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(work);
        await RunAsync<bool>(
            async token =>
            {
                await work(token).ConfigureAwait(false);
                return true;
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Runs <paramref name="work"/> in a new transaction, commits it and returns the work's result.</summary>
    public async Task<T> RunAsync<T>(Func<CancellationToken, Task<T>> work, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(work);
        var session = await PostgresSession.BeginAsync(dataSource, cancellationToken).ConfigureAwait(false);

        // Begin makes the unit of work current for the rest of this method, so the work sees it.
        await using var scope = UnitOfWork.Begin(runtime, session);
        var result = await work(cancellationToken).ConfigureAwait(false);
        await scope.CommitAsync(cancellationToken).ConfigureAwait(false);
        return result;
    }
}
