using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Estuary.SourceGeneration;

/// <summary>Why a [Deduplicated] member path cannot be read.</summary>
internal sealed record MemberPathProblem(string Segment, string OnType);

/// <summary>
/// Reads [Asynchronous] (on the method, or else its class), [Delayed], [TimeToLive], [Retry] and
/// [Deduplicated]. Shared by the generator (to wire the endpoint) and the analyzers (to report
/// what cannot be wired).
/// </summary>
internal static class AsynchronousShape
{
    /// <summary>
    /// The [Asynchronous] attribute that applies to a handler: the method's, or its class's. None for the
    /// handlers of a [Projection] class: they run inside the projection's batches, and the class's
    /// [Asynchronous] names the channel of its triggers (<see cref="ReadClass"/>).
    /// </summary>
    public static AttributeData? AsynchronousAttribute(IMethodSymbol method) =>
        KnownAttributes.Has(method.ContainingType, KnownNames.ProjectionAttribute) ? null
            : Find(method.GetAttributes(), KnownNames.AsynchronousAttribute) ?? Find(method.ContainingType.GetAttributes(), KnownNames.AsynchronousAttribute);

    /// <summary>The channel of an asynchronous handler, or null for a handler that runs during the send.</summary>
    public static string? Channel(IMethodSymbol method) =>
        AsynchronousAttribute(method) is { } attribute ? Channel(attribute) : null;

    /// <summary>The channel an [Asynchronous] attribute names, or null when it names none the compiler can read.</summary>
    public static string? Channel(AttributeData asynchronous) =>
        asynchronous.ConstructorArguments.Length == 1 ? asynchronous.ConstructorArguments[0].Value as string : null;

    /// <summary>Reads the handler's asynchronous settings, or null when it is not asynchronous.</summary>
    public static AsynchronousModel? Read(IMethodSymbol method, ITypeSymbol? messageType)
    {
        var attribute = AsynchronousAttribute(method);
        if (attribute is null || attribute.ConstructorArguments.Length != 1 || attribute.ConstructorArguments[0].Value is not string channel || channel.Length == 0)
        {
            return null;
        }

        return ReadOn(method, channel, Named(attribute, "Priority") as int? ?? 0, messageType);
    }

    /// <summary>The delivery settings of a method that receives from <paramref name="channel"/> (an [Asynchronous] handler, a [MessageConsumer]).</summary>
    public static AsynchronousModel ReadOn(IMethodSymbol method, string channel, int priority, ITypeSymbol? messageType)
    {
        var delay = Milliseconds(method, KnownNames.DelayedAttribute);
        var timeToLive = Milliseconds(method, KnownNames.TimeToLiveAttribute);
        var retry = OnMethodOrClass(method, KnownNames.RetryAttribute) is { } retryAttribute ? ReadRetry(retryAttribute) : null;
        var deduplication = Find(method.GetAttributes(), KnownNames.DeduplicatedAttribute) is { } dedup ? ReadDeduplication(dedup, messageType) : null;
        return new AsynchronousModel(channel, priority, delay, timeToLive, retry, deduplication);
    }

    /// <summary>
    /// Reads a class's own [Asynchronous] (channel and priority) and [Retry], for what runs as a whole
    /// class (a projection's trigger); null when the class is not asynchronous.
    /// </summary>
    public static AsynchronousModel? ReadClass(INamedTypeSymbol type)
    {
        if (Find(type.GetAttributes(), KnownNames.AsynchronousAttribute) is not { ConstructorArguments.Length: 1 } attribute
            || attribute.ConstructorArguments[0].Value is not string { Length: > 0 } channel)
        {
            return null;
        }

        var retry = Find(type.GetAttributes(), KnownNames.RetryAttribute) is { } retryAttribute ? ReadRetry(retryAttribute) : null;
        return new AsynchronousModel(channel, Named(attribute, "Priority") as int? ?? 0, null, null, retry, null);
    }

