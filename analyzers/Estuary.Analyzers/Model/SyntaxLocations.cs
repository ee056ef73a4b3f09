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

    /// <summary>The <c>Name = value</c> argument of an attribute, or null when it is not written in source.</summary>
    public static Location? NamedArgument(AttributeData attribute, string name, CancellationToken cancellationToken) =>
        attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) is AttributeSyntax { ArgumentList: { } arguments }
            ? arguments.Arguments.FirstOrDefault(a => a.NameEquals?.Name.Identifier.ValueText == name)?.GetLocation()
            : null;
}
