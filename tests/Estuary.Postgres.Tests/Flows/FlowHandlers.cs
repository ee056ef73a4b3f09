using System;
using System.Text.Json.Serialization;
using System.Threading.Tasks;
using Estuary;

[assembly: EstuaryModule("PostgresFlows")]

namespace Estuary.Postgres.Tests.Flows;

public sealed record OpenAccount(string AccountId, bool FailAfterSending);

public sealed record AccountOpened(string AccountId);

public sealed record AuditAccount(string AccountId);

[JsonSerializable(typeof(OpenAccount))]
[JsonSerializable(typeof(AccountOpened))]
[JsonSerializable(typeof(AuditAccount))]
internal sealed partial class FlowJson : JsonSerializerContext;

/// <summary>Writes its effect in the delivery's transaction, sends two messages, then may fail.</summary>
public static class AccountHandlers
{
    public const string Channel = "accounts";

    [Asynchronous(Channel)]
    [CommandHandler(EndpointId = "accounts.open")]
    [Retry(Instant = 0, Delayed = 0)]
    public static async Task Open(OpenAccount command, PostgresTransaction transaction, IEventBus events, ICommandBus commands)
    {
        await using (var insert = transaction.CreateCommand("INSERT INTO flow_effects (kind, account) VALUES ('opened', $1)"))
        {
            insert.Parameters.Add(new Npgsql.NpgsqlParameter { Value = command.AccountId });
            await insert.ExecuteNonQueryAsync();
        }

        await events.PublishAsync(new AccountOpened(command.AccountId));
        await commands.SendAsync(new AuditAccount(command.AccountId));
        if (command.FailAfterSending)
        {
            throw new InvalidOperationException("failed after sending");
        }
    }

    [Asynchronous(Channel)]
    [EventHandler(EndpointId = "accounts.welcome")]
    public static async Task Welcome(AccountOpened @event, PostgresTransaction transaction)
    {
        await using var insert = transaction.CreateCommand("INSERT INTO flow_effects (kind, account) VALUES ('welcomed', $1)");
        insert.Parameters.Add(new Npgsql.NpgsqlParameter { Value = @event.AccountId });
        await insert.ExecuteNonQueryAsync();
    }

    [Asynchronous(Channel)]
    [CommandHandler(EndpointId = "accounts.audit")]
    public static async Task Audit(AuditAccount command, PostgresTransaction transaction)
    {
        await using var insert = transaction.CreateCommand("INSERT INTO flow_effects (kind, account) VALUES ('audited', $1)");
        insert.Parameters.Add(new Npgsql.NpgsqlParameter { Value = command.AccountId });
        await insert.ExecuteNonQueryAsync();
    }
}

public sealed record StartCounter(string CounterId);

public sealed record Increment(string CounterId);

/// <summary>A state-stored aggregate kept in the Postgres document store.</summary>
[Aggregate(Name = "counters")]
public sealed class Counter
{
    [Identifier]
    public string CounterId { get; set; } = string.Empty;

    public int Value { get; set; }

    [CommandHandler]
    public static Counter Start(StartCounter command) => new() { CounterId = command.CounterId };

    [CommandHandler]
    public async Task<int> Add(Increment command)
    {
        // Widens the window between load and save, so concurrent commands overlap.
        await Task.Delay(50);
        return ++Value;
    }
}

[JsonSerializable(typeof(Counter))]
internal sealed partial class CounterJson : JsonSerializerContext;
