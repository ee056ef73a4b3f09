using System;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Estuary;
using Estuary.Fixtures.KafkaAot;
using Estuary.Kafka;
using Estuary.Testing.Kafka;
using Microsoft.Extensions.DependencyInjection;

const int Accounts = 4;
const int Deposits = 10;
var clock = Stopwatch.StartNew();
var suffix = Guid.NewGuid().ToString("N")[..8];
var journal = new Journal();
var services = new ServiceCollection();
services.AddSingleton(journal);
services.AddEstuary(estuary => estuary
    .AddModule<KafkaAotModule>()
    .UseKafka(KafkaTestCluster.BootstrapServers, kafka =>
    {
        foreach (var name in new[] { Channels.Commands, Channels.Events })
        {
            kafka.AddChannel(name, channel =>
            {
                channel.Topic = name + "-" + suffix;
                channel.Consumer.Concurrency = 4;
                channel.Consumer.RunInHost = false;
                channel.Consumer.Retry = new RetryPolicy { InstantRetries = 0, DelayedRetries = 1, InitialDelay = TimeSpan.FromMilliseconds(200), Jitter = 0 };
                KafkaTestCluster.CreateTopics([channel.Topic, .. channel.RetryTopics], partitions: 3);
            });
        }
    }));
await using var provider = services.BuildServiceProvider();
Console.WriteLine($"Mock cluster at {KafkaTestCluster.BootstrapServers} ({clock.ElapsedMilliseconds} ms)");

var commands = provider.GetRequiredService<ICommandBus>();
for (var sequence = 1; sequence <= Deposits; sequence++)
{
    for (var account = 0; account < Accounts; account++)
    {
        await commands.SendAsync(new Deposit("account-" + account, sequence));
    }
}

Console.WriteLine($"Sent {Accounts * Deposits} deposits ({clock.ElapsedMilliseconds} ms)");
using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(60));
var consumers = provider.GetRequiredService<EstuaryConsumers>();
var runs = new[] { Channels.Commands, Channels.Events }.Select(name => consumers.RunAsync(name, ConsumerLimits.None, stop.Token)).ToArray();
while (journal.Count < Accounts * Deposits && !stop.IsCancellationRequested)
{
    await Task.Delay(20);
}

await stop.CancelAsync();
await Task.WhenAll(runs);
Console.WriteLine($"Handled {journal.Count} events ({clock.ElapsedMilliseconds} ms)");

// Deposit 3 of each account failed once and came back from a retry topic after the later ones: retried
// messages leave the order of their key. Every other deposit kept it.
var expected = Enumerable.Range(1, Deposits).Where(s => s != 3).ToArray();
var wrong = journal.Sequences().Where(p => !p.Value.Where(s => s != 3).SequenceEqual(expected) || p.Value.Count(s => s == 3) != 1).Select(p => p.Key).ToList();
if (journal.Count != Accounts * Deposits || wrong.Count > 0)
{
    Console.WriteLine($"FAILED: {journal.Count} of {Accounts * Deposits} events; out of order: {string.Join(", ", wrong)}");
    foreach (var (account, sequences) in journal.Sequences().OrderBy(p => p.Key))
    {
        Console.WriteLine($"  {account}: {string.Join(' ', sequences)}");
    }

    return 1;
}

Console.WriteLine("Kafka AOT worker finished.");
return 0;
