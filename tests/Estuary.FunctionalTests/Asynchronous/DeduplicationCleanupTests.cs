using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Estuary.FunctionalTests.Asynchronous;

public sealed class DeduplicationCleanupTests
{
    [Fact]
    public async Task Host_removes_marks_older_than_the_retention_and_keeps_recent_ones()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 5, 1, 0, 0, 0, TimeSpan.Zero));
        await using var host = TestHost.Create(
            services => services.AddSingleton<TimeProvider>(clock),
            estuary =>
            {
                estuary.AddModule<FunctionalTestsModule>().AddTestChannels();
                estuary.Options.DeduplicationRetention = TimeSpan.FromDays(7);
                estuary.Options.DeduplicationCleanupInterval = TimeSpan.FromHours(1);
            });
        var store = host.GetRequiredService<IDeduplicationStore>();
        Assert.True(await store.TryRecordAsync("payments.book", "old", default));
        clock.Advance(TimeSpan.FromDays(6.5));
        Assert.True(await store.TryRecordAsync("payments.book", "recent", default));
        clock.Advance(TimeSpan.FromDays(1));

        var cleanup = host.GetServices<IHostedService>().Single(s => s.GetType().Name == "DeduplicationCleanupService");
        var oldMarkRemoved = false;
        await cleanup.StartAsync(CancellationToken.None);
        try
        {
            // Moves the clock past the next cleanup until the old mark is gone (the loop starts on the thread pool).
            for (var i = 0; i < 200 && !oldMarkRemoved; i++)
            {
                clock.Advance(TimeSpan.FromMinutes(10));
                await Task.Delay(20);
                oldMarkRemoved = await store.TryRecordAsync("payments.book", "old", default);
            }
        }
        finally
        {
            await cleanup.StopAsync(CancellationToken.None);
        }

        Assert.True(oldMarkRemoved, "The mark older than the retention was not removed.");
        Assert.False(await store.TryRecordAsync("payments.book", "recent", default));
    }
}
