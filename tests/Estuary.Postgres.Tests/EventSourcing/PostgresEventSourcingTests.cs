using System;
using System.Linq;
using System.Threading.Tasks;
using Estuary.Postgres.Tests.Flows;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Estuary.Postgres.Tests.EventSourcing;

/// <summary>Generated event-sourced endpoints on the PostgreSQL event store, channel and unit of work.</summary>
public sealed class PostgresEventSourcingTests(TestDatabase database) : IClassFixture<TestDatabase>, IAsyncLifetime
{
    private ServiceProvider _host = null!;

    public Task InitializeAsync()
    {
        _host = FlowsHost.Create(database);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Readings_from_the_channel_append_events_and_take_snapshots_in_the_delivery_transaction()
    {
        var id = "m-" + Guid.NewGuid().ToString("N");
        await Commands.SendAsync(new InstallMeter(id));

        await Commands.SendAsync(new ReadMeter(id, 5));
        await Commands.SendAsync(new ReadMeter(id, 7));
        await Consume();

        var stream = await _host.GetRequiredService<IEventStore>().ReadStreamAsync("pg-meters-" + id);
        Assert.Equal(["pg.meter.installed", "pg.meter.read", "pg.meter.read"], stream.Select(e => e.Type));
        Assert.All(stream.Skip(1), e => Assert.NotNull(e.Metadata.CausationId));
        Assert.Equal(3L, await database.ScalarAsync<long>("SELECT count(*) FROM {schema}.events_meters WHERE stream_id = $1", "pg-meters-" + id));
        Assert.Equal(0L, await database.ScalarAsync<long>("SELECT count(*) FROM {schema}.events WHERE stream_id = $1", "pg-meters-" + id));
        var snapshot = await _host.GetRequiredService<IDocumentStore>().FindAsync<Meter>("snapshots:pg.meter", id);
        Assert.Equal((2L, 5), (snapshot!.Version, snapshot.Total));
        var loaded = await _host.GetRequiredService<EventSourcedRepository<Meter>>().LoadAsync(id, default);
        Assert.Equal((3L, 12), (loaded!.Version, loaded.Aggregate.Total));
    }

    [Fact]
    public async Task A_subscriber_failing_after_the_append_rolls_the_events_and_the_snapshot_back()
    {
        var id = "m-" + Guid.NewGuid().ToString("N");
        await Commands.SendAsync(new InstallMeter(id));

        await Commands.SendAsync(new ReadMeter(id, -3));
        await Consume();

        Assert.Equal(1, (await _host.GetRequiredService<IEventStore>().GetStreamAsync("pg-meters-" + id))!.Version);
        Assert.Null(await _host.GetRequiredService<IDocumentStore>().FindAsync<Meter>("snapshots:pg.meter", id));
        var dead = Assert.Single(await _host.GetRequiredService<DeadLetters>().ListAsync(), d => d.Message.EndpointId == "meters.read");
        Assert.Contains("cannot run backwards", dead.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Concurrent_commands_on_one_stream_win_once_per_version_and_retries_converge()
    {
        var id = "m-" + Guid.NewGuid().ToString("N");
        await Commands.SendAsync(new InstallMeter(id));
        var repository = _host.GetRequiredService<EventSourcedRepository<Meter>>();

        // Eight writers load the same version, then each appends one reading in a transaction of its own.
        var loaded = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => repository.LoadAsync(id, default).AsTask()));
        var outcomes = await Task.WhenAll(loaded.Select(instance => Task.Run(async () =>
        {
            try
            {
                await _host.GetRequiredService<PostgresUnitOfWork>().RunAsync(async token =>
                    await repository.AppendAsync(id, instance!.Aggregate, [new MeterRead(id, 1)], instance.Version, token));
                return true;
            }
            catch (WrongExpectedVersionException)
            {
                return false;
            }
        })));

        Assert.Equal(1, outcomes.Count(won => won));
        foreach (var _ in outcomes.Where(won => !won))
        {
            var current = (await repository.LoadAsync(id, default))!;
            await repository.AppendAsync(id, current.Aggregate, [new MeterRead(id, 1)], current.Version, default);
        }

        var stream = await _host.GetRequiredService<IEventStore>().ReadStreamAsync("pg-meters-" + id);
        Assert.Equal(Enumerable.Range(1, 9).Select(v => (long)v), stream.Select(e => e.StreamVersion));
        Assert.Equal(8, (await repository.LoadAsync(id, default))!.Aggregate.Total);
    }

    private ICommandBus Commands => _host.GetRequiredService<ICommandBus>();

    private Task<ConsumerRunResult> Consume() =>
        _host.GetRequiredService<EstuaryConsumers>().RunAsync(AccountHandlers.Channel, new ConsumerLimits { StopWhenEmpty = true });
}
