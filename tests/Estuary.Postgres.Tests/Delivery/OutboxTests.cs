using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Estuary.Channels;
using Estuary.Fixtures.Delivery;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Xunit;

namespace Estuary.Postgres.Tests.Delivery;

/// <summary>
/// Messages a Postgres delivery (or a PostgreSQL unit of work) sends to a channel outside its transaction
/// travel through the outbox: stored with the work, forwarded once it committed, kept until they arrive.
/// </summary>
public sealed class OutboxTests(TestDatabase database) : IClassFixture<TestDatabase>, IAsyncLifetime
{
    private readonly List<string> _schemas = [];
    private readonly List<ServiceProvider> _hosts = [];

    [Fact]
    public async Task A_message_for_a_channel_outside_the_transaction_is_forwarded_once_the_work_committed()
    {
        var host = CreateHost();
        await SendAsync(host, new SendOn("a", FailAfterSending: false));

        var run = await DrainAsync(host, DeliveryChannels.Work);

        Assert.Equal(1, run[DeliveryOutcome.Handled]);
        Assert.Equal(0, (await Outbox(host).StatusAsync()).Pending);
        Assert.Equal(1, (await DrainAsync(host, DeliveryChannels.Next))[DeliveryOutcome.Handled]);
        Assert.Equal(["received a"], host.GetRequiredService<DeliveryLog>().Entries);
    }

    [Fact]
    public async Task A_failed_handler_leaves_nothing_in_the_outbox()
    {
        var host = CreateHost();
        await SendAsync(host, new SendOn("b", FailAfterSending: true));

        var run = await DrainAsync(host, DeliveryChannels.Work);

        Assert.Equal(1, run[DeliveryOutcome.DeadLettered]);
        Assert.Equal(0, (await Outbox(host).StatusAsync()).Pending);
        Assert.Equal(0, (await DrainAsync(host, DeliveryChannels.Next)).Received);
    }

    [Fact]
    public async Task A_message_its_channel_refuses_stays_in_the_outbox_until_it_is_forwarded()
    {
        var refusing = new Refusal { On = true };
        var host = CreateHost(refusing);
        await SendAsync(host, new SendOn("c", FailAfterSending: false));

        var run = await DrainAsync(host, DeliveryChannels.Work);
        var stuck = await Outbox(host).StatusAsync();
        refusing.On = false;
        var forwarded = 0;
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (forwarded == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
            forwarded = await Outbox(host).ForwardDueAsync(10);
        }

        Assert.Equal(1, run[DeliveryOutcome.Handled]);
        Assert.Equal((1, 1, 1), (stuck.Pending, stuck.Failing, stuck.MostAttempts));
        Assert.Equal(1, forwarded);
        Assert.Equal(0, (await Outbox(host).StatusAsync()).Pending);
        Assert.Equal(1, (await DrainAsync(host, DeliveryChannels.Next))[DeliveryOutcome.Handled]);
    }

    [Fact]
    public async Task The_relay_forwards_what_a_writer_that_died_left_in_the_outbox()
    {
        var host = CreateHost(recovery: TimeSpan.Zero);
        var outbox = Outbox(host);
        var message = new ChannelMessage
        {
            MessageId = Guid.NewGuid(),
            EndpointId = "delivery.sent-on",
            MessageName = typeof(SentOn).FullName,
            Payload = Encoding.UTF8.GetBytes("""{"Label":"d"}"""),
        };

        // Stored and committed, never forwarded: what a writer killed right after its commit leaves.
        await using (var session = await PostgresSession.BeginAsync(database.DataSource, default))
        {
            await outbox.StoreAsync(session, [new OutgoingMessage(DeliveryChannels.Next, message)], default);
            await session.CommitAsync(default);
        }

        var relay = host.GetServices<IHostedService>().Single(s => s.GetType().Name == "OutboxRelay");
        await relay.StartAsync(default);
        try
        {
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (await ((IInspectableChannel)host.GetRequiredService<EstuaryConsumers>().Channel(DeliveryChannels.Next)).CountPendingAsync(default) == 0)
            {
                Assert.True(DateTime.UtcNow < deadline, "The relay did not forward the message.");
                await Task.Delay(50);
            }
        }
        finally
        {
            await relay.StopAsync(default);
        }

        Assert.Equal(0, (await outbox.StatusAsync()).Pending);
    }

