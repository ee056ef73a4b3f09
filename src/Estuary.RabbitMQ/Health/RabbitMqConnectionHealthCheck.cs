using System;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Estuary.RabbitMQ;

/// <summary>
/// Healthy while the host's connection to the broker is open. A connection not opened yet is opened by
/// the check (waiting at most <see cref="OpenTimeout"/>); one the client is recovering is unhealthy until it is back.
/// </summary>
internal sealed class RabbitMqConnectionHealthCheck(RabbitMqTransport transport) : IHealthCheck
{
    public static readonly TimeSpan OpenTimeout = TimeSpan.FromSeconds(5);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var broker = transport.Options.Uri.Host + ":" + transport.Options.Uri.Port;
        if (!transport.Connection.IsOpen)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(OpenTimeout);
            try
            {
                await transport.Connection.GetAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return new HealthCheckResult(context.Registration.FailureStatus, $"RabbitMQ at {broker} could not be reached within {OpenTimeout.TotalSeconds:0} s.");
            }
        }

        return transport.Connection.IsOpen
            ? HealthCheckResult.Healthy($"Connected to RabbitMQ at {broker}.")
            : new HealthCheckResult(context.Registration.FailureStatus, $"The connection to RabbitMQ at {broker} is closed; the client is recovering it.");
    }
}
