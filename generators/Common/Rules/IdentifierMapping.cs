using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Estuary.SourceGeneration;

/// <summary>
/// Resolves where a message keeps an aggregate's or saga's identifier, as a C# expression over the
/// generated endpoint's <c>message</c> and <c>context</c> locals. In order: an [IdentifierMapping] on
/// the handler (a header, a member path or a static method), the message member marked
/// [TargetIdentifier], the member of the identifier's name (ignoring case).
/// </summary>
internal static class IdentifierMapping
{
    /// <summary>
    /// The expression reading <paramref name="identifier"/> for a handler of <paramref name="message"/>,
    /// or null with the reason in <paramref name="problem"/> (null too when nothing maps it).
    /// </summary>
    public static string? Resolve(IMethodSymbol handler, ITypeSymbol message, ISymbol identifier, out AggregateProblem? problem)
    {
        problem = null;
        var mapping = Mappings(handler).FirstOrDefault(m => m.Identifier == identifier.Name);
        if (mapping is not null)
        {
            return FromAttribute(mapping, handler.ContainingType, message, out problem);
        }

        return AggregateShape.MessageMember(message, identifier.Name) is { } member ? "message." + member.Name : null;
    }

    /// <summary>The [IdentifierMapping] attributes of a handler, with the identifiers they name.</summary>
    public static IReadOnlyList<MappingAttribute> Mappings(IMethodSymbol handler) =>
        handler.GetAttributes()
            .Where(a => KnownAttributes.Is(a, KnownNames.IdentifierMappingAttribute) && a.ConstructorArguments.Length == 1)
            .Select(a => new MappingAttribute(
                a.ConstructorArguments[0].Value as string ?? string.Empty,
                Named(a, "Header"),
                Named(a, "Member"),
                Named(a, "Method")))
            .ToList();

    private static string? FromAttribute(MappingAttribute mapping, INamedTypeSymbol owner, ITypeSymbol message, out AggregateProblem? problem)
    {
        problem = null;
        var given = new[] { mapping.Header, mapping.Member, mapping.Method }.Count(s => s is not null);
        if (given != 1)
        {
            problem = Invalid(mapping, "set exactly one of Header, Member or Method");
            return null;
        }

        if (mapping.Header is { } header)
        {
            return header.Length == 0
                ? Fail(out problem, Invalid(mapping, "the header name is empty"))
                : "global::Estuary.Runtime.AggregateRuntime.Header(context, " + Literal(header) + ")";
        }

        if (mapping.Member is { } path)
        {
            return MemberPath(message, path, out var error) ?? Fail(out problem, Invalid(mapping, error!));
        }

        return MethodCall(owner, message, mapping.Method!, out var reason) ?? Fail(out problem, Invalid(mapping, reason!));
    }

    // message.A.B, with ?. after members that may be null so a missing part reads as a missing identifier.
    private static string? MemberPath(ITypeSymbol message, string path, out string? error)
    {
        error = null;
        var expression = "message";
        var type = message;
        var segments = path.Split('.');
        for (var i = 0; i < segments.Length; i++)
        {
            var member = AggregateShape.Readable(type).FirstOrDefault(m => m.Name == segments[i]);
            if (member is null)
            {
                error = "'" + path + "': " + type.Name + " has no public or internal member '" + segments[i] + "'";
                return null;
            }

            expression += (i > 0 && !type.IsValueType ? "?." : ".") + member.Name;
            type = AggregateShape.TypeOf(member);
        }

        return expression;
    }

    // A static method of the aggregate taking the message, and optionally the MessageContext.
    private static string? MethodCall(INamedTypeSymbol owner, ITypeSymbol message, string name, out string? reason)
    {
        reason = null;
        foreach (var candidate in owner.GetMembers(name).OfType<IMethodSymbol>())
        {
            if (!candidate.IsStatic || candidate.ReturnsVoid || candidate.IsGenericMethod || !Callability.IsCallableFromAssembly(candidate)
                || candidate.Parameters.Length is 0 or > 2
                || !Assignable(message, candidate.Parameters[0].Type)
                || (candidate.Parameters.Length == 2 && candidate.Parameters[1].Type.ToDisplayString() != KnownNames.MessageContext))
            {
                continue;
            }

            return SymbolNames.FullNonNullable(owner) + "." + name + (candidate.Parameters.Length == 1 ? "(message)" : "(message, context)");
        }

        reason = owner.Name + " has no public or internal static method '" + name + "(" + message.Name + "[, MessageContext])' returning the identifier";
        return null;
    }

    private static bool Assignable(ITypeSymbol from, ITypeSymbol to)
    {
        for (var type = from; type is not null; type = type.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(type, to))
            {
                return true;
            }
        }

        return from.AllInterfaces.Any(i => SymbolEqualityComparer.Default.Equals(i, to)) || to.SpecialType == SpecialType.System_Object;
    }

    private static AggregateProblem Invalid(MappingAttribute mapping, string reason) =>
        new(AggregateProblemKind.InvalidMapping, mapping.Identifier, reason);

    private static string? Fail(out AggregateProblem? problem, AggregateProblem reason)
    {
        problem = reason;
        return null;
    }

    private static string? Named(AttributeData attribute, string name) =>
        attribute.NamedArguments.FirstOrDefault(n => n.Key == name).Value.Value as string;

    private static string Literal(string text) => Microsoft.CodeAnalysis.CSharp.SymbolDisplay.FormatLiteral(text, quote: true);
}

/// <summary>One [IdentifierMapping] as written.</summary>
internal sealed record MappingAttribute(string Identifier, string? Header, string? Member, string? Method);
