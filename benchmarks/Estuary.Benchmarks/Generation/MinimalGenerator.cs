using Microsoft.CodeAnalysis;

namespace Estuary.Benchmarks.Generation;

/// <summary>
/// The floor under any generator shaped like Estuary's: one ForAttributeWithMetadataName per attribute
/// Estuary's generator looks for, each transform reading only the symbol's name, one file out. What it
/// costs is Roslyn's own work (finding the attributes, binding the symbols again for every new
/// compilation), which no generator of this shape can avoid.
/// </summary>
public sealed class MinimalGenerator : IIncrementalGenerator
{
    private static readonly string[] s_attributes =
    [
        "CommandHandler", "QueryHandler", "EventHandler", "Scheduled", "Before", "Around", "After",
        "BusinessMethod", "MessageName", "NamedEvent", "EventSourcingHandler", "Upcaster", "Repository",
    ];

    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        foreach (var attribute in s_attributes)
        {
            var names = context.SyntaxProvider
                .ForAttributeWithMetadataName("Estuary." + attribute + "Attribute", static (_, _) => true, static (target, _) => target.TargetSymbol.Name)
                .Collect();
            context.RegisterSourceOutput(names, (output, found) => output.AddSource(attribute + ".g.cs", "// " + found.Length + " " + attribute));
        }
    }
}
