using System.Collections.Generic;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Estuary.Docs.Tests;

/// <summary>
/// Reads the variables a snippet comment declares (<c>IEventStore events;</c>: a declaration without a
/// value) and takes them out of the context text, which keeps its line count so lines still map.
/// </summary>
internal static class ContextVariables
{
    public static (string Context, IReadOnlyDictionary<string, string> Variables) Extract(string context)
    {
        var variables = new Dictionary<string, string>();
        if (context.Length == 0)
        {
            return (context, variables);
        }

        // The placeholder line is not C#; blank it so the rest parses as written.
        var parseable = string.Join('\n', context.Split('\n').Select(line => line.Trim() == SnippetSource.Placeholder ? "" : line));
        var root = CSharpSyntaxTree.ParseText(parseable, DocsProject.ParseOptions).GetCompilationUnitRoot();
        var text = new StringBuilder(context);
        foreach (var statement in root.Members.OfType<GlobalStatementSyntax>().Select(g => g.Statement))
        {
            if (statement is LocalDeclarationStatementSyntax { Modifiers.Count: 0, UsingKeyword.RawKind: 0, Declaration: var declaration }
                && declaration.Variables.All(v => v.Initializer is null))
            {
                foreach (var variable in declaration.Variables)
                {
                    variables[variable.Identifier.ValueText] = declaration.Type.ToString();
                }

                for (var i = statement.Span.Start; i < statement.Span.End; i++)
                {
                    text[i] = text[i] == '\n' ? '\n' : ' ';
                }
            }
        }

        return (text.ToString(), variables);
    }
}
