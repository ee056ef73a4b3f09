using System;
using System.Linq;
using System.Threading.Tasks;
using Estuary.FunctionalTests.Asynchronous;
using Estuary.FunctionalTests.EventSourcing;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Estuary.FunctionalTests.Projections;

/// <summary>A projection on the in-memory stores: batches that commit or roll back as a whole, position included.</summary>
public sealed class TicketBoardTests
{
    [Fact]
    public async Task The_board_shows_what_the_ticket_streams_hold_once_caught_up_and_not_before()
    {
        await using var host = TestHost.Create(services => services.AddSingleton<BoardBug>().AddSingleton<BoardBatches>().AddScoped<BoardBatch>());
        var printer = Guid.NewGuid();
        var coffee = Guid.NewGuid();
        await host.Commands().SendAsync(new OpenTicket(printer, "printer on fire"));
        await host.Commands().SendAsync(new OpenTicket(coffee, "no coffee"));
        await host.Commands().SendAsync(new AssignTicket(coffee, "grace", "kitchen"));
        var documents = host.GetRequiredService<IDocumentStore>();
        Assert.Equal(0L, await documents.CountAsync(TicketBoard.Collection));

        var handled = await host.GetRequiredService<EstuaryProjections>().CatchUpAsync("ticket_board");

        Assert.Equal(3, handled);
        Assert.Equal(new BoardEntry("printer on fire", null), await documents.GetAsync<BoardEntry>(TicketBoard.Collection, printer.ToString("D")));
        Assert.Equal(new BoardEntry("no coffee", "grace"), await documents.GetAsync<BoardEntry>(TicketBoard.Collection, coffee.ToString("D")));
    }

    [Fact]
    public async Task A_failing_batch_leaves_neither_documents_nor_position_and_the_fixed_board_catches_up()
    {
        await using var host = TestHost.Create(services => services.AddSingleton<BoardBug>().AddSingleton<BoardBatches>().AddScoped<BoardBatch>());
        var projections = host.GetRequiredService<EstuaryProjections>();
        var documents = host.GetRequiredService<IDocumentStore>();
        await host.Commands().SendAsync(new OpenTicket(Guid.NewGuid(), "first"));
        await host.Commands().SendAsync(new OpenTicket(Guid.NewGuid(), "second"));
        await host.Commands().SendAsync(new OpenTicket(Guid.NewGuid(), "third"));
        await host.Commands().SendAsync(new OpenTicket(Guid.NewGuid(), "broken"));
        host.GetRequiredService<BoardBug>().FailsOn = "broken";

        await Assert.ThrowsAsync<InvalidOperationException>(() => projections.CatchUpAsync("ticket_board"));

        // Batches of two: the first committed; the second wrote "third", then failed on "broken".
        Assert.Equal(2L, await documents.CountAsync(TicketBoard.Collection));
        var stopped = (await projections.StatusAsync()).Single(s => s.Name == "ticket_board");
        host.GetRequiredService<BoardBug>().FailsOn = null;

        Assert.Equal(2, await projections.CatchUpAsync("ticket_board"));
        Assert.Equal(4L, await documents.CountAsync(TicketBoard.Collection));
        Assert.True((await projections.StatusAsync()).Single(s => s.Name == "ticket_board").Position.CompareTo(stopped.Position) > 0);
    }

    [Fact]
    public async Task Rebuilding_drops_the_board_in_the_reset_hook_and_builds_it_again()
    {
        await using var host = TestHost.Create(services => services.AddSingleton<BoardBug>().AddSingleton<BoardBatches>().AddScoped<BoardBatch>());
        var projections = host.GetRequiredService<EstuaryProjections>();
        await host.Commands().SendAsync(new OpenTicket(Guid.NewGuid(), "one"));
        await projections.CatchUpAsync("ticket_board");

        Assert.Equal(1, await projections.RebuildAsync("ticket_board"));
        Assert.Equal(1L, await host.GetRequiredService<IDocumentStore>().CountAsync(TicketBoard.Collection));
    }

