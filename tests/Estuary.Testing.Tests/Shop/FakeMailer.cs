using System;
using System.Collections.Concurrent;
using System.Collections.Generic;

namespace Estuary.Testing.Tests.Shop;

public sealed class FakeMailer : IMailer, IDisposable
{
    private readonly ConcurrentQueue<string> _sent = new();

    public IReadOnlyCollection<string> Sent => _sent.ToArray();

    public bool Disposed { get; private set; }

    public void Send(string text) => _sent.Enqueue(text);

    public void Dispose() => Disposed = true;
}
