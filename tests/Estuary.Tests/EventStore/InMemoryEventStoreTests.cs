using System;
using System.Threading.Tasks;
using Estuary.Fixtures.Contracts;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Estuary.Tests.EventStore;

/// <summary>The event store contract against the default store, as AddEstuary registers it.</summary>
public sealed class InMemoryEventStoreTests : EventStoreContract, IDisposable
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2030, 1, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly ServiceProvider _host;

    public InMemoryEventStoreTests() => _host = Host.Create(_ => { }, services => services.AddSingleton<TimeProvider>(_clock));

    protected override IEventStore Store => _host.GetRequiredService<IEventStore>();

    protected override async Task InUnitOfWorkAsync(Func<Task> work)
    {
        // Disposing the scope without committing rolls the attempt back, running the store's undo actions.
        await using var scope = UnitOfWork.Begin(_host.Runtime(), session: null);
        await work();
        await scope.CommitAsync();
    }

    public void Dispose() => _host.Dispose();

    [Fact]
    public void AddEstuary_registers_the_in_memory_store_unless_the_application_has_one()
    {
        Assert.IsType<InMemoryEventStore>(Store);

        var own = new InMemoryEventStore();
        using var host = Host.Create(_ => { }, services => services.AddSingleton<IEventStore>(own));
        Assert.Same(own, host.GetRequiredService<IEventStore>());
    }

    [Fact]
    public async Task Events_are_stamped_with_the_hosts_clock()
    {
        var stream = NewStream();
        await Store.AppendAsync(stream, ExpectedVersion.NoStream, [Numbered(1)]);
        _clock.Advance(TimeSpan.FromMinutes(5));
        await Store.AppendAsync(stream, ExpectedVersion.Exactly(1), [Numbered(2)]);

        var read = await Store.ReadStreamAsync(stream);

        Assert.Equal(_clock.GetUtcNow() - TimeSpan.FromMinutes(5), read[0].CreatedAt);
        Assert.Equal(_clock.GetUtcNow(), read[1].CreatedAt);
    }
}
