using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;

namespace Estuary.Testing.Tests.Shop;

public sealed class PaymentGateway
{
    private readonly ConcurrentQueue<string> _captured = new();
    private int _attempts;

    public bool Down { get; set; }

    public int Attempts => Volatile.Read(ref _attempts);

    public IReadOnlyCollection<string> Captured => _captured.ToArray();

    public void Charge(string orderId, decimal amount)
    {
        Interlocked.Increment(ref _attempts);
        if (Down)
        {
            throw new InvalidOperationException("payment provider unavailable");
        }

        _captured.Enqueue($"{orderId} {amount}");
    }
}
