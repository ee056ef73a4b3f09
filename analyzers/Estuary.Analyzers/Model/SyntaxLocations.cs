using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Estuary.Analyzers;

/// <summary>Where to put a squiggle: on the part of a declaration the user has to change.</summary>
internal static class SyntaxLocations
{
    public static Location Of(ISymbol symbol) => symbol.Locations.FirstOrDefault() ?? Location.None;

    public static Location ReturnType(IMethodSymbol method, CancellationToken cancellationToken) =>
        method.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(cancellationToken) is MethodDeclarationSyntax declaration
            ? declaration.ReturnType.GetLocation()
            : Of(method);

    public static Location ParameterType(IParameterSymbol parameter, CancellationToken cancellationToken) =>
        parameter.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(cancellationToken) is ParameterSyntax { Type: { } type }
            ? type.GetLocation()
            : Of(parameter);

    public static Location Attribute(AttributeData attribute, ISymbol fallback, CancellationToken cancellationToken) =>
        attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken).GetLocation() ?? Of(fallback);

    /// <summary>
    /// The value given to an attribute's constructor parameter <paramref name="parameter"/> (named
    /// <c>parameter:</c>, else the <paramref name="index"/>-th positional argument), or null when it is
    /// not written in source.
    /// </summary>
    public static Location? ConstructorArgument(AttributeData attribute, string parameter, int index, CancellationToken cancellationToken)
    {
        if (attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) is not AttributeSyntax { ArgumentList: { } arguments })
        {
            return null;
        }

        var positional = arguments.Arguments.Where(a => a.NameEquals is null).ToList();
        var argument = positional.FirstOrDefault(a => a.NameColon?.Name.Identifier.ValueText == parameter)
            ?? (index < positional.Count && positional[index].NameColon is null ? positional[index] : null);
        return argument?.Expression.GetLocation();
    }

    /// <summary>The <c>Name = value</c> argument of an attribute, or null when it is not written in source.</summary>
    public static Location? NamedArgument(AttributeData attribute, string name, CancellationToken cancellationToken) =>
        attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) is AttributeSyntax { ArgumentList: { } arguments }
            ? arguments.Arguments.FirstOrDefault(a => a.NameEquals?.Name.Identifier.ValueText == name)?.GetLocation()
            : null;
}
