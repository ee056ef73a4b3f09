using System;
using System.Threading.Tasks;
using Estuary.Fixtures.Aggregates;
using Estuary.Postgres;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Estuary.EntityFrameworkCore.Tests.Transactions;

/// <summary>The repository inside a <see cref="PostgresUnitOfWork"/>: its rows commit and roll back with the unit of work's transaction.</summary>
public sealed class UnitOfWorkTests(EntityFrameworkDatabase database) : IClassFixture<EntityFrameworkDatabase>, IAsyncLifetime
{
    private ServiceProvider _host = null!;

    private IAggregateRepository<Ticket> Tickets => _host.GetRequiredService<IAggregateRepository<Ticket>>();

    private PostgresUnitOfWork Postgres => _host.GetRequiredService<PostgresUnitOfWork>();

    public async Task InitializeAsync()
    {
        await database.CreateTablesAsync<TicketsContext>();
        await database.ExecuteAsync("CREATE TABLE IF NOT EXISTS {schema}.ticket_audit (ticket uuid NOT NULL)");
        var services = new ServiceCollection();
        services.AddDbContextFactory<TicketsContext>(options => options.UseNpgsql(database.ConnectionString));
        services.AddEstuary(estuary => estuary
            .AddTickets()
            .UsePostgres(database.ConnectionString, postgres => postgres.Options.SchemaName = database.Schema)
            .UseEntityFrameworkRepository<TicketsContext, Ticket>());
        _host = services.BuildServiceProvider();
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Save_in_a_unit_of_work_is_invisible_outside_until_it_commits()
    {
        var id = Guid.NewGuid();
        long seenOutside = -1;

        await Postgres.RunAsync(async token =>
        {
            await Tickets.SaveAsync(id.ToString("D"), new Ticket { TicketId = id, Title = "pending" }, 0, token);
            seenOutside = await CountAsync(id);

            // Inside, the repository reads through the same transaction and sees its own write.
            Assert.Equal(1L, (await Tickets.FindAsync(id.ToString("D"), token))!.Version);
        });

        Assert.Equal(0L, seenOutside);
        Assert.Equal(1L, await CountAsync(id));
    }

    [Fact]
    public async Task Saves_and_deletes_of_a_unit_of_work_that_throws_are_rolled_back_with_it()
    {
        var kept = await SaveNewAsync("kept");
        var deleted = await SaveNewAsync("deleted");
        var created = Guid.NewGuid();

        await Assert.ThrowsAsync<TimeoutException>(() => Postgres.RunAsync(async token =>
        {
            var loaded = await Tickets.FindAsync(kept.ToString("D"), token);
            loaded!.Document.Title = "changed";
            await Tickets.SaveAsync(kept.ToString("D"), loaded.Document, loaded.Version, token);
            await Tickets.DeleteAsync(deleted.ToString("D"), 1, token);
            await Tickets.SaveAsync(created.ToString("D"), new Ticket { TicketId = created }, 0, token);
            throw new TimeoutException("the payment provider did not answer");
        }));

        var stored = await Tickets.FindAsync(kept.ToString("D"), default);
        Assert.Equal(("kept", 1L), (stored!.Document.Title, stored.Version));
        Assert.Equal(1L, await CountAsync(deleted));
        Assert.Equal(0L, await CountAsync(created));
    }

    [Fact]
    public async Task A_conflict_inside_a_unit_of_work_leaves_its_transaction_usable()
    {
        var existing = await SaveNewAsync("existing");
        var next = Guid.NewGuid();

        await Postgres.RunAsync(async token =>
        {
            // The failed INSERT (duplicate key) is undone to the savepoint EF Core sets around each save,
            // so the transaction is not aborted: the version is read back and later work still runs.
            var conflict = await Assert.ThrowsAsync<ConcurrencyException>(
                () => Tickets.SaveAsync(existing.ToString("D"), new Ticket { TicketId = existing, Title = "again" }, 0, token).AsTask());
            Assert.Equal(1L, conflict.ActualVersion);
            await Tickets.SaveAsync(next.ToString("D"), new Ticket { TicketId = next, Title = "next" }, 0, token);
        });

        Assert.Equal("existing", (await Tickets.FindAsync(existing.ToString("D"), default))!.Document.Title);
        Assert.Equal("next", (await Tickets.FindAsync(next.ToString("D"), default))!.Document.Title);
    }

    [Fact]
    public async Task The_sessions_own_commands_see_the_repositorys_row_and_roll_back_with_it()
    {
        var id = Guid.NewGuid();

        await Assert.ThrowsAsync<InvalidOperationException>(() => Postgres.RunAsync(async token =>
        {
            await Tickets.SaveAsync(id.ToString("D"), new Ticket { TicketId = id, Title = "audited" }, 0, token);

            // A handler's own SQL in the same transaction (PostgresTransaction) reads the uncommitted row.
            await using var audit = _host.GetRequiredService<PostgresTransaction>().CreateCommand(
                "INSERT INTO ticket_audit (ticket) SELECT \"TicketId\" FROM tickets WHERE \"TicketId\" = $1");
            audit.Parameters.Add(new Npgsql.NpgsqlParameter { Value = id });
            Assert.Equal(1, await audit.ExecuteNonQueryAsync(token));
            throw new InvalidOperationException("rolled back after both writes");
        }));

        Assert.Equal(0L, await CountAsync(id));
        Assert.Equal(0L, await database.ScalarAsync<long>("SELECT count(*) FROM {schema}.ticket_audit WHERE ticket = $1", id));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Pooled_contexts_get_their_own_connection_back_after_joining_a_unit_of_work(bool dataSource)
    {
        // A pool of one, so the context that joined the session is the one the next operations get.
        await using var npgsql = Npgsql.NpgsqlDataSource.Create(database.ConnectionString);
        var services = new ServiceCollection();
        services.AddPooledDbContextFactory<TicketsContext>(
            options => _ = dataSource ? options.UseNpgsql(npgsql) : options.UseNpgsql(database.ConnectionString), poolSize: 1);
        services.AddEstuary(estuary => estuary
            .AddTickets()
            .UsePostgres(database.ConnectionString, postgres => postgres.Options.SchemaName = database.Schema)
            .UseEntityFrameworkRepository<TicketsContext, Ticket>());
        await using var host = services.BuildServiceProvider();
        var tickets = host.GetRequiredService<IAggregateRepository<Ticket>>();
        var postgres = host.GetRequiredService<PostgresUnitOfWork>();
        Guid[] ids = [Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid()];

        await postgres.RunAsync(token => tickets.SaveAsync(ids[0].ToString("D"), new Ticket { TicketId = ids[0] }, 0, token).AsTask());
        await tickets.SaveAsync(ids[1].ToString("D"), new Ticket { TicketId = ids[1] }, 0, default);
        await Assert.ThrowsAsync<TimeoutException>(() => postgres.RunAsync(async token =>
        {
            await tickets.SaveAsync(ids[2].ToString("D"), new Ticket { TicketId = ids[2] }, 0, token);
            throw new TimeoutException();
        }));
        await tickets.SaveAsync(ids[3].ToString("D"), new Ticket { TicketId = ids[3] }, 0, default);

        var counts = new long[ids.Length];
        for (var i = 0; i < ids.Length; i++)
        {
            counts[i] = await CountAsync(ids[i]);
        }

        Assert.Equal([1L, 1L, 0L, 1L], counts);
    }

    private async Task<Guid> SaveNewAsync(string title)
    {
        var id = Guid.NewGuid();
        await Tickets.SaveAsync(id.ToString("D"), new Ticket { TicketId = id, Title = title }, 0, default);
        return id;
    }

    private Task<long> CountAsync(Guid id) =>
        database.ScalarAsync<long>("SELECT count(*) FROM {schema}.tickets WHERE \"TicketId\" = $1", id);
}
