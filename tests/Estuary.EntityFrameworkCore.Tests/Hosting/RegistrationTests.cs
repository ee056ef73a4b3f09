using System;
using Estuary.EntityFrameworkCore.Tests.Channels;
using Estuary.Fixtures.Aggregates;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Estuary.EntityFrameworkCore.Tests.Hosting;

/// <summary>Choosing the EF Core repository per aggregate; nothing here reaches the database.</summary>
public sealed class RegistrationTests
{
    private const string Unused = "Host=127.0.0.1;Port=1;Database=unused";

    [Fact]
    public void UseEntityFrameworkRepository_replaces_the_document_store_for_that_aggregate_only()
    {
        var services = new ServiceCollection();
        services.AddDbContextFactory<TicketsContext>(options => options.UseNpgsql(Unused));
        services.AddEstuary(estuary => estuary
            .AddTickets()
            .AddModule<WarehouseModule>()
            .AddInMemoryChannel(Parcel.Channel)
            .UseEntityFrameworkRepository<TicketsContext, Ticket>());
        using var host = services.BuildServiceProvider();

        Assert.IsType<EntityFrameworkAggregateRepository<TicketsContext, Ticket>>(host.GetRequiredService<IAggregateRepository<Ticket>>());
        Assert.IsType<DocumentStoreAggregateRepository<Parcel>>(host.GetRequiredService<IAggregateRepository<Parcel>>());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Service_collection_registration_wins_before_or_after_AddEstuary(bool before)
    {
        var services = new ServiceCollection();
        services.AddDbContextFactory<TicketsContext>(options => options.UseNpgsql(Unused));
        if (before)
        {
            services.AddEntityFrameworkAggregateRepository<TicketsContext, Ticket>();
        }

        services.AddEstuary(estuary => estuary.AddTickets());
        if (!before)
        {
            services.AddEntityFrameworkAggregateRepository<TicketsContext, Ticket>();
        }

        using var host = services.BuildServiceProvider();

        Assert.IsType<EntityFrameworkAggregateRepository<TicketsContext, Ticket>>(host.GetRequiredService<IAggregateRepository<Ticket>>());
    }

    [Fact]
    public void Missing_context_factory_fails_saying_how_to_register_it()
    {
        var services = new ServiceCollection();
        services.AddEstuary(estuary => estuary.AddTickets().UseEntityFrameworkRepository<TicketsContext, Ticket>());
        using var host = services.BuildServiceProvider();

        var error = Assert.Throws<InvalidOperationException>(() => host.GetRequiredService<IAggregateRepository<Ticket>>());

        Assert.Contains("services.AddDbContextFactory<TicketsContext>", error.Message, StringComparison.Ordinal);
    }
}
