using Estuary.Fixtures.Aggregates;
using Microsoft.EntityFrameworkCore;

namespace Estuary.EntityFrameworkCore.Tests;

/// <summary>The application's context, mapping the fixture's <see cref="Ticket"/> aggregate as a plain entity.</summary>
public sealed class TicketsContext(DbContextOptions<TicketsContext> options) : DbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.Entity<Ticket>(ticket =>
        {
            ticket.ToTable("tickets");
            ticket.HasKey(t => t.TicketId);
            ticket.HasAggregateVersion();
        });
}
