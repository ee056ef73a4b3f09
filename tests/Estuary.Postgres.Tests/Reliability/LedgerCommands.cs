using System;
using System.Collections.Generic;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Estuary.Channels;

namespace Estuary.Postgres.Tests.Reliability;

/// <summary>The commands the crash tests feed the ledger worker, written the way any producer may: the documented envelope with a JSON payload.</summary>
internal static class LedgerCommands
{
    /// <summary>Sends entries 1 to <paramref name="entries"/> to <paramref name="endpointId"/> as <paramref name="messageName"/>.</summary>
    public static async Task EnqueueAsync(PostgresQueueChannel channel, string endpointId, string messageName, int entries)
    {
        for (var entry = 1; entry <= entries; entry++)
        {
            await channel.SendAsync(
                new ChannelMessage
                {
                    MessageId = Guid.NewGuid(),
                    EndpointId = endpointId,
                    MessageName = messageName,
                    Payload = Encoding.UTF8.GetBytes($"{{\"EntryId\":{entry}}}"),
                    Headers = new Dictionary<string, string> { [MessageHeaderNames.ContentType] = "application/json" },
                },
                CancellationToken.None);
        }
    }
}
