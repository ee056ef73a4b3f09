using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Estuary.Channels;
using Estuary.Testing.Kafka;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Estuary.Kafka.Tests.Ordering;

/// <summary>
/// Messages to one aggregate, and the events it records, are keyed by its identifier: on topics of several
/// partitions read by several consumers handling several messages at once, each ledger's postings are
/// handled in the order they were sent, while different ledgers are handled in parallel.
/// </summary>
public sealed class PartitionOrderTests : IAsyncLifetime
{
    private readonly List<ServiceProvider> _hosts = [];
    private readonly string _commands = KafkaTestCluster.Unique("ledger-commands");
    private readonly string _events = KafkaTestCluster.Unique("ledger-events");
    private readonly string _group = KafkaTestCluster.Unique("ledgers");

    [Fact]
    public async Task Two_consumers_of_six_partitions_handle_each_ledgers_commands_and_events_in_the_order_they_were_sent()
    {
        const int Ledgers = 12;
        const int Postings = 15;
        KafkaTestCluster.CreateTopic(_commands, 6);
        KafkaTestCluster.CreateTopic(_events, 6);
        var log = new PostingLog { HandlerMilliseconds = 2 };
        var first = Host(log, concurrency: 4);
        var second = Host(log, concurrency: 4);
        using var stop = new CancellationTokenSource();
        var runs = new List<Task>();
        foreach (var host in new[] { first, second })
        {
            foreach (var channel in new[] { LedgerChannels.Commands, LedgerChannels.Events })
            {
                runs.Add(host.GetRequiredService<EstuaryConsumers>().RunAsync(channel, new ConsumerLimits(), stop.Token));
            }
        }

        // Both members share each topic before anything is sent, so no partition moves during the test.
        foreach (var host in new[] { first, second })
        {
            await KafkaHosts.OwnsAsync(host, LedgerChannels.Commands, 1);
            await KafkaHosts.OwnsAsync(host, LedgerChannels.Events, 1);
        }

        var bus = first.GetRequiredService<ICommandBus>();
        for (var sequence = 1; sequence <= Postings; sequence++)
        {
            for (var ledger = 0; ledger < Ledgers; ledger++)
            {
                await bus.SendAsync(new Post("ledger-" + ledger, sequence));
            }
        }

        await KafkaHosts.EventuallyAsync(() => log.Count("event") == Ledgers * Postings, "every posting's event is handled");
        await stop.CancelAsync();
        await Task.WhenAll(runs);

        Assert.Equal(Ledgers * Postings, log.Count("command"));
        var inOrder = Enumerable.Range(1, Postings).ToArray();
        for (var ledger = 0; ledger < Ledgers; ledger++)
        {
            Assert.Equal(inOrder, log.Handled("command", "ledger-" + ledger));
            Assert.Equal(inOrder, log.Handled("event", "ledger-" + ledger));
        }

        Assert.True(log.MostAtOnce > 1, "different ledgers were never handled at once");
        Assert.Equal(1, log.MostAtOnceForOneLedger);
    }

    [Fact]
    public async Task A_command_to_a_ledger_and_the_event_it_records_are_both_keyed_by_the_ledger()
    {
        KafkaTestCluster.CreateTopic(_commands, 4);
        KafkaTestCluster.CreateTopic(_events, 4);
        var log = new PostingLog();
        var host = Host(log, concurrency: 1);
        await host.GetRequiredService<ICommandBus>().SendAsync(new Post("ledger-k", 1));
        await host.GetRequiredService<EstuaryConsumers>().RunAsync(LedgerChannels.Commands, new ConsumerLimits { StopWhenEmpty = true });

        Assert.Equal("ledger-k", Assert.Single(KafkaRecords.ReadAll(_commands)).Message.Key);
        var @event = Assert.Single(KafkaRecords.ReadAll(_events));
        Assert.Equal("ledger-k", @event.Message.Key);
        Assert.Equal(typeof(Posted).FullName, KafkaRecords.Header(@event, "message-name"));
    }

    [Fact]
    public async Task One_partition_handled_eight_at_a_time_keeps_each_ledger_in_order()
    {
        const int Ledgers = 4;
        const int Postings = 20;
        KafkaTestCluster.CreateTopic(_commands, 1);
        KafkaTestCluster.CreateTopic(_events, 1);
        var log = new PostingLog { HandlerMilliseconds = 10 };
        var host = Host(log, concurrency: 8);
        var bus = host.GetRequiredService<ICommandBus>();
        for (var sequence = 1; sequence <= Postings; sequence++)
        {
            for (var ledger = 0; ledger < Ledgers; ledger++)
            {
                await bus.SendAsync(new Post("ledger-" + ledger, sequence));
            }
        }

        var run = await host.GetRequiredService<EstuaryConsumers>().RunAsync(LedgerChannels.Commands, new ConsumerLimits { StopWhenEmpty = true });

        Assert.Equal(Ledgers * Postings, run[DeliveryOutcome.Handled]);
        for (var ledger = 0; ledger < Ledgers; ledger++)
        {
            Assert.Equal(Enumerable.Range(1, Postings), log.Handled("command", "ledger-" + ledger));
        }

        // One partition, yet the four ledgers were handled side by side, each one posting at a time.
        Assert.Equal(Ledgers, log.MostAtOnce);
        Assert.Equal(1, log.MostAtOnceForOneLedger);
    }

    [Fact]
    public async Task A_ledgers_next_command_starts_only_after_the_events_of_the_one_before_went_out()
    {
        // Without a database the events go out after the command's record is acknowledged; the first
        // takes 300 ms to leave. Were the next command handed out at the acknowledgement, its event would
        // leave first, with eight handlers free to take it.
        KafkaTestCluster.CreateTopic(_commands, 1);
        var events = new SlowFirstSendChannel(LedgerChannels.Events, TimeSpan.FromMilliseconds(300));
        var host = Host(new PostingLog(), concurrency: 8, events);
        var bus = host.GetRequiredService<ICommandBus>();
        for (var sequence = 1; sequence <= 3; sequence++)
        {
            await bus.SendAsync(new Post("ledger-slow", sequence));
        }

        var run = await host.GetRequiredService<EstuaryConsumers>().RunAsync(LedgerChannels.Commands, new ConsumerLimits { StopWhenEmpty = true });

        Assert.Equal(3, run[DeliveryOutcome.Handled]);
        Assert.Equal([1, 2, 3], events.SentSequences);
    }

    private ServiceProvider Host(PostingLog log, int concurrency, IMessageChannel? events = null)
    {
        var host = TestModuleHost.Create(
            (name, channel) =>
            {
                channel.Consumer.Concurrency = concurrency;
                (channel.Topic, channel.GroupId) = name switch
                {
                    LedgerChannels.Commands => (_commands, _group + "-commands"),
                    LedgerChannels.Events => (_events, _group + "-events"),
                    _ => (channel.Topic, channel.GroupId),
                };
            },
            services => services.AddSingleton(log),
            events);
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
