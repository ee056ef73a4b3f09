using Microsoft.CodeAnalysis;

namespace Estuary.SourceGeneration;

/// <summary>Builds parameter models from the shared binding rules.</summary>
internal static class ParameterParser
{
    /// <summary>The model of a parameter the shape rules accepted (HandlerShape, InterceptorShape, BusinessMethodShape).</summary>
    public static ParameterModel Parse(IParameterSymbol parameter, bool isInterceptor)
    {
        var binding = HandlerRules.ClassifyParameter(parameter, isInterceptor, out var headerName);
        var conversion = HeaderConversion.Cast;
        var valueType = parameter.Type;
        var optional = false;
        if (binding == ParameterBinding.Header)
        {
            conversion = HandlerRules.ClassifyHeader(parameter.Type, out valueType, out optional);
        }

        return new ParameterModel(
            parameter.Name,
            SymbolNames.Full(parameter.Type),
            binding,
            headerName,
            conversion,
            SymbolNames.FullNonNullable(valueType),
            optional,
            valueType.IsValueType);
    }

    /// <summary>The single public constructor of a class, or null when there is none or several.</summary>
    public static ConstructorModel? Constructor(INamedTypeSymbol type)
    {
        if (type.IsStatic || type.IsAbstract)
        {
            return null;
        }

        IMethodSymbol? single = null;
        foreach (var constructor in type.InstanceConstructors)
        {
            if (constructor.DeclaredAccessibility != Accessibility.Public)
            {
                continue;
            }

            if (single is not null)
            {
                return null;
            }

            single = constructor;
        }

        if (single is null)
        {
            return null;
        }

        var types = new System.Collections.Generic.List<string>();
        foreach (var parameter in single.Parameters)
        {
            if (parameter.RefKind != RefKind.None || parameter.HasExplicitDefaultValue || parameter.IsParams)
            {
                return null;
            }

            types.Add(SymbolNames.FullNonNullable(parameter.Type));
        }

        return new ConstructorModel(types.ToEquatableArray());
    }
}