    [Fact]
    public async Task The_hosts_worker_catches_the_board_up_by_itself_and_goes_on_after_a_failure_is_fixed()
    {
        await using var host = TestHost.Create(
            services => services.AddSingleton<BoardBug>().AddSingleton<BoardBatches>().AddScoped<BoardBatch>(),
            estuary => estuary.AddModule<FunctionalTestsModule>().AddTestChannels().Options.ProjectionPollInterval = TimeSpan.FromMilliseconds(20));
        var worker = host.GetServices<Microsoft.Extensions.Hosting.IHostedService>().Single(s => s.GetType().Name == "ProjectionsHostedService");
        var documents = host.GetRequiredService<IDocumentStore>();
        host.GetRequiredService<BoardBug>().FailsOn = "jammed";
        await worker.StartAsync(default);
        try
        {
            await host.Commands().SendAsync(new OpenTicket(Guid.NewGuid(), "jammed"));
            await Task.Delay(200);
            Assert.Equal(0L, await documents.CountAsync(TicketBoard.Collection));

            host.GetRequiredService<BoardBug>().FailsOn = null;
            await host.Commands().SendAsync(new OpenTicket(Guid.NewGuid(), "cleared"));
            var deadline = DateTime.UtcNow.AddSeconds(10);
            while (await documents.CountAsync(TicketBoard.Collection) < 2 && DateTime.UtcNow < deadline)
            {
                await Task.Delay(20);
            }

            Assert.Equal(2L, await documents.CountAsync(TicketBoard.Collection));
        }
        finally
        {
            await worker.StopAsync(default);
        }
    }

    [Fact]
    public async Task Events_this_process_commits_wake_the_worker_without_waiting_for_the_next_poll()
    {
        await using var host = TestHost.Create(
            services => services.AddSingleton<BoardBug>().AddSingleton<BoardBatches>().AddScoped<BoardBatch>(),
            estuary => estuary.AddModule<FunctionalTestsModule>().AddTestChannels().Options.ProjectionPollInterval = TimeSpan.FromHours(1));
        var worker = host.GetServices<Microsoft.Extensions.Hosting.IHostedService>().Single(s => s.GetType().Name == "ProjectionsHostedService");
        var documents = host.GetRequiredService<IDocumentStore>();
        await worker.StartAsync(default);
        try
        {
            // The first turn runs at start; the next poll would be an hour later.
            await Task.Delay(100);
            var ticket = Guid.NewGuid();
            await host.Commands().SendAsync(new OpenTicket(ticket, "woken"));

            var deadline = DateTime.UtcNow.AddSeconds(10);
            while (await documents.FindAsync<BoardEntry>(TicketBoard.Collection, ticket.ToString("D")) is null && DateTime.UtcNow < deadline)
            {
                await Task.Delay(10);
            }

            Assert.Equal(new BoardEntry("woken", null), await documents.FindAsync<BoardEntry>(TicketBoard.Collection, ticket.ToString("D")));
        }
        finally
        {
            await worker.StopAsync(default);
        }
    }

    [Fact]
    public async Task The_handlers_of_one_batch_share_its_scoped_services_which_are_disposed_when_it_ends()
    {
        await using var host = TestHost.Create(services => services.AddSingleton<BoardBug>().AddSingleton<BoardBatches>().AddScoped<BoardBatch>());
        await host.Commands().SendAsync(new OpenTicket(Guid.NewGuid(), "one"));
        await host.Commands().SendAsync(new OpenTicket(Guid.NewGuid(), "two"));
        await host.Commands().SendAsync(new OpenTicket(Guid.NewGuid(), "three"));

        await host.GetRequiredService<EstuaryProjections>().CatchUpAsync("ticket_board");

        // Batches of two events: one, two in the first; three in the second.
        var seen = host.GetRequiredService<BoardBatches>().Seen.ToArray();
        Assert.Equal(["one", "two", "three"], seen.Select(s => s.Title));
        Assert.Equal(seen[0].Batch, seen[1].Batch);
        Assert.NotEqual(seen[1].Batch, seen[2].Batch);
        Assert.Equal(seen.Select(s => s.Batch).Distinct().Order(), host.GetRequiredService<BoardBatches>().Disposed.Order());
    }

    [Fact]
    public async Task An_unknown_projection_name_is_refused_with_the_names_there_are()
    {
        await using var host = TestHost.Create();

        var refused = await Assert.ThrowsAsync<System.Collections.Generic.KeyNotFoundException>(() => host.GetRequiredService<EstuaryProjections>().CatchUpAsync("tickets"));

        Assert.Contains("ticket_board", refused.Message, StringComparison.Ordinal);
    }
}
