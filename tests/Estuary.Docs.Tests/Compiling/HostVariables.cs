using System.Collections.Generic;

namespace Estuary.Docs.Tests;

/// <summary>
/// Variables a block's statements may use without declaring them: the names the docs give the usual
/// host objects. A block gets one as a parameter only when it uses the name and declares nothing by
/// it; a snippet comment declaring the same name (<c>IEventStore events;</c>) replaces it.
/// </summary>
internal static class HostVariables
{
    public static readonly IReadOnlyDictionary<string, string> Standard = new Dictionary<string, string>
    {
        ["services"] = "global::Microsoft.Extensions.DependencyInjection.IServiceCollection",
        ["provider"] = "global::System.IServiceProvider",
        ["estuary"] = "global::Estuary.EstuaryBuilder",
        ["commands"] = "global::Estuary.ICommandBus",
        ["queries"] = "global::Estuary.IQueryBus",
        ["events"] = "global::Estuary.IEventBus",
        ["connectionString"] = "string",
        ["cancellationToken"] = "global::System.Threading.CancellationToken",
        ["token"] = "global::System.Threading.CancellationToken",
        ["args"] = "string[]",
        ["id"] = "global::System.Guid",
    };
}
