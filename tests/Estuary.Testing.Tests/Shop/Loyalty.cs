using System;
using System.Text.Json.Serialization;

namespace Estuary.Testing.Tests.Shop;

public sealed record EarnPoints(Guid CardId, int Points);

/// <summary>An aggregate, to test the harness's given state and state inspection.</summary>
[Aggregate(Name = "loyalty-cards")]
public sealed class LoyaltyCard
{
    [Identifier]
    public Guid CardId { get; set; }

    public int Points { get; set; }

    [CommandHandler]
    public void Earn(EarnPoints command) => Points += command.Points;
}

[JsonSerializable(typeof(LoyaltyCard))]
[JsonSerializable(typeof(EarnPoints))]
internal sealed partial class LoyaltyJson : JsonSerializerContext;
