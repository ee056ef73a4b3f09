using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Estuary.Channels;
using Estuary.Fixtures.Delivery;
using Estuary.Postgres;
using Estuary.Testing.Postgres;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Xunit;
using Xunit.Abstractions;

namespace Estuary.RabbitMQ.Tests.Reliability;

/// <summary>Tests that stop the broker: alone, after every other test of the project, which they would disturb.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class BrokerRestarts
{
    public const string Name = "broker restarts";
}

/// <summary>
/// The broker restarts while a producer sends through the outbox and a consumer handles: a ledger of
/// what was committed on the producing side and what the handler did shows nothing lost and nothing
/// handled twice, and the consumer goes on by itself.
/// </summary>
[Collection(BrokerRestarts.Name)]
public sealed class BrokerRestartTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Messages = 600;

    private readonly string _queue = TestBroker.Unique("restart");
    private readonly string _schema = "rr_" + Guid.NewGuid().ToString("N");
    private NpgsqlDataSource _dataSource = null!;

    [Fact]
    public async Task Every_committed_message_is_handled_exactly_once_across_a_broker_restart_and_the_consumer_resumes_by_itself()
    {
        await using var host = CreateHost();
        var log = host.GetRequiredService<DeliveryLog>();
        var outbox = host.GetRequiredService<IOutbox>();
        using var stop = new CancellationTokenSource();

        // What a host runs in the background: the consumer, and the relay forwarding what the writers could not.
        var consuming = host.GetRequiredService<EstuaryConsumers>().RunAsync(DeliveryChannels.Work, new ConsumerLimits(), stop.Token, stop.Token);
        var relaying = RelayAsync(outbox, stop.Token);

        var committed = new List<int>();
        var producing = Task.Run(async () =>
        {
            var unitOfWork = host.GetRequiredService<PostgresUnitOfWork>();
            var commands = host.GetRequiredService<ICommandBus>();
            for (var i = 0; i < Messages; i++)
            {
                // Committed with the outbox row: from here on the message must reach the handler.
                await unitOfWork.RunAsync(async token => await commands.SendAsync(new Ranked(i.ToString(System.Globalization.CultureInfo.InvariantCulture)), token));
                lock (committed)
                {
                    committed.Add(i);
                }
            }
        });

        await Eventually(() => log.Entries.Length >= Messages / 3, "a third of the messages are handled", 60);
        var channel = host.GetRequiredService<RabbitMqTransport>().Channels.Single(c => c.Name == DeliveryChannels.Work);
        var subscriptionsBefore = channel.Subscriptions;
        await RestartBrokerAsync();

        await producing.WaitAsync(TimeSpan.FromSeconds(120));
        await Eventually(() => log.Entries.Length >= Messages, "every committed message is handled", 120);
        await Task.Delay(TimeSpan.FromSeconds(2)); // a duplicate handling would show up by now
        await stop.CancelAsync();
        await consuming.WaitAsync(TimeSpan.FromSeconds(30));
        await relaying;

        var handled = log.Entries.Select(e => int.Parse(e["ranked ".Length..], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        var twice = handled.GroupBy(i => i).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        var missing = committed.Except(handled).ToList();
        output.WriteLine($"handled {handled.Count}, committed {committed.Count}, subscriptions {subscriptionsBefore} -> {channel.Subscriptions}");
        Assert.Equal(Messages, committed.Count);
        Assert.Empty(missing);
        Assert.Empty(twice);
        Assert.True(channel.Subscriptions > subscriptionsBefore, "the consumer did not subscribe again after the restart");
        Assert.Equal(0, (await outbox.StatusAsync(default)).Pending);
    }

    private ServiceProvider CreateHost()
    {
        var services = FixtureHost.Services(estuary => estuary
            .UsePostgres(_dataSource, postgres => postgres.Options.SchemaName = _schema)
            .UseRabbitMq(TestBroker.Factory.Uri.ToString(), rabbit =>
            {
                rabbit.Options.PublishTimeout = TimeSpan.FromSeconds(3);
                rabbit.AddChannel(DeliveryChannels.Work, channel =>
                {
                    channel.Queue = _queue;
                    channel.Consumer.Concurrency = 4;
                    channel.Consumer.PollInterval = TimeSpan.FromMilliseconds(200);
                });
            }));
        return services.BuildServiceProvider();
    }

    private static async Task RelayAsync(IOutbox outbox, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await outbox.ForwardDueAsync(100, stop);
                await Task.Delay(200, stop);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
        }
    }

    // stop_app closes every connection and stops the broker's queues (durable queues and persistent
    // messages survive, as across a restart of the server); start_app brings them back.
    private async Task RestartBrokerAsync()
    {
        await RabbitMqCtlAsync("stop_app");
        output.WriteLine("broker stopped");
        await Task.Delay(TimeSpan.FromSeconds(3));
        await RabbitMqCtlAsync("start_app");
        output.WriteLine("broker started");
    }

    private static async Task RabbitMqCtlAsync(string command)
    {
        using var process = Process.Start(new ProcessStartInfo("rabbitmqctl", ["-q", "-n", "rabbit@localhost", command]) { RedirectStandardOutput = true, RedirectStandardError = true })
            ?? throw new InvalidOperationException("rabbitmqctl could not be started");
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"rabbitmqctl {command} failed: {await process.StandardError.ReadToEndAsync()}");
        }
    }

    private static async Task Eventually(Func<bool> condition, string what, int seconds)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new Xunit.Sdk.XunitException($"Timed out waiting until {what}.");
            }

            await Task.Delay(100);
        }
    }

    public Task InitializeAsync()
    {
        _dataSource = TestDatabase.Open();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _dataSource.DropSchemaAsync(_schema);

        await _dataSource.DisposeAsync();
        await using var connection = await TestBroker.Factory.CreateConnectionAsync();
        await using var admin = await connection.CreateChannelAsync();
        await admin.QueueDeleteAsync(_queue, ifUnused: false, ifEmpty: false);
    }
}
