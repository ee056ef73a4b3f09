using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Estuary.SourceGeneration;
using Microsoft.CodeAnalysis;

namespace Estuary.Analyzers;

/// <summary>
/// A [Before], [Around] or [After] method read with the generator's rules (InterceptorShape):
/// where it applies and, if the generator does not weave it, every reason why.
/// </summary>
internal sealed class InterceptorInfo
{
    private PointcutSpec? _spec;

    private InterceptorInfo(IMethodSymbol method, InterceptorKind kind, AttributeData attribute)
    {
        Method = method;
        Kind = kind;
        Attribute = attribute;
        Options = InterceptorOptions.Read(attribute);
        (Pointcut, PointcutType) = InterceptorShape.Pointcut(method, Options.Pointcut);
        var message = InterceptorShape.MessageParameter(method);
        MessageType = InterceptorShape.NarrowingMessageType(message);
        RequiresMessage = InterceptorShape.RequiresMessage(message);
        AttributeParameters = InterceptorShape.AttributeParameters(method).Select(p => p.Type).ToImmutableArray();
        Problems = InterceptorShape.Problems(method, kind, Options.ChangeHeaders).ToImmutableArray();
    }

    public IMethodSymbol Method { get; }

    public InterceptorKind Kind { get; }

    public AttributeData Attribute { get; }

    public InterceptorOptions Options { get; }

    public PointcutKind Pointcut { get; }

    /// <summary>The declared pointcut type, or the attribute parameter that stands for one.</summary>
    public ITypeSymbol? PointcutType { get; }

    /// <summary>The type of the message parameter when it narrows where the interceptor applies (not object).</summary>
    public ITypeSymbol? MessageType { get; }

    /// <summary>Whether it takes a non-nullable message, so handlers without one are not selected.</summary>
    public bool RequiresMessage { get; }

    /// <summary>Attribute types taken as parameters: each must be on a handler for the interceptor to apply.</summary>
    public ImmutableArray<ITypeSymbol> AttributeParameters { get; }

    /// <summary>Why the generator skips it; each is reported by one analyzer.</summary>
    public ImmutableArray<InterceptorProblem> Problems { get; }

    /// <summary>Whether the generator weaves it.</summary>
    public bool IsWoven => Problems.IsEmpty;

    /// <summary>What it selects, named as the generator's model names it.</summary>
    public PointcutSpec Spec => _spec ??= new PointcutSpec(
        Pointcut,
        PointcutType is null ? null : SymbolNames.FullNonNullable(PointcutType),
        Options.Namespace,
        MessageType is null ? null : SymbolNames.FullNonNullable(MessageType),
        AttributeParameters.Select(SymbolNames.FullNonNullable).ToList())
    {
        RequiresMessage = RequiresMessage,
    };

    public string DisplayName => Names.Display(Method);

    public IEnumerable<InterceptorProblem> ProblemsOf(InterceptorProblemKind kind) => Problems.Where(p => p.Kind == kind);

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
                interceptors.Add(new InterceptorInfo(method, kind.Value, attribute));
            }
        }

        return interceptors.ToImmutable();
    }
}
