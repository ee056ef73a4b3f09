using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace Estuary.SourceGeneration;

/// <summary>
/// Reads a user's System.Text.Json context. Estuary does not emit JSON metadata itself: it points
/// its registry at the metadata the System.Text.Json generator produces for this context.
/// </summary>
internal static class JsonContextParser
{
    public static JsonContextModel? Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        if (context.TargetSymbol is not INamedTypeSymbol type || !JsonContextRules.IsUsable(type))
        {
            return null;
        }

        cancellationToken.ThrowIfCancellationRequested();
        var types = context.Attributes
            .Select(a => a.ConstructorArguments.FirstOrDefault().Value as ITypeSymbol)
            .Where(t => t is not null)
            .Select(t => SymbolNames.FullNonNullable(t!))
            .OrderBy(n => n, System.StringComparer.Ordinal)
            .ToEquatableArray();
        return new JsonContextModel(SymbolNames.FullNonNullable(type), types);
    }
}
