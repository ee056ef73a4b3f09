using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;

namespace Estuary.Generators.Tests;

/// <summary>
/// Walks a pipeline step's output and lists what would defeat caching or keep a compilation alive:
/// Roslyn objects (symbols, syntax, locations, compilations, semantic models) and types compared by reference.
/// </summary>
internal static class ModelGraph
{
    private static readonly Type[] s_roslynTypes =
    [
        typeof(ISymbol), typeof(SyntaxNode), typeof(SyntaxTree), typeof(Location), typeof(Compilation), typeof(SemanticModel), typeof(AttributeData),
    ];

    public static IEnumerable<string> Problems(object? root, string path)
    {
        var problems = new List<string>();
        Walk(root, path, new HashSet<object>(ReferenceEqualityComparer.Instance), problems);
        return problems;
    }

    private static void Walk(object? value, string path, HashSet<object> visited, List<string> problems)
    {
        if (value is null)
        {
            return;
        }

        var type = value.GetType();
        if (type.IsPrimitive || type.IsEnum || value is string or decimal)
        {
            return;
        }

        if (s_roslynTypes.FirstOrDefault(t => t.IsInstanceOfType(value)) is { } roslyn)
        {
            problems.Add($"{path} holds a {roslyn.Name} ({type.FullName})");
            return;
        }

        if (type.Assembly.GetName().Name?.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal) == true)
        {
            problems.Add($"{path} holds Roslyn type {type.FullName}");
            return;
        }

        if (!type.IsValueType && !visited.Add(value))
        {
            return;
        }

        if (type.IsGenericType && type.GetGenericTypeDefinition().Name == "EquatableArray`1")
        {
            var index = 0;
            foreach (var item in (IEnumerable)value)
            {
                Walk(item, $"{path}[{index++}]", visited, problems);
            }

            return;
        }

        if (value is Delegate or IEnumerable)
        {
            problems.Add($"{path} is a {Readable(type)}, which compares by reference; models hold EquatableArray<T> instead");
            return;
        }

        if (!ComparesByValue(type))
        {
            problems.Add($"{path} is a {Readable(type)}, which does not implement IEquatable<{type.Name}>; make it a record");
        }

        foreach (var field in type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
        {
            Walk(field.GetValue(value), path + "." + FieldName(field), visited, problems);
        }
    }

    private static bool ComparesByValue(Type type) =>
        type.FullName?.StartsWith("System.ValueTuple`", StringComparison.Ordinal) == true
        || (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Nullable<>))
        || typeof(IEquatable<>).MakeGenericType(type).IsAssignableFrom(type);

    // Record properties are backed by fields named <Name>k__BackingField.
    private static string FieldName(FieldInfo field) =>
        field.Name.StartsWith('<') ? field.Name[1..field.Name.IndexOf('>', StringComparison.Ordinal)] : field.Name;

    private static string Readable(Type type) =>
        type.IsGenericType ? type.Name[..type.Name.IndexOf('`', StringComparison.Ordinal)] + "<" + string.Join(", ", type.GetGenericArguments().Select(Readable)) + ">" : type.Name;
}
