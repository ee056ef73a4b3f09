using System.Collections.Generic;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace Estuary.Docs.Tests;

/// <summary>One block as a source file of the docs project, and the variables its comment declares.</summary>
internal sealed record SnippetFile(Snippet Snippet, SyntaxTree Tree, IReadOnlyDictionary<string, string> Variables);

/// <summary>
/// Turns a block (plus its hidden context) into a C# file. Types and usings stay as written; members
/// written without a class (a handler method, a property) go into a class of their own; statements go
/// into a method whose parameters are the variables they use but do not declare. <c>#line</c>
/// directives keep every error on the Markdown line it comes from.
/// </summary>
internal static class SnippetSource
{
    /// <summary>A context line holding only this marks where the block goes.</summary>
    public const string Placeholder = "...";

    public static SnippetFile Create(Snippet snippet, IReadOnlyDictionary<string, string> inheritedVariables)
    {
        var (context, variables) = ContextVariables.Extract(snippet.Annotation.Context);
        var written = CSharpSyntaxTree.ParseText(Assemble(snippet, context), DocsProject.ParseOptions, path: snippet.Name);
        var root = written.GetCompilationUnitRoot();

        var members = new List<MemberDeclarationSyntax>();
        var statements = new List<GlobalStatementSyntax>();
        var declarations = new List<SyntaxNode>();
        foreach (var member in root.Members)
        {
            switch (member)
            {
                case GlobalStatementSyntax { Statement: LocalFunctionStatementSyntax { AttributeLists.Count: > 0 } }:
                    members.Add(member); // an attributed method without its class, e.g. [CommandHandler] void Place(...)
                    break;
                case GlobalStatementSyntax statement:
                    statements.Add(statement);
                    break;
                case BaseTypeDeclarationSyntax or DelegateDeclarationSyntax or BaseNamespaceDeclarationSyntax:
                    declarations.Add(member);
                    break;
                default:
                    members.Add(member);
                    break;
            }
        }

        // A file as written stays as it is; context goes first, so its usings need moving up.
        if (members.Count == 0 && statements.Count == 0 && context.Length == 0)
        {
            return new SnippetFile(snippet, written, variables);
        }

        var available = new Dictionary<string, string>(HostVariables.Standard);
        foreach (var (name, type) in inheritedVariables.Concat(variables))
        {
            available[name] = type;
        }

        // Wrapping lines map to the block's first line: an error there is the block's, and `#line hidden`
        // would hide the wrapped statements from analyzers' operation actions.
        var wrapping = $"#line {snippet.Line} \"{snippet.Page}\"\n";
        var source = new StringBuilder();
        foreach (var node in root.Externs.Cast<SyntaxNode>().Concat(root.Usings).Concat(root.AttributeLists).Concat(declarations))
        {
            AppendMapped(source, written, node);
        }

        if (members.Count > 0)
        {
            source.Append(wrapping).Append("public partial class DocsBlock").Append(snippet.Line).Append("\n{\n");
            members.ForEach(member => AppendMapped(source, written, member));
            source.Append(wrapping).Append("}\n");
        }

        if (statements.Count > 0)
        {
            var parameters = string.Join(", ", Parameters(statements, available).Select(p => p.Type + " " + p.Name));
            source.Append(wrapping).Append("public static class DocsBlock").Append(snippet.Line).Append("Statements\n{\n")
                .Append("    public static async global::System.Threading.Tasks.Task<object?> RunAsync(").Append(parameters).Append(")\n    {\n");
            statements.ForEach(statement => AppendMapped(source, written, statement));
            source.Append(wrapping).Append("        return null;\n    }\n}\n");
        }

        var tree = CSharpSyntaxTree.ParseText(source.ToString(), DocsProject.ParseOptions, path: snippet.Name, encoding: Encoding.UTF8);
        return new SnippetFile(snippet, tree, variables);
    }

    // Context lines, then the block (or the block in place of the placeholder), each led by a #line for its page line.
    private static string Assemble(Snippet snippet, string context)
    {
        var segments = new List<(int Line, IEnumerable<string> Lines)>();
        var contextLines = context.Length == 0 ? [] : context.Split('\n');
        var placeholder = System.Array.FindIndex(contextLines, line => line.Trim() == Placeholder);
        var contextLine = snippet.Annotation.ContextLine;
        if (placeholder < 0)
        {
            // The block's own usings stay first, where C# wants them; the context follows them.
            var code = snippet.Code.Split('\n');
            var usings = CSharpSyntaxTree.ParseText(snippet.Code, DocsProject.ParseOptions).GetCompilationUnitRoot().Usings;
            var usingLines = usings.Count == 0 ? 0 : usings[^1].GetLocation().GetLineSpan().EndLinePosition.Line + 1;
            segments.Add((snippet.Line, code[..usingLines]));
            segments.Add((contextLine, contextLines));
            segments.Add((snippet.Line + usingLines, code[usingLines..]));
        }
        else
        {
            segments.Add((contextLine, contextLines[..placeholder]));
            segments.Add((snippet.Line, snippet.Code.Split('\n')));
            segments.Add((contextLine + placeholder + 1, contextLines[(placeholder + 1)..]));
        }

        var text = new StringBuilder();
        foreach (var (line, lines) in segments.Where(s => s.Lines.Any()))
        {
            text.Append("#line ").Append(line).Append(" \"").Append(snippet.Page).Append("\"\n");
            foreach (var codeLine in lines)
            {
                text.Append(codeLine).Append('\n');
            }
        }

        return text.ToString();
    }

    private static void AppendMapped(StringBuilder source, SyntaxTree written, SyntaxNode node)
    {
        var start = written.GetMappedLineSpan(new TextSpan(node.FullSpan.Start, 0));
        source.Append("#line ").Append(start.StartLinePosition.Line + 1).Append(" \"").Append(start.Path).Append("\"\n");
        var text = node.ToFullString();
        source.Append(text);
        if (!text.EndsWith('\n'))
        {
            source.Append('\n');
        }
    }

    // The variables the statements use and do not declare themselves, in the order they are known.
    private static IEnumerable<(string Name, string Type)> Parameters(List<GlobalStatementSyntax> statements, Dictionary<string, string> available)
    {
        var nodes = statements.SelectMany(s => s.DescendantNodesAndSelf()).ToList();
        var used = nodes.OfType<IdentifierNameSyntax>().Select(n => n.Identifier.ValueText).ToHashSet();
        var declared = nodes.Select(DeclaredName).Where(name => name is not null).ToHashSet();
        return available.Where(v => used.Contains(v.Key) && !declared.Contains(v.Key)).Select(v => (v.Key, v.Value));
    }

    private static string? DeclaredName(SyntaxNode node) => node switch
    {
        VariableDeclaratorSyntax v => v.Identifier.ValueText,
        SingleVariableDesignationSyntax d => d.Identifier.ValueText,
        ForEachStatementSyntax f => f.Identifier.ValueText,
        ParameterSyntax p => p.Identifier.ValueText,
        CatchDeclarationSyntax c => c.Identifier.ValueText,
        LocalFunctionStatementSyntax l => l.Identifier.ValueText,
        _ => null,
    };
}
