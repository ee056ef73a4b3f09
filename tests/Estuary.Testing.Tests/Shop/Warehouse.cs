using System;
using System.Collections.Concurrent;
using System.Collections.Generic;

namespace Estuary.Testing.Tests.Shop;

public sealed class Warehouse
{
    private readonly ConcurrentQueue<string> _reserved = new();

    public bool Closed { get; set; }

    public IReadOnlyCollection<string> Reserved => _reserved.ToArray();

    public void Reserve(string orderId, int quantity)
    {
        if (Closed)
        {
            throw new InvalidOperationException("warehouse closed");
        }

        _reserved.Enqueue($"{orderId} x{quantity}");
    }
}
