using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Estuary.Channels;
using Estuary.Runtime;

namespace Estuary.Testing;

/// <summary>
/// What an <see cref="EstuaryTestHost"/> saw: every command, query and event given to its buses, and
/// every message sent to the channels it records, each in the order it happened.
/// </summary>
/// <remarks>
/// Bus traffic is recorded when the call is made, before any handler runs, so a send made by a handler
/// attempt that later fails is recorded too. Channel messages are recorded when they reach the channel:
/// a handler's sends are held back until it succeeds, so a failed attempt leaves none.
/// </remarks>
public sealed class RecordedTraffic
{
    private readonly Lock _gate = new();
    private readonly List<RecordedMessage> _messages = [];
    private readonly Dictionary<string, List<ChannelMessage>> _channels = new(StringComparer.Ordinal);

    internal RecordedTraffic()
    {
    }

    /// <summary>Every command, query and event given to a bus, in order.</summary>
    public IReadOnlyList<RecordedMessage> Messages
    {
        get
        {
            lock (_gate)
            {
                return _messages.ToArray();
            }
        }
    }

    /// <summary>The commands sent, in order.</summary>
    public IReadOnlyList<RecordedMessage> CommandMessages => MessagesOf(EndpointKind.Command);

    /// <summary>The queries sent, in order.</summary>
    public IReadOnlyList<RecordedMessage> QueryMessages => MessagesOf(EndpointKind.Query);

    /// <summary>The events published, in order.</summary>
    public IReadOnlyList<RecordedMessage> EventMessages => MessagesOf(EndpointKind.Event);

    /// <summary>The payloads of the commands sent, in order.</summary>
    public IReadOnlyList<object?> Commands => PayloadsOf(EndpointKind.Command);

    /// <summary>The payloads of the queries sent, in order.</summary>
    public IReadOnlyList<object?> Queries => PayloadsOf(EndpointKind.Query);

    /// <summary>The payloads of the events published, in order.</summary>
    public IReadOnlyList<object?> Events => PayloadsOf(EndpointKind.Event);

    /// <summary>
    /// The messages sent to <paramref name="channel"/>, in order: sends from buses, each copy of an event
    /// for an asynchronous subscriber, and dead-letter replays; not the redeliveries of delayed retries.
    /// </summary>
    /// <exception cref="InvalidOperationException">
    /// <paramref name="channel"/> is not recorded: the test declared it itself without
    /// <see cref="EstuaryBuilderTestingExtensions.AddRecordedChannel"/>, or no endpoint uses it.
    /// </exception>
    public IReadOnlyList<ChannelMessage> SentTo(string channel)
    {
        ArgumentNullException.ThrowIfNull(channel);
        lock (_gate)
        {
            if (_channels.TryGetValue(channel, out var sent))
            {
                return sent.ToArray();
            }

            // An empty list here would let an assertion pass on a channel that is never looked at.
            var recorded = _channels.Count == 0 ? "none" : string.Join(", ", _channels.Keys.Order(StringComparer.Ordinal));
            throw new InvalidOperationException(
                $"Channel '{channel}' is not recorded by this test host (recorded channels: {recorded}). The host records the channels it declares for the modules " +
                $"given to EstuaryTestHost.Create, and those declared with AddRecordedChannel(\"{channel}\"); a channel the test declares otherwise (AddInMemoryChannel, AddPostgresChannel) is not recorded.");
        }
    }

    /// <summary>
    /// Forgets everything recorded so far, e.g. what a test's setup sent. Messages waiting on channels
    /// stay there; only the record of them is discarded.
    /// </summary>
    public void Clear()
    {
        lock (_gate)
        {
            _messages.Clear();
            foreach (var sent in _channels.Values)
            {
                sent.Clear();
            }
        }
    }

    /// <summary>Starts recording the messages sent to <paramref name="channel"/>.</summary>
    internal void Track(string channel)
    {
        lock (_gate)
        {
            _channels.TryAdd(channel, []);
        }
    }

    internal bool IsTracked(string channel)
    {
        lock (_gate)
        {
            return _channels.ContainsKey(channel);
        }
    }

    internal void Record(RecordedMessage message)
    {
        lock (_gate)
        {
            _messages.Add(message);
        }
    }

    internal void Record(string channel, ChannelMessage message)
    {
        lock (_gate)
        {
            _channels[channel].Add(message);
        }
    }

    private RecordedMessage[] MessagesOf(EndpointKind kind)
    {
        lock (_gate)
        {
            return _messages.Where(m => m.Kind == kind).ToArray();
        }
    }

    private object?[] PayloadsOf(EndpointKind kind)
    {
        lock (_gate)
        {
            return _messages.Where(m => m.Kind == kind).Select(static m => m.Payload).ToArray();
        }
    }
}
