namespace Estuary.EntityFrameworkCore;

/// <summary>Why the EF Core repository carries RequiresDynamicCode and RequiresUnreferencedCode.</summary>
internal static class EntityFrameworkAot
{
    public const string Reason =
        "EF Core builds its model, change tracking and queries with reflection and run-time code generation. "
        + "Store aggregates with the document-store repository (the default) in NativeAOT or trimmed applications.";
}
