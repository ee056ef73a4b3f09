using System;
using System.Threading.Tasks;
using Estuary.Postgres;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Estuary.EntityFrameworkCore.Tests.Channels;

/// <summary>
/// A command consumed from a Postgres channel: the parcel's row (EF Core), the removal of the message and
/// the event written to the outbox commit in the delivery's transaction, or none of them does.
/// </summary>
public sealed class ChannelTransactionTests(EntityFrameworkDatabase database) : IClassFixture<EntityFrameworkDatabase>, IAsyncLifetime
{
    private ServiceProvider _host = null!;

    private ICommandBus Commands => _host.GetRequiredService<ICommandBus>();

    public async Task InitializeAsync()
    {
        await database.CreateTablesAsync<WarehouseContext>();
        var services = new ServiceCollection();
        services.AddSingleton<ParcelNotices>();
        services.AddDbContextFactory<WarehouseContext>(options => options.UseNpgsql(database.ConnectionString));
        services.AddEstuary(estuary => estuary
            .AddModule<WarehouseModule>()
            .UsePostgres(database.ConnectionString, postgres =>
            {
                postgres.Options.SchemaName = database.Schema;
                postgres.AddChannel(Parcel.Channel, consumer => consumer.Retry = RetryPolicy.None);
            })
            .UseEntityFrameworkRepository<WarehouseContext, Parcel>());
        _host = services.BuildServiceProvider();
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Handled_command_commits_the_row_and_its_outbox_event_with_the_delivery()
    {
        var id = await Commands.SendAsync(new ReceiveParcel(Guid.NewGuid(), "ada"));
        await Commands.SendAsync(new ShelveParcel(id, "A1", FailAfterSaving: false));
        Assert.Equal(1L, await QueuedAsync());

        var run = await DrainAsync();

        // The command, then the event its handling wrote to the outbox.
        Assert.Equal(2, run[DeliveryOutcome.Handled]);
        Assert.Equal(("A1", 2L), await RowAsync(id));
        Assert.Equal(["A1"], _host.GetRequiredService<ParcelNotices>().For(id));
        Assert.Equal(0L, await QueuedAsync());
    }

    [Fact]
    public async Task Failure_after_the_save_rolls_back_the_row_and_the_outbox_with_the_delivery()
    {
        var id = await Commands.SendAsync(new ReceiveParcel(Guid.NewGuid(), "grace"));
        await Commands.SendAsync(new ShelveParcel(id, "B2", FailAfterSaving: true));

        var run = await DrainAsync();

        Assert.Equal(1, run[DeliveryOutcome.DeadLettered]);
        Assert.Equal(0, run[DeliveryOutcome.Handled]);
        Assert.Equal((null, 1L), await RowAsync(id));
        Assert.Empty(_host.GetRequiredService<ParcelNotices>().For(id));
        Assert.Equal(0L, await QueuedAsync());
        Assert.Equal(1L, await database.ScalarAsync<long>("SELECT count(*) FROM {schema}.dead_letter WHERE endpoint_id = 'parcels.shelve'"));
    }

    private Task<ConsumerRunResult> DrainAsync() =>
        _host.GetRequiredService<EstuaryConsumers>().RunAsync(Parcel.Channel, new ConsumerLimits { StopWhenEmpty = true });

    private Task<long> QueuedAsync() =>
        database.ScalarAsync<long>("SELECT count(*) FROM {schema}.queue WHERE channel = $1", Parcel.Channel);

    private async Task<(string? Shelf, long Version)> RowAsync(Guid id) =>
        (await database.ScalarAsync<object>("SELECT \"Shelf\" FROM {schema}.parcels WHERE \"ParcelId\" = $1", id) as string,
         await database.ScalarAsync<long>("SELECT \"EstuaryVersion\" FROM {schema}.parcels WHERE \"ParcelId\" = $1", id));
}