    [Fact]
    public async Task The_relay_of_an_empty_outbox_sleeps_instead_of_asking_again_and_again()
    {
        var host = CreateHost(recovery: TimeSpan.FromSeconds(5));
        var schema = _schemas[^1];
        await new PostgresSchema(schema).EnsureCreatedAsync(database.DataSource, default);
        var statements = 0;

        // Npgsql traces every command it runs; count those on this host's outbox table.
        using var listener = new System.Diagnostics.ActivityListener
        {
            ShouldListenTo = source => source.Name == "Npgsql",
            Sample = (ref _) => System.Diagnostics.ActivitySamplingResult.AllData,
            ActivityStopped = activity =>
            {
                if (activity.DisplayName.Contains(schema, StringComparison.Ordinal) || activity.Tags.Any(t => t.Value?.Contains(schema + "\".outbox", StringComparison.Ordinal) == true))
                {
                    Interlocked.Increment(ref statements);
                }
            },
        };
        System.Diagnostics.ActivitySource.AddActivityListener(listener);

        var relay = host.GetServices<IHostedService>().Single(s => s.GetType().Name == "OutboxRelay");
        await relay.StartAsync(default);
        await Task.Delay(TimeSpan.FromSeconds(2));
        await relay.StopAsync(default);

        // One look (forward what is due, ask when the next row is due), then sleep: a few statements, not hundreds.
        Assert.InRange(statements, 1, 6);
    }

    [Fact]
    public async Task Work_in_a_PostgreSQL_unit_of_work_sends_through_the_outbox_and_nothing_when_it_rolls_back()
    {
        var host = CreateHost();
        var work = host.GetRequiredService<PostgresUnitOfWork>();
        var events = host.GetRequiredService<IEventBus>();

        await work.RunAsync(token => events.PublishAsync(new SentOn("e"), token).AsTask());
        await Assert.ThrowsAsync<InvalidOperationException>(() => work.RunAsync(async token =>
        {
            await events.PublishAsync(new SentOn("f"), token);
            throw new InvalidOperationException("rolled back");
        }));

        Assert.Equal(0, (await Outbox(host).StatusAsync()).Pending);
        await DrainAsync(host, DeliveryChannels.Next);
        Assert.Equal(["received e"], host.GetRequiredService<DeliveryLog>().Entries);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var host in _hosts)
        {
            await host.DisposeAsync();
        }

        foreach (var schema in _schemas)
        {
            await using var drop = database.DataSource.CreateCommand($"DROP SCHEMA IF EXISTS \"{schema}\" CASCADE");
            await drop.ExecuteNonQueryAsync();
        }
    }

    /// <summary>Work and errors on Postgres channels; the next channel in memory, so it cannot join a delivery's transaction.</summary>
    private ServiceProvider CreateHost(Refusal? refusal = null, TimeSpan? recovery = null)
    {
        var schema = "o_" + Guid.NewGuid().ToString("N");
        _schemas.Add(schema);
        var services = new ServiceCollection();
        services.AddSingleton<DeliveryLog>().AddSingleton<DeliveryGate>().AddSingleton<DeliverySwitch>().AddScoped<AttemptScoped>();
        services.AddEstuary(estuary => estuary
            .AddModule<DeliveryFixturesModule>()
            .UsePostgres(database.DataSource, postgres =>
            {
                postgres.Options.SchemaName = schema;
                postgres.Options.OutboxRecoveryDelay = recovery ?? TimeSpan.FromSeconds(5);
                postgres.AddChannel(DeliveryChannels.Work);
                postgres.AddChannel(DeliveryChannels.Errors);
            })
            .AddChannel(DeliveryChannels.Next, _ => new RefusingChannel(new InMemoryChannel(DeliveryChannels.Next), refusal ?? new Refusal())));
        var host = services.BuildServiceProvider();
        _hosts.Add(host);
        return host;
    }

    private static PostgresOutbox Outbox(IServiceProvider host) => host.GetRequiredService<PostgresOutbox>();

    private static Task SendAsync(IServiceProvider host, SendOn command) => host.GetRequiredService<ICommandBus>().SendAsync(command).AsTask();

    private static Task<ConsumerRunResult> DrainAsync(IServiceProvider host, string channel) =>
        host.GetRequiredService<EstuaryConsumers>().RunAsync(channel, new ConsumerLimits { StopWhenEmpty = true });

    private sealed class Refusal
    {
        public volatile bool On;
    }

    /// <summary>An in-memory channel that refuses sends while told to, as a broker that is down would.</summary>
    private sealed class RefusingChannel(InMemoryChannel inner, Refusal refusal) : IPollableChannel, IInspectableChannel
    {
        public string Name => inner.Name;

        public ValueTask SendAsync(ChannelMessage message, CancellationToken cancellationToken) =>
            refusal.On ? throw new InvalidOperationException("the broker is down") : inner.SendAsync(message, cancellationToken);

        public ValueTask<IChannelDelivery?> ReceiveAsync(TimeSpan wait, CancellationToken cancellationToken) => inner.ReceiveAsync(wait, cancellationToken);

        public ValueTask<long> CountPendingAsync(CancellationToken cancellationToken) => inner.CountPendingAsync(cancellationToken);
    }
}
