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
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Simplification;

namespace Estuary.CodeFixes;

/// <summary>EST0012: adds <c>.AddModule&lt;X&gt;()</c> for the missing module to the AddEstuary lambda.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddModuleCodeFix)), Shared]
public sealed class AddModuleCodeFix : CodeFixProvider
{
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.ModuleNotComposed);

    // Several missing modules extend the same lambda at the same place: a batch would keep only one.
    public override FixAllProvider? GetFixAllProvider() => null;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (var diagnostic in context.Diagnostics)
        {
            if (root is null || model is null || !diagnostic.Properties.TryGetValue(ModuleCompositionAnalyzer.ModuleProperty, out var moduleName) || moduleName is null
                || model.Compilation.GetTypeByMetadataName(moduleName) is not { } module
                || root.FindToken(diagnostic.Location.SourceSpan.Start).Parent?.FirstAncestorOrSelf<InvocationExpressionSyntax>() is not { } invocation
                || invocation.ArgumentList.Arguments.Select(a => a.Expression).OfType<LambdaExpressionSyntax>().FirstOrDefault() is not { } lambda)
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create("Add .AddModule<" + module.Name + ">()", ct => AddModuleAsync(context.Document, lambda, module, ct), nameof(AddModuleCodeFix) + "." + module.Name),
                diagnostic);
        }
    }

    private static async Task<Document> AddModuleAsync(Document document, LambdaExpressionSyntax lambda, INamedTypeSymbol module, CancellationToken cancellationToken)
    {
        var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
        var moduleType = (TypeSyntax)editor.Generator.TypeExpression(module).WithAdditionalAnnotations(Simplifier.Annotation, Simplifier.AddImportsAnnotation);
        var addModule = SyntaxFactory.GenericName(SyntaxFactory.Identifier("AddModule"), SyntaxFactory.TypeArgumentList(SyntaxFactory.SingletonSeparatedList(moduleType)));
        var parameter = lambda switch
        {
            SimpleLambdaExpressionSyntax simple => simple.Parameter.Identifier.ValueText,
            ParenthesizedLambdaExpressionSyntax { ParameterList.Parameters.Count: > 0 } parenthesized => parenthesized.ParameterList.Parameters[0].Identifier.ValueText,
            _ => null,
        };
        if (parameter is null)
        {
            return document;
        }

        var call = Call(SyntaxFactory.IdentifierName(parameter), addModule);
        if (lambda.ExpressionBody is { } body)
        {
            // A builder chain is extended in place; any other expression becomes a block.
            var type = editor.SemanticModel.GetTypeInfo(body, cancellationToken).Type;
            SyntaxNode replacement = type?.Name == "EstuaryBuilder"
                ? Call(body.WithoutTrivia(), addModule).WithTriviaFrom(body)
                : SyntaxFactory.Block(SyntaxFactory.ExpressionStatement(body.WithoutTrivia()), SyntaxFactory.ExpressionStatement(call)).WithAdditionalAnnotations(Formatter.Annotation);
            editor.ReplaceNode(body, replacement);
        }
        else if (lambda.Block is { } block)
        {
            editor.ReplaceNode(block, block.AddStatements(SyntaxFactory.ExpressionStatement(call).WithAdditionalAnnotations(Formatter.Annotation)));
        }

        return editor.GetChangedDocument();
    }

    private static InvocationExpressionSyntax Call(ExpressionSyntax target, SimpleNameSyntax method) =>
        SyntaxFactory.InvocationExpression(SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, target, method));
}
