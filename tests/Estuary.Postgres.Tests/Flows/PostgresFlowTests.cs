using System;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Estuary.Channels;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Xunit;

namespace Estuary.Postgres.Tests.Flows;

/// <summary>Generated handlers consuming a real Postgres channel: the outbox, dead letter and deduplication in the delivery's transaction.</summary>
public sealed class PostgresFlowTests(TestDatabase database) : IClassFixture<TestDatabase>, IAsyncLifetime
{
    private ServiceProvider _host = null!;

    public async Task InitializeAsync()
    {
        await using (var create = database.DataSource.CreateCommand($"CREATE TABLE IF NOT EXISTS \"{database.Schema}\".flow_effects (kind text NOT NULL, account text NOT NULL)"))
        {
            await create.ExecuteNonQueryAsync();
        }

        var services = new ServiceCollection();

        // Handlers write to an unqualified table: the connections search the test schema first.
        var dataSource = new NpgsqlDataSourceBuilder(TestDatabase.ConnectionString + $";Search Path=\"{database.Schema}\"").Build();
        services.AddEstuary(estuary => estuary
            .AddModule<PostgresFlowsModule>()
            .UsePostgres(dataSource, postgres =>
            {
                postgres.Options.SchemaName = database.Schema;
                postgres.AddChannel(AccountHandlers.Channel, consumer => consumer.Retry = RetryPolicy.None);
            }));
        _host = services.BuildServiceProvider();
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Handler_that_commits_writes_its_effect_and_delivers_what_it_sent_exactly_once()
    {
        await Commands.SendAsync(new OpenAccount("a-1", FailAfterSending: false));

        var run = await DrainAsync();

        Assert.Equal(3, run[DeliveryOutcome.Handled]);
        Assert.Equal(1L, await EffectsAsync("opened", "a-1"));
        Assert.Equal(1L, await EffectsAsync("welcomed", "a-1"));
        Assert.Equal(1L, await EffectsAsync("audited", "a-1"));
        Assert.Equal(0L, await database.QueuedAsync(AccountHandlers.Channel));
    }

    [Fact]
    public async Task Handler_that_sends_and_then_throws_leaves_no_effect_and_no_sent_message()
    {
        await Commands.SendAsync(new OpenAccount("a-2", FailAfterSending: true));

        var run = await DrainAsync();

        Assert.Equal(1, run[DeliveryOutcome.DeadLettered]);
        Assert.Equal(0L, await EffectsAsync("opened", "a-2"));
        Assert.Equal(0L, await EffectsAsync("welcomed", "a-2"));
        Assert.Equal(0L, await EffectsAsync("audited", "a-2"));
        Assert.Equal(0L, await database.QueuedAsync(AccountHandlers.Channel));
        Assert.Equal(1L, await database.ScalarAsync<long>("SELECT count(*) FROM {schema}.dead_letter WHERE endpoint_id = 'accounts.open'"));
    }

    [Fact]
    public async Task Redelivered_message_id_has_no_second_effect()
    {
        var channel = _host.GetRequiredService<EstuaryConsumers>().Channel(AccountHandlers.Channel);
        var message = new ChannelMessage
        {
            MessageId = Guid.NewGuid(),
            EndpointId = "accounts.audit",
            MessageName = typeof(AuditAccount).FullName,
            Payload = Encoding.UTF8.GetBytes("{\"AccountId\":\"a-3\"}"),
        };
        await channel.SendAsync(message, CancellationToken.None);
        await channel.SendAsync(message, CancellationToken.None);

        var run = await DrainAsync();

        Assert.Equal(1, run[DeliveryOutcome.Handled]);
        Assert.Equal(1, run[DeliveryOutcome.Duplicate]);
        Assert.Equal(1L, await EffectsAsync("audited", "a-3"));
    }

    [Fact]
    public async Task Poison_messages_go_to_the_Postgres_dead_letter_with_their_reason_and_the_consumer_goes_on()
    {
        var channel = _host.GetRequiredService<EstuaryConsumers>().Channel(AccountHandlers.Channel);
        var deadLetters = _host.GetRequiredService<DeadLetters>();
        var before = await deadLetters.CountAsync();
        await channel.SendAsync(Raw("accounts.audit", typeof(AuditAccount).FullName, "not json"), CancellationToken.None);
        await channel.SendAsync(Raw("accounts.audit", "who.knows", "{}"), CancellationToken.None);
        await channel.SendAsync(Raw("accounts.gone", typeof(AuditAccount).FullName, "{}"), CancellationToken.None);
        await channel.SendAsync(Raw("accounts.audit", typeof(AuditAccount).FullName, "{\"AccountId\":\"a-4\"}"), CancellationToken.None);

        var run = await DrainAsync();

        Assert.Equal(3, run[DeliveryOutcome.DeadLettered]);
        Assert.Equal(1, run[DeliveryOutcome.Handled]);
        Assert.Equal(before + 3, await deadLetters.CountAsync());
        var reasons = string.Join("\n", (await deadLetters.ListAsync()).Select(d => d.Reason));
        Assert.Contains("not valid JSON", reasons, StringComparison.Ordinal);
        Assert.Contains("Unknown message name 'who.knows'", reasons, StringComparison.Ordinal);
        Assert.Contains("No asynchronous endpoint 'accounts.gone'", reasons, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bus_call_in_a_Postgres_unit_of_work_sends_through_the_outbox_only_when_it_commits()
    {
        var postgres = _host.GetRequiredService<PostgresUnitOfWork>();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => postgres.RunAsync(async token =>
        {
            await Commands.SendAsync(new AuditAccount("a-5"), token);
            throw new InvalidOperationException("changed my mind");
        }));
        Assert.Equal("changed my mind", error.Message);
        Assert.Equal(0L, await database.QueuedAsync(AccountHandlers.Channel));

        await postgres.RunAsync(token => Commands.SendAsync(new AuditAccount("a-6"), token).AsTask());
        Assert.Equal(1L, await database.QueuedAsync(AccountHandlers.Channel));
        await DrainAsync();
        Assert.Equal(1L, await EffectsAsync("audited", "a-6"));
    }

    private ICommandBus Commands => _host.GetRequiredService<ICommandBus>();

    private Task<ConsumerRunResult> DrainAsync() =>
        _host.GetRequiredService<EstuaryConsumers>().RunAsync(AccountHandlers.Channel, new ConsumerLimits { StopWhenEmpty = true });

    private Task<long> EffectsAsync(string kind, string account) =>
        database.ScalarAsync<long>("SELECT count(*) FROM {schema}.flow_effects WHERE kind = $1 AND account = $2", kind, account);

    private static ChannelMessage Raw(string endpointId, string? name, string json) => new()
    {
        MessageId = Guid.NewGuid(),
        EndpointId = endpointId,
        MessageName = name,
        Payload = Encoding.UTF8.GetBytes(json),
    };
}
