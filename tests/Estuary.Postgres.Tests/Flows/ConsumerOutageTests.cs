using System;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Estuary.Channels;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Xunit;

namespace Estuary.Postgres.Tests.Flows;

/// <summary>A consumer that cannot reach its queue keeps trying, and consumes again once the database answers.</summary>
public sealed class ConsumerOutageTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task Consumer_survives_an_outage_and_handles_what_arrives_afterwards()
    {
        await database.ScalarAsync<int>("CREATE TABLE IF NOT EXISTS {schema}.flow_effects (kind text NOT NULL, account text NOT NULL); SELECT 1");
        var application = "estuary-outage-" + Guid.NewGuid().ToString("N")[..12];
        var services = new ServiceCollection();
        var dataSource = new NpgsqlDataSourceBuilder(TestDatabase.ConnectionString + $";Search Path=\"{database.Schema}\";Application Name={application}").Build();
        services.AddEstuary(estuary => estuary
            .AddModule<PostgresFlowsModule>()
            .UsePostgres(dataSource, postgres =>
            {
                postgres.Options.SchemaName = database.Schema;
                postgres.AddChannel(AccountHandlers.Channel, consumer => consumer.PollInterval = TimeSpan.FromMilliseconds(100));
            }));
        await using var host = services.BuildServiceProvider();
        using var stop = new CancellationTokenSource();
        var consumer = host.GetRequiredService<EstuaryConsumers>().RunAsync(AccountHandlers.Channel, ConsumerLimits.None, stop.Token);

        // Sent from another data source: only the host's connections are killed.
        var producer = new PostgresQueueChannel(AccountHandlers.Channel, database.DataSource, database.Options);
        await producer.SendAsync(Audit("before"), CancellationToken.None);
        await WaitForEffectAsync("before");

        // An outage the consumer cannot miss: its queries fail while the table is away, and its
        // connections are killed on top.
        await database.ScalarAsync<int>("ALTER TABLE {schema}.queue RENAME TO queue_offline; SELECT 1");
        await database.ScalarAsync<long>("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = $1", application);
        await Task.Delay(600);
        Assert.False(consumer.IsCompleted, "The consumer stopped during the outage.");
        await database.ScalarAsync<int>("ALTER TABLE {schema}.queue_offline RENAME TO queue; SELECT 1");

        await producer.SendAsync(Audit("after"), CancellationToken.None);
        await WaitForEffectAsync("after");

        Assert.False(consumer.IsCompleted);
        await stop.CancelAsync();
        await consumer;
    }

    private async Task WaitForEffectAsync(string account)
    {
        for (var i = 0; i < 300; i++)
        {
            if (await database.ScalarAsync<long>("SELECT count(*) FROM {schema}.flow_effects WHERE kind = 'audited' AND account = $1", account) == 1)
            {
                return;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"The consumer did not handle the message for '{account}'.");
    }

    private static ChannelMessage Audit(string account) => new()
    {
        MessageId = Guid.NewGuid(),
        EndpointId = "accounts.audit",
        MessageName = typeof(AuditAccount).FullName,
        Payload = Encoding.UTF8.GetBytes($"{{\"AccountId\":\"{account}\"}}"),
    };
}
