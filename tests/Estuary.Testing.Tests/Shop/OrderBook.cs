using System;
using System.Collections.Concurrent;

namespace Estuary.Testing.Tests.Shop;

public sealed class OrderBook
{
    private readonly ConcurrentDictionary<string, string> _statuses = new(StringComparer.Ordinal);

    public void Set(string orderId, string status) => _statuses[orderId] = status;

    public string StatusOf(string orderId) => _statuses.TryGetValue(orderId, out var status) ? status : "unknown";
}
