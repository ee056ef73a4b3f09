using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Estuary.Kafka.Tests.Channels;
using Estuary.Kafka.Tests.Ordering;
using Estuary.Testing.Kafka;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Xunit;

namespace Estuary.Kafka.Tests.Health;

/// <summary>The health checks of the cluster and of each channel's consumer, on the mock cluster.</summary>
public sealed class HealthCheckTests : IAsyncLifetime
{
    private readonly List<ServiceProvider> _hosts = [];

    [Fact]
    public async Task The_cluster_check_is_healthy_when_the_cluster_answers_and_unhealthy_when_it_cannot_be_reached()
    {
        var reachable = await Host(KafkaTestCluster.BootstrapServers).GetRequiredService<HealthCheckService>().CheckHealthAsync(r => r.Name == "estuary-kafka");
        var unreachable = await Host("127.0.0.1:1").GetRequiredService<HealthCheckService>().CheckHealthAsync(r => r.Name == "estuary-kafka");

        Assert.Equal(HealthStatus.Healthy, reachable.Entries["estuary-kafka"].Status);
        Assert.Equal(3, reachable.Entries["estuary-kafka"].Data["brokers"]);
        Assert.Equal(HealthStatus.Unhealthy, unreachable.Entries["estuary-kafka"].Status);
        Assert.Contains("could not be reached", unreachable.Entries["estuary-kafka"].Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_consumer_is_degraded_until_a_run_makes_it_a_member_that_owns_partitions()
    {
        var host = Host(KafkaTestCluster.BootstrapServers);
        var health = host.GetRequiredService<HealthCheckService>();
        var name = "estuary-kafka-" + LedgerChannels.Commands;
        var before = await health.CheckHealthAsync(r => r.Name == name);
        Assert.Equal(HealthStatus.Degraded, before.Entries[name].Status);

        using var stop = new CancellationTokenSource();
        var running = host.GetRequiredService<EstuaryConsumers>().RunAsync(LedgerChannels.Commands, new ConsumerLimits(), stop.Token);
        await KafkaHosts.OwnsAsync(host, LedgerChannels.Commands, 1);
        var during = (await health.CheckHealthAsync(r => r.Name == name)).Entries[name];
        await stop.CancelAsync();
        await running;

        Assert.Equal(HealthStatus.Healthy, during.Status);
        Assert.True((int)during.Data["partitions"] >= 1);
        Assert.Contains("receives from", during.Description, StringComparison.Ordinal);
    }

    /// <summary>This project's module with every channel a Kafka topic of <paramref name="servers"/>, and the Kafka health checks.</summary>
    private ServiceProvider Host(string servers)
    {
        var services = new ServiceCollection();
        services.AddSingleton<PostingLog>().AddSingleton<FragileLog>();
        services.AddEstuary(estuary => estuary.AddModule<KafkaTestsModule>().UseKafka(servers, kafka =>
        {
            kafka.Options.Consumer["heartbeat.interval.ms"] = "500";
            kafka.Options.Consumer["session.timeout.ms"] = "6000";
            foreach (var channel in TestModuleHost.Channels)
            {
                kafka.AddChannel(channel, options =>
                {
                    options.Topic = KafkaTestCluster.Unique(channel);
                    options.GroupId = options.Topic;
                    options.Consumer.RunInHost = false;
                    if (servers == KafkaTestCluster.BootstrapServers)
                    {
                        KafkaTestCluster.CreateTopics([options.Topic, .. options.RetryTopics], partitions: 2);
                    }
                });
            }
        }));
        services.AddLogging();
        services.AddHealthChecks().AddEstuaryKafka();
        var host = services.BuildServiceProvider();
        _hosts.Add(host);
        return host;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var host in _hosts)
        {
            await host.DisposeAsync();
        }
    }
}
