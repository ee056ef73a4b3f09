using Microsoft.CodeAnalysis;

namespace Estuary.SourceGeneration;

/// <summary>Which JsonSerializerContext classes the generator points its message registry at.</summary>
internal static class JsonContextRules
{
    /// <summary>A non-generic context generated code can name, deriving from JsonSerializerContext.</summary>
    public static bool IsUsable(INamedTypeSymbol type) =>
        !type.IsGenericType && Callability.IsCallableFromAssembly(type) && DerivesFromContext(type);

    private static bool DerivesFromContext(INamedTypeSymbol type)
    {
        for (var current = type.BaseType; current is not null; current = current.BaseType)
        {
            if (HandlerRules.MetadataName(current) == KnownNames.JsonSerializerContext)
            {
                return true;
            }
        }

        return false;
    }
}
