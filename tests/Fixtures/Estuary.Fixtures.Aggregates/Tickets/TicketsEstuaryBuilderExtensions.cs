using Microsoft.Extensions.DependencyInjection;

namespace Estuary.Fixtures.Aggregates;

/// <summary>Adds the tickets module and the services its handlers take, as a library would offer it.</summary>
public static class TicketsEstuaryBuilderExtensions
{
    public static EstuaryBuilder AddTickets(this EstuaryBuilder estuary)
    {
        estuary.Services.AddSingleton<TicketLog>();
        estuary.Services.AddSingleton<TicketGate>();
        return estuary.AddModule<TicketsModule>();
    }
}
