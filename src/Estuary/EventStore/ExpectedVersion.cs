using System;
using System.Globalization;

namespace Estuary;

/// <summary>
/// What an append expects of its stream: any state, no stream yet, or exactly a version (the number of
/// events it holds; the first event is version 1). Of two appends expecting one version, exactly one wins.
/// </summary>
public readonly record struct ExpectedVersion
{
    private const long AnyValue = -1;

    private ExpectedVersion(long value) => Value = value;

    /// <summary>Appends whatever the stream holds.</summary>
    public static ExpectedVersion Any { get; } = new(AnyValue);

    /// <summary>The stream must not exist yet (hold no events).</summary>
    public static ExpectedVersion NoStream { get; } = new(0);

    /// <summary>The stream is at <paramref name="version"/> (0: it does not exist yet).</summary>
    public static ExpectedVersion Exactly(long version)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(version);
        return new ExpectedVersion(version);
    }

    /// <summary>-1 for <see cref="Any"/>, else the version expected.</summary>
    public long Value { get; }

    /// <summary>Whether the append checks the version at all.</summary>
    public bool IsAny => Value == AnyValue;

    /// <summary>Whether a stream at <paramref name="actual"/> satisfies the expectation.</summary>
    public bool IsMetBy(long actual) => IsAny || actual == Value;

    /// <inheritdoc />
    public override string ToString() => IsAny ? "any" : Value == 0 ? "no stream" : Value.ToString(CultureInfo.InvariantCulture);
}
