using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Estuary.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Estuary.CodeFixes;

/// <summary>EST0007: replaces a handler's private/protected modifiers with <c>public</c>.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MakeMethodPublicCodeFix)), Shared]
public sealed class MakeMethodPublicCodeFix : CodeFixProvider
{
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.UncallableHandler);

    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (var diagnostic in context.Diagnostics)
        {
            if (diagnostic.Properties.ContainsKey(CallableHandlerAnalyzer.MakePublicProperty)
                && root?.FindToken(diagnostic.Location.SourceSpan.Start).Parent?.FirstAncestorOrSelf<MethodDeclarationSyntax>() is { } method)
            {
                context.RegisterCodeFix(
                    CodeAction.Create("Make the method public", ct => MakePublicAsync(context.Document, method, ct), nameof(MakeMethodPublicCodeFix)),
                    diagnostic);
            }
        }
    }

    private static async Task<Document> MakePublicAsync(Document document, MethodDeclarationSyntax method, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var modifiers = method.Modifiers;
        var access = modifiers.Where(m => m.IsKind(SyntaxKind.PrivateKeyword) || m.IsKind(SyntaxKind.ProtectedKeyword) || m.IsKind(SyntaxKind.InternalKeyword)).ToList();
        SyntaxTokenList updated;
        if (access.Count == 0)
        {
            // No modifier means private: put 'public' first, taking over the leading trivia (indentation, comments).
            var publicToken = SyntaxFactory.Token(SyntaxKind.PublicKeyword).WithTrailingTrivia(SyntaxFactory.Space);
            if (modifiers.Count == 0)
            {
                var returnType = method.ReturnType;
                var moved = method.WithReturnType(returnType.WithLeadingTrivia()).WithModifiers(SyntaxFactory.TokenList(publicToken.WithLeadingTrivia(returnType.GetLeadingTrivia())));
                return document.WithSyntaxRoot(root!.ReplaceNode(method, moved));
            }

            updated = modifiers.Replace(modifiers[0], modifiers[0].WithLeadingTrivia()).Insert(0, publicToken.WithLeadingTrivia(modifiers[0].LeadingTrivia));
        }
        else
        {
            // 'private protected' and 'protected internal' are two tokens: the first becomes public, the second goes.
            updated = modifiers.Replace(access[0], SyntaxFactory.Token(access[0].LeadingTrivia, SyntaxKind.PublicKeyword, access[0].TrailingTrivia));
            foreach (var extra in access.Skip(1))
            {
                updated = updated.Remove(updated.First(t => t.IsKind(extra.Kind())));
            }
        }

        return document.WithSyntaxRoot(root!.ReplaceNode(method, method.WithModifiers(updated)));
    }
}
