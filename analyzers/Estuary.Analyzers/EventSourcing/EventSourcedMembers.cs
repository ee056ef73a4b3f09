using System.Collections.Generic;
using System.Linq;
using Estuary.SourceGeneration;
using Microsoft.CodeAnalysis;

namespace Estuary.Analyzers;

/// <summary>
/// The members of an [EventSourcingAggregate] or [EventSourcingSaga] that EventSourcedShape.Read checks
/// before it wires any handler: a parameterless constructor to replay events into, and the
/// [EventSourcingHandler] methods the generated apply switch calls. Kept in step with the shape.
/// </summary>
internal static class EventSourcedMembers
{
    /// <summary>"aggregate" or "saga", as messages name it.</summary>
    public static string Noun(ITypeSymbol type) => EventSourcedShape.IsSaga(type) ? "saga" : "aggregate";

    /// <summary>"event-sourced aggregate" or "event-sourced saga", as messages name it.</summary>
    public static string Kind(ITypeSymbol type) => "event-sourced " + Noun(type);

    /// <summary>As EventSourcedShape.Read: generated code creates an empty instance with <c>new T()</c>.</summary>
    public static bool HasEmptyConstructor(INamedTypeSymbol type) =>
        !type.IsAbstract && type.InstanceConstructors.Any(c => c.Parameters.Length == 0 && Callability.IsCallableFromAssembly(c));

    /// <summary>The [EventSourcingHandler] methods of the type and its base classes, valid or not, as EventSourcedShape.ApplyMethods finds them.</summary>
    public static IEnumerable<IMethodSymbol> ApplyMethods(INamedTypeSymbol type) => EventSourcedShape.ApplyMethods(type);

    /// <summary>Why the generated apply switch of <paramref name="aggregate"/> cannot call <paramref name="method"/>, with what to do; null when it can.</summary>
    public static string? ApplyProblem(IMethodSymbol method, INamedTypeSymbol aggregate) =>
        ApplyProblem(method) ?? (EventSourcedShape.IsForeignInternal(method, aggregate)
            ? "its [EventSourcingHandler] " + method.Name + " is " + SyntaxFacts(method.DeclaredAccessibility) + " in " + method.ContainingType.Name + " of assembly " + method.ContainingAssembly.Name
                + ", which code generated in " + aggregate.ContainingAssembly.Name + " cannot call; make it public"
            : null);

    /// <summary>Why the generated apply switch cannot call <paramref name="method"/>, with what to do; null when it can.</summary>
    public static string? ApplyProblem(IMethodSymbol method)
    {
        var signature = "void " + method.Name + "(" + (method.Parameters.FirstOrDefault() is { } first ? Names.Type(first.Type) + " " + first.Name : "TheEvent e") + ")";
        if (method.IsStatic)
        {
            return "its [EventSourcingHandler] " + method.Name + " is static, but it applies an event to the instance it is called on; declare it as an instance method, " + signature;
        }

        if (method.IsGenericMethod)
        {
            return "its [EventSourcingHandler] " + method.Name + " is generic, and the generated apply switch calls each apply method with one event type; declare one per event, void " + method.Name + "(TheEvent e)";
        }

        if (method.Parameters.Length == 0)
        {
            return "its [EventSourcingHandler] " + method.Name + " takes no event; declare it as " + signature + " with the event it applies";
        }

        if (method.Parameters.Length > 1)
        {
            return "its [EventSourcingHandler] " + method.Name + " takes " + method.Parameters.Length + " parameters, but an apply method takes only the event: it runs again every time the "
                + Noun(method.ContainingType) + " is loaded, so it must not use services or have any other side effect; declare it as " + signature
                + " and move the rest to a handler";
        }

        if (!method.ReturnsVoid)
        {
            return "its [EventSourcingHandler] " + method.Name + " returns " + Names.Type(method.ReturnType) + ", but an apply method only changes the instance; make it return void";
        }

        return Callability.Inaccessible(method) is { } hidden
            ? "its [EventSourcingHandler] " + method.Name + " " + Hidden(method, hidden) + ", so the generated apply switch cannot call it; make it public or internal"
            : null;
    }

    private static string SyntaxFacts(Accessibility accessibility) => accessibility switch
    {
        Accessibility.ProtectedOrInternal => "protected internal",
        Accessibility.ProtectedAndInternal => "private protected",
        _ => accessibility.ToString().ToLowerInvariant(),
    };

    /// <summary>Whether the event keeps a name of its own when stored: [NamedEvent] or [MessageName] (SymbolNames.MessageName reads either).</summary>
    public static bool HasStableName(ITypeSymbol type) =>
        type.GetAttributes().Any(a => KnownAttributes.IsAny(a, KnownNames.NamedEventAttribute, KnownNames.MessageNameAttribute)
            && a.ConstructorArguments.Length == 1 && a.ConstructorArguments[0].Value is string);

    /// <summary>The name an event without one is stored under, as SymbolNames.MessageName falls back to.</summary>
    public static string DefaultName(ITypeSymbol type) => SymbolNames.Plain(type);

    /// <summary>Why generated code cannot name <paramref name="symbol"/>: private, protected, private protected or file-local.</summary>
    private static string Access(ISymbol symbol) => symbol.DeclaredAccessibility switch
    {
        Accessibility.Private => "private",
        Accessibility.Protected => "protected",
        Accessibility.ProtectedAndInternal => "private protected",
        _ => "file-local",
    };

    /// <summary>"is private", or "is in private type Outer", for a method Callability.Inaccessible refuses.</summary>
    public static string Hidden(IMethodSymbol method, CallProblem problem) =>
        SymbolEqualityComparer.Default.Equals(problem.Symbol, method) ? "is " + Access(method) : "is in " + Access(problem.Symbol) + " type " + problem.Symbol.Name;
}
