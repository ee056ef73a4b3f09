using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Estuary.SourceGeneration;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Estuary.Analyzers;

/// <summary>
/// EST0010: a message crossing a transport or sent by routing key as JSON is deserialized into the
/// handler's message type. Shapes System.Text.Json cannot read back fail only at run time, on the
/// first remote message; here they are caught where the type is declared in this project.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class MessageSerializationAnalyzer : EstuaryAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.UnserializableMessage);

    private protected override void OnCompilationStart(CompilationStartAnalysisContext context, EstuarySymbols symbols) =>
        OnMethod(context, (c, method) =>
        {
            foreach (var handler in HandlerInfo.Read(method, symbols))
            {
                if (handler.IsWired && handler.MessageParameter is { Type: INamedTypeSymbol type } parameter
                    && SymbolEqualityComparer.Default.Equals(type.ContainingAssembly, c.Compilation.Assembly)
                    && Problem(type, handler.Kind, symbols) is { } problem)
                {
                    c.ReportDiagnostic(Diagnostic.Create(Descriptors.UnserializableMessage, SyntaxLocations.ParameterType(parameter, c.CancellationToken), Names.Type(type), handler.DisplayName, problem));
                }
            }
        });

    private static string? Problem(INamedTypeSymbol type, HandlerKind kind, EstuarySymbols symbols)
    {
        // An event handler taking an interface or base class subscribes to every event implementing
        // it; what is deserialized is the concrete event published, so only commands and queries
        // must be concrete.
        if (kind != HandlerKind.Event && type.TypeKind == TypeKind.Interface)
        {
            return "it is an interface; handle a concrete class or record";
        }

        if (kind != HandlerKind.Event && type.TypeKind == TypeKind.Class && type.IsAbstract)
        {
            return "it is abstract; handle a concrete class or record";
        }

        if (type.IsUnboundGenericType || type.TypeArguments.Any(t => t.TypeKind == TypeKind.TypeParameter))
        {
            return "it is an open generic type; handle a closed type";
        }

        if (type.TypeKind == TypeKind.Class && !type.IsAbstract && !type.InstanceConstructors.Any(c => c.DeclaredAccessibility == Accessibility.Public || HasAttribute(c, symbols.JsonConstructor)))
        {
            return "it has no public constructor; add one, or mark the constructor to use [JsonConstructor]";
        }

        foreach (var property in Properties(type))
        {
            if (Unsupported(property.Type) is { } why && !property.GetAttributes().Any(a => a.AttributeClass?.Name == "JsonIgnoreAttribute"))
            {
                return "property '" + property.Name + "' is " + why + "; give it a concrete data type or mark it [JsonIgnore]";
            }
        }

        return null;
    }

    private static string? Unsupported(ITypeSymbol type) => type switch
    {
        { SpecialType: SpecialType.System_Object } => "an object, which is read back as a JsonElement",
        { SpecialType: SpecialType.System_IntPtr or SpecialType.System_UIntPtr } => "a native pointer, which System.Text.Json does not serialize",
        { TypeKind: TypeKind.Delegate } => "a delegate, which System.Text.Json does not serialize",
        _ when Names.Type(type) == "Type" && type.ContainingNamespace?.ToDisplayString() == "System" => "a System.Type, which System.Text.Json refuses to serialize",
        _ => null,
    };

    /// <summary>The public instance properties JSON sees, from the type and its base classes.</summary>
    private static IEnumerable<IPropertySymbol> Properties(INamedTypeSymbol type)
    {
        for (var current = type; current is not null && current.SpecialType != SpecialType.System_Object; current = current.BaseType)
        {
            foreach (var member in current.GetMembers())
            {
                if (member is IPropertySymbol { IsStatic: false, IsIndexer: false, DeclaredAccessibility: Accessibility.Public, GetMethod: not null } property && !property.IsOverride)
                {
                    yield return property;
                }
            }
        }
    }

    private static bool HasAttribute(ISymbol symbol, INamedTypeSymbol? attribute) =>
        attribute is not null && symbol.GetAttributes().Any(a => EstuarySymbols.Is(a.AttributeClass, attribute));
}
