using System.Threading.Tasks;

namespace Estuary.FunctionalTests.Interception.Enrichment
{
    public sealed record EnrichedCommand(string Id);

    public sealed class EnrichedHandler(ICommandBus commands, CallLog log)
    {
        [CommandHandler]
        public async Task HandleAsync(EnrichedCommand command, [Header("tenant")] string tenant, [Header("checked-by")] string checkedBy, MessageContext context)
        {
            log.Add($"handler tenant={tenant} checked-by={checkedBy}");
            log.Add($"correlation {context.CorrelationId}");
            await commands.SendAsync(new Downstream.DownstreamCommand(command.Id));
        }
    }
}

namespace Estuary.FunctionalTests.Interception.Downstream
{
    /// <summary>Sent by the enriched handler; outside the enriching interceptor's namespace.</summary>
    public sealed record DownstreamCommand(string Id);

    public static class DownstreamHandler
    {
        [CommandHandler]
        public static void Handle(DownstreamCommand command, [Header("tenant")] string? tenant, [Header("checked-by")] string? checkedBy, CallLog log) =>
            log.Add($"downstream tenant={tenant ?? "none"} checked-by={checkedBy ?? "none"}");
    }
}

namespace Estuary.FunctionalTests.Interception
{
    public static class EnrichmentInterceptors
    {
        // Returns headers to merge into the message; reserved names are ignored.
        [Before(Namespace = "Estuary.FunctionalTests.Interception.Enrichment", ChangeHeaders = true)]
        public static MessageHeaders AddTenant(object message, [Header("user")] string? user) => new()
        {
            ["tenant"] = "acme",
            ["checked-by"] = user ?? "anonymous",
            [MessageHeaderNames.CorrelationId] = System.Guid.Empty,
        };
    }
}
