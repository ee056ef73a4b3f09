using System.Threading;
using Microsoft.CodeAnalysis;

namespace Estuary.SourceGeneration;

/// <summary>An [Upcaster] method: the event name and revision it reads, and how to call it.</summary>
internal sealed record UpcasterModel(string EventName, int FromRevision, string Method);

/// <summary>Reads [Upcaster] methods; a method of the wrong shape yields null (the analyzers report it).</summary>
internal static class UpcasterParser
{
    private const string JsonObject = "System.Text.Json.Nodes.JsonObject";

    public static UpcasterModel? Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        if (context.TargetSymbol is not IMethodSymbol method || context.Attributes.Length == 0
            || !method.IsStatic || method.IsGenericMethod || !Callability.IsCallableFromAssembly(method)
            || method.Parameters.Length != 1 || method.Parameters[0].Type.ToDisplayString() != JsonObject || method.ReturnType.ToDisplayString() != JsonObject)
        {
            return null;
        }

        var attribute = context.Attributes[0];
        if (attribute.ConstructorArguments.Length != 2 || attribute.ConstructorArguments[0].Value is not INamedTypeSymbol eventType
            || attribute.ConstructorArguments[1].Value is not int from || from < 1)
        {
            return null;
        }

        cancellationToken.ThrowIfCancellationRequested();
        return new UpcasterModel(SymbolNames.MessageName(eventType), from, SymbolNames.FullNonNullable(method.ContainingType) + "." + method.Name);
    }
}