    /// <summary>
    /// Checks a [Deduplicated] member path against the message type: every segment must be a
    /// readable public (or internal) property or field. Returns the first problem, or null.
    /// </summary>
    public static MemberPathProblem? CheckMemberPath(ITypeSymbol messageType, string path)
    {
        TryAccess(messageType, path, out var problem);
        return problem;
    }

    private static DeduplicationModel? ReadDeduplication(AttributeData attribute, ITypeSymbol? messageType)
    {
        if (Named(attribute, "Header") is string header && header.Length > 0)
        {
            return new DeduplicationModel(header, null);
        }

        if (attribute.ConstructorArguments.Length == 1 && attribute.ConstructorArguments[0].Value is string path && messageType is not null)
        {
            return TryAccess(messageType, path, out _) is { } access ? new DeduplicationModel(null, access) : null;
        }

        return null;
    }

    private static string? TryAccess(ITypeSymbol messageType, string path, out MemberPathProblem? problem)
    {
        problem = null;
        var access = "message";
        var type = messageType;
        var nullable = false;
        foreach (var segment in path.Split('.'))
        {
            var member = Members(type).FirstOrDefault(m => m.Name == segment && IsReadable(m));
            if (member is null)
            {
                problem = new MemberPathProblem(segment, type.ToDisplayString());
                return null;
            }

            access += (nullable ? "?." : ".") + segment;
            type = member is IPropertySymbol property ? property.Type : ((IFieldSymbol)member).Type;
            nullable = type.IsReferenceType || type.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T;
            if (type.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T && type is INamedTypeSymbol { TypeArguments.Length: 1 } wrapper)
            {
                // Members after a Nullable<T> segment are T's (the ?. operator unwraps it).
                type = wrapper.TypeArguments[0];
            }
        }

        return access;
    }

    private static IEnumerable<ISymbol> Members(ITypeSymbol type)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            foreach (var member in current.GetMembers())
            {
                yield return member;
            }
        }

        if (type.TypeKind == TypeKind.Interface)
        {
            foreach (var member in type.AllInterfaces.SelectMany(static i => i.GetMembers()))
            {
                yield return member;
            }
        }
    }

    private static bool IsReadable(ISymbol member) =>
        !member.IsStatic
        && member.DeclaredAccessibility is Accessibility.Public or Accessibility.Internal
        && member switch
        {
            IPropertySymbol property => property.GetMethod is not null && !property.IsIndexer && property.GetMethod.DeclaredAccessibility is Accessibility.Public or Accessibility.Internal,
            IFieldSymbol field => !field.IsImplicitlyDeclared,
            _ => false,
        };

    private static RetryModel ReadRetry(AttributeData attribute) => new(
        Named(attribute, "Instant") as int? ?? 2,
        Named(attribute, "Delayed") as int? ?? 3,
        Named(attribute, "InitialDelayMilliseconds") as int? ?? 1000,
        Named(attribute, "Multiplier") as double? ?? 3,
        Named(attribute, "MaxDelayMilliseconds") as int? ?? 300_000);

    private static int? Milliseconds(IMethodSymbol method, string attributeName) =>
        OnMethodOrClass(method, attributeName) is { ConstructorArguments.Length: 1 } attribute ? attribute.ConstructorArguments[0].Value as int? : null;

    private static AttributeData? OnMethodOrClass(IMethodSymbol method, string attributeName) =>
        Find(method.GetAttributes(), attributeName) ?? Find(method.ContainingType.GetAttributes(), attributeName);

    private static AttributeData? Find(IEnumerable<AttributeData> attributes, string metadataName) =>
        attributes.FirstOrDefault(a => KnownAttributes.Is(a, metadataName));

    private static object? Named(AttributeData attribute, string name)
    {
        foreach (var pair in attribute.NamedArguments)
        {
            if (pair.Key == name)
            {
                return pair.Value.Value;
            }
        }

        return null;
    }
}
