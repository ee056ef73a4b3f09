namespace Estuary;

/// <summary>A message targets an aggregate or saga instance that is not stored.</summary>
public sealed class AggregateNotFoundException(string aggregate, string id) : EstuaryException(
    $"No instance of {aggregate} with identifier '{id}' is stored. It was never created (send the command or event that creates it first), "
    + "it was removed (a completed saga), or the message carries another identifier than intended.")
{
    /// <summary>The aggregate's or saga's name.</summary>
    public string Aggregate { get; } = aggregate;

    /// <summary>The identifier that was not found.</summary>
    public string Id { get; } = id;
}
