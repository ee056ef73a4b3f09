using System;
using System.Linq;
using Estuary.Channels;
using Estuary.Kafka.Tests.Channels;
using Estuary.Kafka.Tests.Ordering;
using Estuary.Testing.Kafka;
using Microsoft.Extensions.DependencyInjection;

namespace Estuary.Kafka.Tests;

/// <summary>
/// A host of this project's module (<c>KafkaTestsModule</c>): each of its channels a Kafka topic, named
/// uniquely for the test unless <c>configure</c> says otherwise, consumed only when the test runs it. A
/// channel given in <c>instead</c> takes the place of the Kafka channel of its name.
/// </summary>
internal static class TestModuleHost
{
    public static readonly string[] Channels = [LedgerChannels.Commands, LedgerChannels.Events, FragileHandler.Channel, ForeignRecords.Channel];

    public static ServiceProvider Create(Action<string, KafkaChannelOptions> configure, Action<IServiceCollection>? services = null, IMessageChannel? instead = null)
    {
        var collection = new ServiceCollection();
        collection.AddSingleton<PostingLog>().AddSingleton<FragileLog>();
        services?.Invoke(collection);
        collection.AddEstuary(estuary =>
        {
            estuary.AddModule<KafkaTestsModule>();
            if (instead is not null)
            {
                estuary.AddChannel(instead.Name, _ => instead, consumer => consumer.RunInHost = false);
            }

            estuary.UseTestKafka(kafka =>
            {
                foreach (var name in Channels.Where(name => name != instead?.Name))
                {
                    kafka.AddChannel(name, channel =>
                    {
                        channel.Topic = KafkaTestCluster.Unique(name);
                        channel.GroupId = channel.Topic;
                        channel.Consumer.RunInHost = false;
                        configure(name, channel);
                    });
                }
            });
        });
        return collection.BuildServiceProvider();
    }
}
