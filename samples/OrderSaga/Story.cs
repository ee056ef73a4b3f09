using System;
using System.IO;

namespace OrderSaga;

/// <summary>
/// Prints what each handler does, stamped with the host's clock, so the program's output reads as the
/// story of each order. Handlers take it as a parameter, like any service.
/// </summary>
public sealed class Story(TimeProvider clock, TextWriter output)
{
    public void Tell(Guid orderId, string who, string what) =>
        output.WriteLine($"  {clock.GetUtcNow():HH:mm}  order {orderId.ToString()[..8]}  {who,-10}  {what}");
}
