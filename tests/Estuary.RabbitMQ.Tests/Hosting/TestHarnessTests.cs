using System.Threading.Tasks;
using Estuary.Fixtures.Delivery;
using Estuary.Testing;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Estuary.RabbitMQ.Tests.Hosting;

/// <summary>The flow-testing harness with a RabbitMQ channel: the test sends, runs the channel's consumer when it chooses, and reads the outcome.</summary>
public sealed class TestHarnessTests(TestBroker broker) : IClassFixture<TestBroker>
{
    [Fact]
    public async Task A_test_host_runs_a_RabbitMQ_channel_on_demand_with_retries_and_the_dead_letter()
    {
        var queue = TestBroker.Unique("harness");
        await using (var flow = EstuaryTestHost.Create<DeliveryFixturesModule>(
            estuary => estuary.UseRabbitMq(TestBroker.Factory.Uri.ToString(), rabbit => rabbit.AddChannel(DeliveryChannels.Work, channel =>
            {
                channel.Queue = queue;
                channel.Consumer.Retry = RetryPolicy.None;
            })),
            services => services.AddSingleton<DeliveryLog>().AddSingleton<DeliveryGate>().AddSingleton<DeliverySwitch>().AddSingleton<DeliveryMeeting>().AddScoped<AttemptScoped>()))
        {
            await flow.Commands.SendAsync(new Ranked("through the broker"));
            await flow.Commands.SendAsync(new AlwaysFail("f", "declined"));
            Assert.Equal(2, (int)(await broker.Admin.QueueDeclarePassiveAsync(queue)).MessageCount);

            var run = await flow.RunAsync(DeliveryChannels.Work);

            Assert.Equal(1, run[DeliveryOutcome.Handled]);
            Assert.Equal(1, run[DeliveryOutcome.DeadLettered]);
            Assert.Equal(["ranked through the broker", "failing f"], flow.Get<DeliveryLog>().Entries);
            Assert.Equal("declined", Assert.Single(await flow.DeadLetters.ListAsync()).Reason);
            Assert.Equal(0u, (await broker.Admin.QueueDeclarePassiveAsync(queue)).MessageCount);
        }

        await broker.Admin.QueueDeleteAsync(queue, ifUnused: false, ifEmpty: false);
    }
}
