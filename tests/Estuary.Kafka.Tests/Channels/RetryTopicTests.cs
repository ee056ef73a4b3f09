using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Estuary.Testing.Kafka;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Estuary.Kafka.Tests.Channels;

/// <summary>
/// A failing message is retried through the channel's retry topics, then dead-lettered (in the host's dead
/// letter, or the channel's dead-letter topic), while the messages behind it in its partition go on.
/// </summary>
public sealed class RetryTopicTests : IAsyncLifetime
{
    private static readonly RetryPolicy s_twoQuickRetries = new() { InstantRetries = 0, DelayedRetries = 2, InitialDelay = TimeSpan.FromMilliseconds(250), Multiplier = 1, Jitter = 0 };

    private readonly List<ServiceProvider> _hosts = [];
    private readonly string _topic = KafkaTestCluster.Unique("retried");

    [Fact]
    public async Task A_failing_message_waits_in_the_retry_topic_twice_then_goes_to_the_dead_letter_while_the_next_message_is_handled()
    {
        var host = Host(deadLetterTopic: null);
        await SendAsync(host, "x", "still broken");
        await SendAsync(host, "next", reason: string.Empty);

        var dead = await ConsumeUntilAsync(host, async () => await host.GetRequiredService<DeadLetters>().CountAsync() == 1);

        Assert.Equal(["failing x", "handled next", "failing x", "failing x"], dead.Log);
        var entry = Assert.Single(await host.GetRequiredService<DeadLetters>().ListAsync());
        Assert.Equal("still broken", entry.Reason);
        Assert.Equal(3, entry.Message.Attempts);
        var retries = KafkaRecords.ReadAll(_topic + ".retry.300ms");
        Assert.Equal(["1", "2"], retries.Select(r => KafkaRecords.Header(r, "attempts")));
        Assert.All(retries, r => Assert.NotNull(KafkaRecords.Header(r, "available-at")));
        Assert.Empty(KafkaRecords.ReadAll(_topic + ".retry.5s"));
    }

    [Fact]
    public async Task With_a_dead_letter_topic_the_failed_record_goes_there_with_its_reason_and_not_to_the_hosts_dead_letter()
    {
        var deadLetterTopic = _topic + ".dead";
        KafkaTestCluster.CreateTopic(deadLetterTopic, 1);
        var host = Host(deadLetterTopic);
        await SendAsync(host, "y", "broken for good");

        await ConsumeUntilAsync(host, () => Task.FromResult(KafkaRecords.ReadAll(deadLetterTopic).Count == 1));

        var record = Assert.Single(KafkaRecords.ReadAll(deadLetterTopic));
        Assert.Equal("broken for good", KafkaRecords.Header(record, "failure-reason"));
        Assert.Equal(FragileHandler.Channel, KafkaRecords.Header(record, "failed-channel"));
        Assert.Equal("kafka.fragile", KafkaRecords.Header(record, "endpoint-id"));
        Assert.Equal("""{"Label":"y","Reason":"broken for good"}""", record.Message.Value);
        Assert.Equal(0, await host.GetRequiredService<DeadLetters>().CountAsync());
    }

    private ServiceProvider Host(string? deadLetterTopic)
    {
        var host = TestModuleHost.Create((name, channel) =>
        {
            if (name != FragileHandler.Channel)
            {
                return;
            }

            channel.Topic = _topic;
            channel.GroupId = _topic;
            channel.RetryDelays.Clear();
            channel.RetryDelays.Add(TimeSpan.FromMilliseconds(300));
            channel.RetryDelays.Add(TimeSpan.FromSeconds(5));
            channel.DeadLetterTopic = deadLetterTopic;
            channel.Consumer.Retry = s_twoQuickRetries;
            KafkaTestCluster.CreateTopics([_topic, .. channel.RetryTopics], partitions: 1);
        });
        _hosts.Add(host);
        return host;
    }

    private static ValueTask SendAsync(IServiceProvider host, string label, string reason) =>
        host.GetRequiredService<ICommandBus>().SendAsync(new Fragile(label, reason));

    /// <summary>Runs the fragile channel's consumer until <paramref name="done"/> holds; returns what the handlers logged.</summary>
    private static async Task<(string[] Log, ConsumerRunResult Run)> ConsumeUntilAsync(IServiceProvider host, Func<Task<bool>> done)
    {
        using var stop = new CancellationTokenSource();
        var run = host.GetRequiredService<EstuaryConsumers>().RunAsync(FragileHandler.Channel, new ConsumerLimits(), stop.Token);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!await done())
        {
            Assert.True(DateTime.UtcNow < deadline, "Timed out waiting for the message to be dead-lettered.");
            await Task.Delay(50);
        }

        await stop.CancelAsync();
        return (host.GetRequiredService<FragileLog>().Entries, await run);
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
