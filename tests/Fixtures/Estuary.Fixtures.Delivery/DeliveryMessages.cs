using System;
using System.Text.Json.Serialization;

[assembly: Estuary.EstuaryModule("DeliveryFixtures")]

namespace Estuary.Fixtures.Delivery;

/// <summary>The channels every host of the suite declares, of the kind under test.</summary>
public static class DeliveryChannels
{
    /// <summary>Where the tests send.</summary>
    public const string Work = "delivery-work";

    /// <summary>Where handlers of <see cref="Work"/> send on.</summary>
    public const string Next = "delivery-next";

    /// <summary>The error channel of <see cref="Work"/> when a test sets one.</summary>
    public const string Errors = "delivery-errors";
}

/// <summary>A message whose constructor validates its input, as a record with guard clauses does.</summary>
public sealed record Transfer
{
    public Transfer(string account, decimal amount)
    {
        if (amount <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(amount), amount, "A transfer moves a positive amount.");
        }

        Account = account;
        Amount = amount;
    }

    public string Account { get; }

    public decimal Amount { get; }
}

public sealed record InspectHeaders(string Label);

public sealed record HeadersInspected(string Label);

public sealed record TouchScope(string Label);

public sealed record FailOnce(string Label);

public sealed record FailOnceLater(string Label);

public sealed record Payment(string PaymentId, string Label);

public sealed record AlwaysFail(string Label, string Reason);

public sealed record HoldOn(string Label);

public sealed record Toggle(string Label);

public sealed record SendOn(string Label, bool FailAfterSending);

public sealed record SentOn(string Label);

public sealed record InstallGauge(string GaugeId);

public sealed record ReadGauge(string GaugeId, int Reading);

[NamedEvent("gauge.installed")]
public sealed record GaugeInstalled(string GaugeId);

[NamedEvent("gauge.read")]
public sealed record GaugeRead(string GaugeId, int Reading);

[JsonSerializable(typeof(Transfer))]
[JsonSerializable(typeof(InspectHeaders))]
[JsonSerializable(typeof(HeadersInspected))]
[JsonSerializable(typeof(TouchScope))]
[JsonSerializable(typeof(FailOnce))]
[JsonSerializable(typeof(FailOnceLater))]
[JsonSerializable(typeof(Payment))]
[JsonSerializable(typeof(AlwaysFail))]
[JsonSerializable(typeof(HoldOn))]
[JsonSerializable(typeof(Toggle))]
[JsonSerializable(typeof(SendOn))]
[JsonSerializable(typeof(SentOn))]
[JsonSerializable(typeof(InstallGauge))]
[JsonSerializable(typeof(ReadGauge))]
[JsonSerializable(typeof(GaugeInstalled))]
[JsonSerializable(typeof(GaugeRead))]
[JsonSerializable(typeof(Annotated))]
[JsonSerializable(typeof(Ranked))]
[JsonSerializable(typeof(Meet))]
[JsonSerializable(typeof(DistributedNote))]
internal sealed partial class DeliveryJson : JsonSerializerContext;

/// <summary>Logged with the text header "note" it carries.</summary>
public sealed record Annotated(string Label);

/// <summary>Logged in the order the channel hands it out.</summary>
public sealed record Ranked(string Label);

/// <summary>Sent to this host by another service (or a plain AMQP client) through the distributed bus.</summary>
public sealed record DistributedNote(string Label);

/// <summary>Handled while the test counts how many are handled at once.</summary>
public sealed record Meet(string Label);
