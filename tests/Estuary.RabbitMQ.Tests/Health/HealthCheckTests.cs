using System;
using System.Threading;
using System.Threading.Tasks;
using Estuary.Fixtures.Delivery;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Xunit;

namespace Estuary.RabbitMQ.Tests.Health;

/// <summary>The health checks of the connection and of each channel's consumer, against the real broker.</summary>
public sealed class HealthCheckTests(TestBroker broker) : IClassFixture<TestBroker>
{
    [Fact]
    public async Task Each_consumer_reports_whether_it_receives_and_turns_unhealthy_when_its_queue_is_deleted_under_it()
    {
        var queue = TestBroker.Unique("health");
        await using var host = CreateHost(TestBroker.Factory.Uri.ToString(), queue);
        var health = host.GetRequiredService<HealthCheckService>();

        var before = await health.CheckHealthAsync();
        Assert.Equal(HealthStatus.Healthy, before.Entries["estuary-rabbitmq"].Status);
        Assert.Equal(HealthStatus.Degraded, before.Entries["estuary-rabbitmq-" + DeliveryChannels.Work].Status);

        using var stop = new CancellationTokenSource();
        var running = host.GetRequiredService<EstuaryConsumers>().RunAsync(DeliveryChannels.Work, new ConsumerLimits(), stop.Token, stop.Token);
        await StatusBecomesAsync(health, HealthStatus.Healthy);

        await broker.Admin.QueueDeleteAsync(queue, ifUnused: false, ifEmpty: false);
        var unhealthy = await StatusBecomesAsync(health, HealthStatus.Unhealthy);
        Assert.Contains($"queue '{queue}' ended", unhealthy.Description, StringComparison.Ordinal);

        await stop.CancelAsync();
        await running.WaitAsync(TimeSpan.FromSeconds(30));
        await StatusBecomesAsync(health, HealthStatus.Degraded);
    }

    [Fact]
    public async Task The_connection_check_is_unhealthy_when_the_broker_cannot_be_reached()
    {
        await using var host = CreateHost("amqp://guest:guest@127.0.0.1:1/", TestBroker.Unique("unreachable"));

        var report = await host.GetRequiredService<HealthCheckService>().CheckHealthAsync(registration => registration.Name == "estuary-rabbitmq");

        Assert.Equal(HealthStatus.Unhealthy, report.Entries["estuary-rabbitmq"].Status);
        Assert.Contains("could not be reached", report.Entries["estuary-rabbitmq"].Description, StringComparison.Ordinal);
    }

    private static ServiceProvider CreateHost(string uri, string queue)
    {
        var services = FixtureHost.Services(estuary => estuary.UseRabbitMq(uri, rabbit => rabbit.AddChannel(DeliveryChannels.Work, channel =>
        {
            channel.Queue = queue;
            channel.Consumer.PollInterval = TimeSpan.FromMilliseconds(200);
        })));
        services.AddLogging();
        services.AddHealthChecks().AddEstuaryRabbitMq();
        return services.BuildServiceProvider();
    }

    private static async Task<HealthReportEntry> StatusBecomesAsync(HealthCheckService health, HealthStatus status)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var entry = (await health.CheckHealthAsync(registration => registration.Name == "estuary-rabbitmq-" + DeliveryChannels.Work)).Entries["estuary-rabbitmq-" + DeliveryChannels.Work];
            if (entry.Status == status)
            {
                return entry;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new Xunit.Sdk.XunitException($"The consumer's health stayed {entry.Status} ({entry.Description}) instead of becoming {status}.");
            }

            await Task.Delay(100);
        }
    }
}
