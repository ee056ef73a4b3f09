using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Estuary.Channels;

namespace Estuary.Kafka.Tests.Ordering;

/// <summary>
/// A channel that takes a while to accept its first message and records the <see cref="Posted"/> sequence
/// numbers in the order their sends completed: what a handler sends is forwarded after its message is
/// acknowledged, and a slow forward shows whether the key's next message waited for it.
/// </summary>
internal sealed class SlowFirstSendChannel(string name, TimeSpan firstSendTakes) : IMessageChannel
{
    private readonly List<int> _sent = [];
    private int _sends;

    public string Name { get; } = name;

    public int[] SentSequences
    {
        get
        {
            lock (_sent)
            {
                return [.. _sent];
            }
        }
    }

    public async ValueTask SendAsync(ChannelMessage message, CancellationToken cancellationToken)
    {
        if (Interlocked.Increment(ref _sends) == 1)
        {
            await Task.Delay(firstSendTakes, cancellationToken);
        }

        using var payload = JsonDocument.Parse(message.Payload);
        lock (_sent)
        {
            _sent.Add(payload.RootElement.GetProperty("Sequence").GetInt32());
        }
    }
}
