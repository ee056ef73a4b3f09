using System.Collections.Immutable;
using System.Linq;
using Estuary.SourceGeneration;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Estuary.Analyzers;

/// <summary>
/// EST0019: the generator compiles a [Deduplicated] member path into an access on the message
/// (AsynchronousShape); a path it cannot resolve, or an attribute naming neither a path nor a
/// header, leaves the endpoint wired without deduplication, so every redelivery runs again.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class DeduplicationKeyAnalyzer : EstuaryAnalyzer
{
    private const string ByHeader = "[Deduplicated(Header = \"name\")]";

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.UnreadableDeduplicationKey);

    private protected override void OnCompilationStart(CompilationStartAnalysisContext context, EstuarySymbols symbols)
    {
        if (symbols.Deduplicated is null)
        {
            return;
        }

        OnMethod(context, (c, method) =>
        {
            var attribute = method.GetAttributes().FirstOrDefault(a => EstuarySymbols.Is(a.AttributeClass, symbols.Deduplicated));

            // On a method that is not an asynchronous handler the attribute does nothing: EST0021.
            var handler = attribute is null ? null : HandlerInfo.Read(method, symbols).FirstOrDefault(h => h.IsAsynchronous);
            if (handler is not null && Problem(attribute!, handler) is { } problem)
            {
                c.ReportDiagnostic(Diagnostic.Create(Descriptors.UnreadableDeduplicationKey, SyntaxLocations.Attribute(attribute!, method, c.CancellationToken), handler.DisplayName, problem));
            }
        });
    }

    private static string? Problem(AttributeData attribute, HandlerInfo handler)
    {
        if (attribute.NamedArguments.Any(a => a.Key == "Header" && a.Value.Value is string { Length: > 0 }))
        {
            return null;
        }

        var path = attribute.ConstructorArguments.Length == 1 ? attribute.ConstructorArguments[0].Value as string : null;
        var message = handler.MessageType;
        if (string.IsNullOrWhiteSpace(path))
        {
            return message is null
                ? "it names neither a member path nor a header; give the header holding the key, " + ByHeader
                : "it names neither a member path nor a header; give the message member holding the key, " + ByMember(message) + ", or a header, " + ByHeader;
        }

        if (message is null)
        {
            return handler.DisplayName + " takes no message to read '" + path + "' from; deduplicate by a header, " + ByHeader;
        }

        return AsynchronousShape.CheckMemberPath(message, path!) is { } problem
            ? "'" + problem.Segment + "' is not a readable public or internal property or field of '" + problem.OnType + "'; correct the member path, or deduplicate by a header"
            : null;
    }

    /// <summary>An example naming a readable *Id member of the message when it has one, the likeliest key.</summary>
    private static string ByMember(ITypeSymbol message)
    {
        var id = message.GetMembers().FirstOrDefault(m => m is IPropertySymbol or IFieldSymbol
            && m.Name.EndsWith("Id", System.StringComparison.Ordinal) && !m.IsImplicitlyDeclared && AsynchronousShape.CheckMemberPath(message, m.Name) is null);
        return id is null ? "e.g. [Deduplicated(\"Member.Path\")]" : "e.g. [Deduplicated(nameof(" + Names.Type(message) + "." + id.Name + "))]";
    }
}
