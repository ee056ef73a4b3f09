using Microsoft.CodeAnalysis;

namespace Estuary.SourceGeneration;

/// <summary>Why generated code cannot call a method (or name a type) of the assembly it is generated in.</summary>
internal enum CallProblemKind
{
    /// <summary>The method has type parameters, and the generator cannot choose type arguments.</summary>
    GenericMethod,

    /// <summary>A containing type is generic.</summary>
    GenericType,

    /// <summary>The symbol itself is private, protected or private protected.</summary>
    Hidden,

    /// <summary>A containing type is private, protected or private protected.</summary>
    HiddenType,

    /// <summary>The symbol or a containing type is file-local: a generated file cannot name it.</summary>
    FileLocalType,

    /// <summary>An instance method of an interface: there is no class to resolve and call it on.</summary>
    InterfaceOwner,

    /// <summary>An instance method of an abstract (or static) class, which the container cannot create.</summary>
    AbstractOwner,

    /// <summary>An instance method of a struct where a class is required.</summary>
    NonClassOwner,
}

/// <summary>A call problem and the symbol it is about (the method, or the offending type).</summary>
internal readonly record struct CallProblem(CallProblemKind Kind, ISymbol Symbol);

/// <summary>
/// Whether generated code can call a user method. Generated code lives in the user's assembly and
/// calls static methods on their type and instance methods on an instance resolved from the
/// container, so it needs accessible, non-generic members and a type the container can create.
/// </summary>
internal static class Callability
{
    /// <summary>The first reason generated code cannot call <paramref name="method"/>, or null.</summary>
    /// <param name="allowStructOwner">
    /// Whether an instance method may live in a struct. Interceptors may (the container hands out a
    /// boxed copy, which works for one that only holds dependencies); handlers have always required
    /// a class.
    /// </param>
    public static CallProblem? Check(IMethodSymbol method, bool allowStructOwner)
    {
        if (method.IsGenericMethod)
        {
            return new CallProblem(CallProblemKind.GenericMethod, method);
        }

        for (var type = method.ContainingType; type is not null; type = type.ContainingType)
        {
            if (type.IsGenericType)
            {
                return new CallProblem(CallProblemKind.GenericType, type);
            }
        }

        if (Inaccessible(method) is { } inaccessible)
        {
            return inaccessible;
        }

        var owner = method.ContainingType!;
        if (method.IsStatic)
        {
            return null;
        }

        if (owner.TypeKind == TypeKind.Interface)
        {
            return new CallProblem(CallProblemKind.InterfaceOwner, owner);
        }

        if (owner.IsAbstract || owner.IsStatic)
        {
            return new CallProblem(CallProblemKind.AbstractOwner, owner);
        }

        return !allowStructOwner && owner.TypeKind != TypeKind.Class ? new CallProblem(CallProblemKind.NonClassOwner, owner) : null;
    }

    /// <summary>Why code generated into the same assembly cannot name the symbol (it or a container is hidden or file-local), or null.</summary>
    public static CallProblem? Inaccessible(ISymbol symbol)
    {
        var kind = CallProblemKind.Hidden;
        for (var current = symbol; current is not null and not INamespaceSymbol; current = current.ContainingSymbol)
        {
            if (current.DeclaredAccessibility is Accessibility.Private or Accessibility.Protected or Accessibility.ProtectedAndInternal)
            {
                return new CallProblem(kind, current);
            }

            if (current is INamedTypeSymbol { IsFileLocal: true })
            {
                return new CallProblem(CallProblemKind.FileLocalType, current);
            }

            kind = CallProblemKind.HiddenType;
        }

        return null;
    }

    /// <summary>Whether generated code in the same assembly can name the member (it and all its containers are internal or public).</summary>
    public static bool IsCallableFromAssembly(ISymbol symbol) => Inaccessible(symbol) is null;
}
