using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace Estuary.Analyzers;

/// <summary>Readable names for messages, matching the generator's and the runtime's.</summary>
internal static class Names
{
    private static readonly SymbolDisplayFormat s_short = SymbolDisplayFormat.MinimallyQualifiedFormat
        .WithMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.UseSpecialTypes);

    public static string Display(IMethodSymbol method) => method.ContainingType.Name + "." + method.Name;

    /// <summary>A type as a user writes it: <c>PlaceOrder</c>, <c>List&lt;int&gt;</c>.</summary>
    public static string Type(ITypeSymbol type) => type.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToDisplayString(s_short);

    public static IEnumerable<INamedTypeSymbol> ContainingTypes(ISymbol symbol)
    {
        for (var type = symbol.ContainingType; type is not null; type = type.ContainingType)
        {
            yield return type;
        }
    }
}
