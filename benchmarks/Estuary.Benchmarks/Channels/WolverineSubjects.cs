using System;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;
using Wolverine;
using Wolverine.RDBMS;
using WolverineContext = Wolverine.Runtime.MessageContext;

// Wolverine 6.62 on its PostgreSQL queue transport. Only this namespace is discovered (see
// WolverineChannelSubject), so the dispatch suites' Wolverine handlers stay out of this host and
// this handler stays out of theirs.
namespace Estuary.Benchmarks.Channels.OnWolverine;

/// <summary>The same unit of work as Estuary's <c>ChannelWork</c>.</summary>
public sealed record WolverineWork(long Sequence);

/// <summary>The data source the handler writes its effect with (a singleton of the Wolverine host).</summary>
public sealed class WolverineEffects(NpgsqlDataSource dataSource)
{
    public NpgsqlDataSource DataSource { get; } = dataSource;
}

/// <summary>
/// Writes one effect row in a transaction that also marks the message handled in Wolverine's inbox.
/// Wolverine's transactional middleware exists for Marten, EF Core and other persistence tools, not
/// for plain Npgsql; with plain ADO.NET, Wolverine's documented outbox pattern is to begin a
/// transaction and enlist the message context in it (<see cref="DatabaseEnvelopeTransaction"/>), so
/// that messages the handler sends commit with its work. Marking the inbox row handled in the same
/// transaction is what Wolverine's EF Core middleware does at commit
/// (<see cref="IMessageDatabase.MarkIncomingEnvelopeAsHandledInTransactionAsync"/>); with it the
/// effect and the end of the message commit together, as with Estuary, and Wolverine skips its own
/// separate "mark as handled" write.
/// </summary>
public static class WolverineWorkHandler
{
    public const string EffectTable = "bench.wolverine_effects";

    private const string InsertSql = $"INSERT INTO {EffectTable} (sequence) VALUES ($1)";

    public static async Task Handle(WolverineWork message, IMessageContext context, WolverineEffects effects, CancellationToken cancellationToken)
    {
        var messaging = context as WolverineContext
            ?? throw new InvalidOperationException($"Expected Wolverine's MessageContext, got {context.GetType()}.");
        var envelope = messaging.Envelope ?? throw new InvalidOperationException("The handler runs without an envelope.");
        var database = messaging.Storage as IMessageDatabase
            ?? throw new InvalidOperationException($"Expected Wolverine's PostgreSQL message store, got {messaging.Storage.GetType()}.");

        await using var connection = await effects.DataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await messaging.EnlistInOutboxAsync(new DatabaseEnvelopeTransaction(database, transaction));

        await using (var insert = new NpgsqlCommand(InsertSql, connection, transaction))
        {
            insert.Parameters.Add(new NpgsqlParameter<long> { TypedValue = message.Sequence });
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        if (envelope.WasPersistedInInbox)
        {
            var keepUntil = DateTimeOffset.UtcNow.Add(messaging.Runtime.Options.Durability.KeepAfterMessageHandling);
            await database.MarkIncomingEnvelopeAsHandledInTransactionAsync(connection, transaction, envelope, keepUntil, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        envelope.Status = EnvelopeStatus.Handled;
        await messaging.FlushOutgoingMessagesAsync();
    }
}
