namespace Estuary.FunctionalTests.Interception.Siblings
{
    public sealed record InventoryRecounted(string Sku);
}

namespace Estuary.FunctionalTests.Interception.Siblings.Enriched
{
    public static class EnrichedSubscriber
    {
        [EventHandler(Priority = 1)]
        public static void OnRecounted(InventoryRecounted recounted, [Header("tenant")] string? tenant, CallLog log) =>
            log.Add($"enriched subscriber tenant={tenant ?? "none"}");
    }
}

namespace Estuary.FunctionalTests.Interception.Siblings.Plain
{
    // Outside the enriching interceptor's namespace: it must see the event as published.
    public static class PlainSubscriber
    {
        [EventHandler]
        public static void OnRecounted(InventoryRecounted recounted, [Header("tenant")] string? tenant, CallLog log) =>
            log.Add($"plain subscriber tenant={tenant ?? "none"}");
    }
}

namespace Estuary.FunctionalTests.Interception
{
    public static class SiblingInterceptors
    {
        [Before(Namespace = "Estuary.FunctionalTests.Interception.Siblings.Enriched", ChangeHeaders = true)]
        public static MessageHeaders Enrich(object message) => new() { ["tenant"] = "acme" };
    }
}
