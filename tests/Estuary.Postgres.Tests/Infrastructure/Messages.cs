using System;
using System.Collections.Generic;
using System.Text;
using Estuary.Channels;
using Xunit;

namespace Estuary.Postgres.Tests;

internal static class Messages
{
    public static string NewChannel() => "c" + Guid.NewGuid().ToString("N")[..12];

    public static ChannelMessage Create(string text = "{}", int priority = 0, DateTimeOffset? availableAt = null, DateTimeOffset? expiresAt = null, int attempts = 0) => new()
    {
        MessageId = Guid.NewGuid(),
        EndpointId = "orders.place-order",
        MessageName = "orders.place-order",
        Payload = Encoding.UTF8.GetBytes(text),
        Headers = new Dictionary<string, string> { ["estuary-message-id"] = "x", ["note"] = text },
        Priority = priority,
        AvailableAt = availableAt,
        ExpiresAt = expiresAt,
        Attempts = attempts,
    };

    public static string Text(this ChannelMessage message) => Encoding.UTF8.GetString(message.Payload.Span);

    public static void Equivalent(ChannelMessage expected, ChannelMessage actual)
    {
        Assert.Equal(expected.MessageId, actual.MessageId);
        Assert.Equal(expected.EndpointId, actual.EndpointId);
        Assert.Equal(expected.MessageName, actual.MessageName);
        Assert.Equal(expected.Payload.ToArray(), actual.Payload.ToArray());
        Assert.Equal(new SortedDictionary<string, string>(Copy(expected.Headers)), new SortedDictionary<string, string>(Copy(actual.Headers)));
        Assert.Equal(expected.Priority, actual.Priority);
        Assert.Equal(expected.Attempts, actual.Attempts);
    }

    private static Dictionary<string, string> Copy(IReadOnlyDictionary<string, string> headers) => new(headers);
}
