using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Estuary.SourceGeneration;

/// <summary>Reads a [Projection] class's declaration: name, batch size, streams, trigger channel and lifecycle hooks.</summary>
internal static class ProjectionParser
{
    private static readonly (string Attribute, string Kind)[] s_hooks =
    [
        (KnownNames.ProjectionInitializationAttribute, "Initialize"),
        (KnownNames.ProjectionResetAttribute, "Reset"),
        (KnownNames.ProjectionPartitionResetAttribute, "ResetPartition"),
        (KnownNames.ProjectionDeleteAttribute, "Delete"),
        (KnownNames.ProjectionFlushAttribute, "Flush"),
    ];

    /// <summary>The projection <paramref name="type"/> declares, or null when it is not a projection.</summary>
    public static ProjectionModel? Read(INamedTypeSymbol type)
    {
        if (KnownAttributes.Find(type, KnownNames.ProjectionAttribute) is not { ConstructorArguments.Length: 1 } attribute
            || attribute.ConstructorArguments[0].Value is not string { Length: > 0 } name)
        {
            return null;
        }

        var batchSize = attribute.NamedArguments.FirstOrDefault(n => n.Key == "BatchSize").Value.Value is int size && size > 0 ? size : 1000;
        var synchronous = attribute.NamedArguments.FirstOrDefault(n => n.Key == "Synchronous").Value.Value is true;
        var partitioned = attribute.NamedArguments.FirstOrDefault(n => n.Key == "Partitioned").Value.Value is true;
        var version = attribute.NamedArguments.FirstOrDefault(n => n.Key == "Version").Value.Value is int v && v > 0 ? v : 1;
        var manualTakeOver = attribute.NamedArguments.FirstOrDefault(n => n.Key == "ManualTakeOver").Value.Value is true;
        var prefixes = new List<string>();
        foreach (var from in type.GetAttributes())
        {
            var argument = from.ConstructorArguments.Length == 1 ? from.ConstructorArguments[0].Value : null;
            if (KnownAttributes.Is(from, KnownNames.FromAggregateStreamAttribute) && argument is ITypeSymbol aggregate)
            {
                prefixes.Add(EventSourcedShape.StreamPrefix(aggregate));
            }
            else if (KnownAttributes.Is(from, KnownNames.FromStreamAttribute) && argument is string { Length: > 0 } prefix)
            {
                prefixes.Add(prefix);
            }
        }

        var hooks = new List<ProjectionHookModel>();
        foreach (var method in type.GetMembers().OfType<IMethodSymbol>().Where(m => m.MethodKind == MethodKind.Ordinary))
        {
            foreach (var (hookAttribute, kind) in s_hooks)
            {
                if (KnownAttributes.Has(method, hookAttribute) && hooks.All(h => h.Kind != kind))
                {
                    hooks.Add(new ProjectionHookModel
                    {
                        Kind = kind,
                        MethodName = method.Name,
                        IsStatic = method.IsStatic,
                        IsAsync = HandlerRules.ClassifyReturn(method, out _) is ReturnKind.Task or ReturnKind.ValueTask,
                        ParameterTypes = method.Parameters.Select(p => SymbolNames.FullNonNullable(p.Type)).ToEquatableArray(),
                    });
                }
            }
        }

        return new ProjectionModel
        {
            Name = name,
            BatchSize = batchSize,
            StreamPrefixes = prefixes.Distinct().ToEquatableArray(),
            Synchronous = synchronous,
            Partitioned = partitioned,
            Version = version,
            ManualTakeOver = manualTakeOver,
            Trigger = AsynchronousShape.ReadClass(type),
            Hooks = hooks.OrderBy(h => System.Array.FindIndex(s_hooks, s => s.Kind == h.Kind)).ToEquatableArray(),
            Constructor = hooks.Any(h => !h.IsStatic) ? ParameterParser.Constructor(type) : null,
        };
    }
}
