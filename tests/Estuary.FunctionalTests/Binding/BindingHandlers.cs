using System;
using System.Collections.Generic;
using System.Threading;

namespace Estuary.FunctionalTests.Binding;

public enum Urgency
{
    Low,
    Normal,
    Urgent,
}

public sealed record InspectParcel(string ParcelId);

/// <summary>Everything the parcel handler bound from headers, so tests can assert on it.</summary>
public sealed record ParcelHeaders(string User, int Attempt, Guid Tenant, Urgency Urgency, string? Note, int? Retries, Urgency? Fallback, Guid? Batch);

public sealed record ShipParcel(string ParcelId);

public sealed record DescribeMessage(string Topic);

public sealed record MessageDescription(IReadOnlyDictionary<string, object?> Headers, Guid ContextMessageId, string? UserHeaderFromContext);

public sealed record CheckToken;

public sealed record TokenReport(CancellationToken Token, CancellationToken ContextToken, string Greeting);

/// <summary>A service handlers take as a parameter; the host registers it.</summary>
public sealed class GreetingService
{
    public string Greeting { get; init; } = "hi";
}

public sealed class ParcelHandlers(CallLog log)
{
    [QueryHandler]
    public ParcelHeaders Inspect(
        InspectParcel query,
        [Header("user")] string user,
        [Header("attempt")] int attempt,
        [Header("tenant")] Guid tenant,
        [Header("urgency")] Urgency urgency,
        [Header("note")] string? note,
        [Header("retries")] int? retries,
        [Header("fallback")] Urgency? fallback,
        [Header("batch")] Guid? batch) =>
        new(user, attempt, tenant, urgency, note, retries, fallback, batch);

    [CommandHandler]
    public void Ship(ShipParcel command, [Header("user")] string user) => log.Add($"shipped {command.ParcelId} for {user}");

    [QueryHandler]
    public MessageDescription Describe(DescribeMessage query, MessageHeaders headers, MessageContext context)
    {
        context.TryGetHeader("user", out var user);
        return new MessageDescription(new Dictionary<string, object?>(headers), context.MessageId, user as string);
    }

    [QueryHandler]
    public TokenReport Check(CheckToken query, CancellationToken token, MessageContext context, GreetingService greetings) =>
        new(token, context.CancellationToken, greetings.Greeting);
}
