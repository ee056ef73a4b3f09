using System;

namespace Estuary.Channels;

/// <summary>How a channel's consumer runs and what it does with failures.</summary>
public sealed class ConsumerSettings
{
    /// <summary>Messages handled at the same time by one worker (default 1: in order).</summary>
    public int Concurrency { get; set; } = 1;

    /// <summary>How long a receive waits for a message before looking again (default 1 s); channels that get woken up return sooner.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Retries of the channel's endpoints, unless an endpoint declares its own (default: <see cref="EstuaryOptions.DefaultRetry"/>).</summary>
    public RetryPolicy? Retry { get; set; }

    /// <summary>What happens when the retries are exhausted (default: dead letter).</summary>
    public FinalFailure FinalFailure { get; set; } = FinalFailure.DeadLetter;

    /// <summary>
    /// A channel that receives failed messages instead of the dead letter, e.g. to handle failures
    /// in code; the message keeps its endpoint id and carries the reason in headers.
    /// </summary>
    public string? ErrorChannel { get; set; }

    /// <summary>Whether handled message ids are recorded per endpoint so a redelivered message is skipped (default on; needs a persistent store to matter across restarts).</summary>
    public bool Deduplicate { get; set; } = true;

    /// <summary>Received payloads larger than this go to the dead letter unread (default 4 MiB).</summary>
    public int MaxPayloadBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>Whether the host runs this channel's consumer as a background service (default on).</summary>
    public bool RunInHost { get; set; } = true;

    /// <summary>
    /// The endpoint that handles the channel's messages that name none (another program's messages, without
    /// Estuary's endpoint id): the <c>EndpointId</c> of one of the channel's asynchronous endpoints. Without
    /// it, the channel's <see cref="MessageConsumerAttribute"/> method, if it has one, handles them; otherwise
    /// they go to the dead letter.
    /// </summary>
    public string? DefaultEndpointId { get; set; }
}
