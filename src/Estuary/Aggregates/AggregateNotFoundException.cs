namespace Estuary;

/// <summary>A command targets an aggregate instance that does not exist.</summary>
public sealed class AggregateNotFoundException(string aggregate, string id) : EstuaryException(
    $"Aggregate {aggregate} with identifier '{id}' does not exist. Create it first (a static [CommandHandler] returning the aggregate), or check the identifier the command carries.")
{
    /// <summary>The aggregate's name.</summary>
    public string Aggregate { get; } = aggregate;

    /// <summary>The identifier that was not found.</summary>
    public string Id { get; } = id;
}
