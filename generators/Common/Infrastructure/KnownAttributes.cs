using System.Linq;
using Microsoft.CodeAnalysis;

namespace Estuary.SourceGeneration;

/// <summary>
/// The one way the generator and the analyzers recognise an attribute: by the metadata name of its
/// class (<c>Estuary.SagaAttribute</c>, as <see cref="KnownNames"/> spells them), which no alias, nesting
/// or display option changes.
/// </summary>
internal static class KnownAttributes
{
    /// <summary>Whether <paramref name="attribute"/> is an instance of <paramref name="metadataName"/>.</summary>
    public static bool Is(AttributeData attribute, string metadataName) =>
        attribute.AttributeClass is { } type
        && metadataName.EndsWith(type.MetadataName, System.StringComparison.Ordinal)
        && HandlerRules.MetadataName(type) == metadataName;

    /// <summary>Whether <paramref name="attribute"/> is an instance of one of <paramref name="metadataNames"/>.</summary>
    public static bool IsAny(AttributeData attribute, params string[] metadataNames) => metadataNames.Any(name => Is(attribute, name));

    /// <summary>The first <paramref name="metadataName"/> on <paramref name="symbol"/>, or null.</summary>
    public static AttributeData? Find(ISymbol symbol, string metadataName) =>
        symbol.GetAttributes().FirstOrDefault(a => Is(a, metadataName));

    /// <summary>Whether <paramref name="symbol"/> carries <paramref name="metadataName"/>.</summary>
    public static bool Has(ISymbol symbol, string metadataName) =>
        symbol.GetAttributes().Any(a => Is(a, metadataName));
}
