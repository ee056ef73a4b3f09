using System;

namespace Estuary;

/// <summary>
/// A reader's place in the store's sequence of all events: ordered by the appending transaction, then
/// by position. Readers of all events only see transactions that no earlier-ordered transaction can
/// still join, so a reader that continues from a checkpoint never skips an event that committed late.
/// </summary>
/// <param name="Transaction">The store's order of the appending transaction.</param>
/// <param name="Position">The event's position.</param>
public readonly record struct AllPosition(ulong Transaction, long Position) : IComparable<AllPosition>
{
    /// <summary>Before the first event.</summary>
    public static AllPosition Start { get; } = new(0, 0);

    /// <inheritdoc />
    public int CompareTo(AllPosition other)
    {
        var byTransaction = Transaction.CompareTo(other.Transaction);
        return byTransaction != 0 ? byTransaction : Position.CompareTo(other.Position);
    }

    /// <inheritdoc />
    public override string ToString() => Transaction + "/" + Position;
}
