using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Estuary.SourceGeneration;
using Microsoft.CodeAnalysis;

namespace Estuary.Analyzers;

internal enum InterceptorKind
{
    Before,
    Around,
    After,
}

internal enum PointcutKind
{
    All,
    Attribute,
    Type,
    Bus,
}

/// <summary>
/// A [Before], [Around] or [After] method read with the generator's rules (InterceptorParser):
/// where it applies and whether the generator weaves it at all.
/// </summary>
internal sealed class InterceptorInfo
{
    private InterceptorInfo(IMethodSymbol method, InterceptorKind kind, AttributeData attribute)
    {
        Method = method;
        Kind = kind;
        Attribute = attribute;
    }

    public IMethodSymbol Method { get; }

    public InterceptorKind Kind { get; }

    public AttributeData Attribute { get; }

    public bool ChangeHeaders { get; private set; }

    public string? Namespace { get; private set; }

    public PointcutKind Pointcut { get; private set; }

    public INamedTypeSymbol? PointcutType { get; private set; }

    /// <summary>The type of the message parameter when it narrows where the interceptor applies (not object).</summary>
    public ITypeSymbol? MessageType { get; private set; }

    /// <summary>Attribute types taken as parameters: each must be on a handler for the interceptor to apply.</summary>
    public ImmutableArray<ITypeSymbol> AttributeParameters { get; private set; } = ImmutableArray<ITypeSymbol>.Empty;

    public bool HasInvocation { get; private set; }

    /// <summary>Whether the generator weaves it (nothing the analyzers report prevents it).</summary>
    public bool IsWoven { get; private set; }

    public string DisplayName => Names.Display(Method);

    public static ImmutableArray<InterceptorInfo> Read(IMethodSymbol method, EstuarySymbols symbols)
    {
        if (method.MethodKind is not (MethodKind.Ordinary or MethodKind.ExplicitInterfaceImplementation))
        {
            return ImmutableArray<InterceptorInfo>.Empty;
        }

        var interceptors = ImmutableArray.CreateBuilder<InterceptorInfo>();
        foreach (var attribute in method.GetAttributes())
        {
            InterceptorKind? kind = EstuarySymbols.Is(attribute.AttributeClass, symbols.Before) ? InterceptorKind.Before
                : EstuarySymbols.Is(attribute.AttributeClass, symbols.Around) ? InterceptorKind.Around
                : EstuarySymbols.Is(attribute.AttributeClass, symbols.After) ? InterceptorKind.After
                : null;
            if (kind is not null)
            {
                interceptors.Add(Create(method, kind.Value, attribute));
            }
        }

        return interceptors.ToImmutable();
    }

    /// <summary>Whether the parameter at <paramref name="index"/> receives the message (InterceptorParser's rule).</summary>
    public static bool IsMessageParameter(IParameterSymbol parameter, int index)
    {
        var binding = HandlerRules.ClassifyParameter(parameter, isInterceptor: true, out _);
        return index == 0 && binding is ParameterBinding.Service or ParameterBinding.Unbindable && parameter.RefKind == RefKind.None;
    }

    // Mirrors InterceptorParser.Parse: any change there must be made here too.
    private static InterceptorInfo Create(IMethodSymbol method, InterceptorKind kind, AttributeData attribute)
    {
        var info = new InterceptorInfo(method, kind, attribute);
        foreach (var named in attribute.NamedArguments)
        {
            switch (named.Key)
            {
                case "ChangeHeaders" when named.Value.Value is bool value:
                    info.ChangeHeaders = value;
                    break;
                case "Namespace":
                    info.Namespace = named.Value.Value as string;
                    break;
                case "Pointcut":
                    info.PointcutType = named.Value.Value as INamedTypeSymbol;
                    break;
            }
        }

        var type = method.ContainingType;
        var woven = !HandlerRules.IsGeneric(method) && HandlerRules.IsCallableFromAssembly(method)
            && (method.IsStatic || !(type.IsAbstract || type.IsStatic));
        var attributes = new List<ITypeSymbol>();
        for (var i = 0; i < method.Parameters.Length; i++)
        {
            var parameter = method.Parameters[i];
            if (IsMessageParameter(parameter, i))
            {
                info.MessageType = parameter.Type.SpecialType == SpecialType.System_Object ? null : parameter.Type;
                continue;
            }

            switch (HandlerRules.ClassifyParameter(parameter, isInterceptor: true, out _))
            {
                case ParameterBinding.Unbindable:
                    woven = false;
                    break;
                case ParameterBinding.Invocation:
                    info.HasInvocation = true;
                    woven &= kind == InterceptorKind.Around;
                    break;
                case ParameterBinding.AttributeInstance:
                    attributes.Add(parameter.Type);
                    break;
            }
        }

        info.AttributeParameters = attributes.ToImmutableArray();
        info.IsWoven = woven && (kind != InterceptorKind.Around || info.HasInvocation);
        if (info.PointcutType is { } pointcut)
        {
            info.Pointcut = HandlerRules.IsAttribute(pointcut) ? PointcutKind.Attribute : IsBus(pointcut) ? PointcutKind.Bus : PointcutKind.Type;
        }
        else if (attributes.Count > 0)
        {
            info.Pointcut = PointcutKind.Attribute;
            info.PointcutType = attributes[0] as INamedTypeSymbol;
        }

        return info;
    }

    public static bool IsBus(INamedTypeSymbol type) =>
        type.TypeKind == TypeKind.Interface && (IsBusName(type) || type.AllInterfaces.Any(IsBusName));

    public static bool IsBusName(INamedTypeSymbol type) =>
        HandlerRules.MetadataName(type) is KnownNames.CommandBus or KnownNames.QueryBus or KnownNames.EventBus;
}
