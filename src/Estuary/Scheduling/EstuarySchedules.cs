using System;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Estuary.Runtime;

namespace Estuary;

/// <summary>
/// The <see cref="ScheduledAttribute"/> methods of a host. The background scheduler triggers each
/// occurrence; tests and tooling can trigger one themselves with <see cref="TriggerAsync"/>.
/// </summary>
public sealed class EstuarySchedules
{
    private readonly EstuaryRuntime _runtime;

    /// <summary>Reads the schedules of a host; an invalid cron expression or time zone fails here, at start.</summary>
    public EstuarySchedules(EstuaryRuntime runtime)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        _runtime = runtime;
        Timers = runtime.Endpoints
            .Where(static e => e.Description.Schedule is not null)
            .Select(static e => new ScheduleTimer(e, e.Description.Schedule!))
            .ToArray();
    }

    /// <summary>The host's schedules.</summary>
    public IReadOnlyList<ScheduleTimer> Timers { get; }

    /// <summary>
    /// Runs (or, for an asynchronous schedule, sends) the occurrence of schedule <paramref name="name"/>
    /// at <paramref name="occurrence"/>. The message id is derived from both, so triggering one
    /// occurrence twice is deduplicated by asynchronous consumers.
    /// </summary>
    public ValueTask TriggerAsync(string name, DateTimeOffset occurrence, CancellationToken cancellationToken = default)
    {
        var timer = Find(name);
        var headers = new MessageHeaders
        {
            [MessageHeaderNames.MessageId] = OccurrenceId(timer.Name, occurrence),
            [MessageHeaderNames.Timestamp] = occurrence,
        };
        return Ignore(_runtime.SendRoutedAsync(ScheduleRoutingKey(timer.Name), payload: null, headers, cancellationToken));
    }

    /// <summary>The message id of one occurrence: the same in every host.</summary>
    public static Guid OccurrenceId(string name, DateTimeOffset occurrence)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes($"estuary-schedule:{name}:{occurrence.UtcTicks}"), hash);

        // An RFC 9562 version 8 (custom) UUID built from the hash.
        hash[6] = (byte)((hash[6] & 0x0F) | 0x80);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash[..16], bigEndian: true);
    }

    internal static string ScheduleRoutingKey(string name) => "schedule:" + name;

    private ScheduleTimer Find(string name) =>
        Timers.FirstOrDefault(t => t.Name == name) ?? throw new NoHandlerException(
            $"No schedule named '{name}'. Schedules of this host: {(Timers.Count == 0 ? "none" : string.Join(", ", Timers.Select(static t => t.Name)))}.");

    private static async ValueTask Ignore(ValueTask<object?> pending) => await pending.ConfigureAwait(false);
}
