using System.Text.Json.Serialization;

namespace Estuary.Fixtures.Aggregates;

[JsonSerializable(typeof(Ticket))]
[JsonSerializable(typeof(OpenTicket))]
[JsonSerializable(typeof(AssignTicket))]
[JsonSerializable(typeof(EstimateTicket))]
[JsonSerializable(typeof(CloseTicket))]
[JsonSerializable(typeof(GetTicket))]
[JsonSerializable(typeof(TicketView))]
[JsonSerializable(typeof(TicketOpened))]
[JsonSerializable(typeof(TicketAssigned))]
internal sealed partial class TicketJson : JsonSerializerContext;
