using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using Estuary.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Simplification;

namespace Estuary.CodeFixes;

/// <summary>EST0006: binds a primitive or value parameter to the header of the same name with <c>[Header("name")]</c>.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddHeaderAttributeCodeFix)), Shared]
public sealed class AddHeaderAttributeCodeFix : CodeFixProvider
{
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.UnbindableParameter);

    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (var diagnostic in context.Diagnostics)
        {
            if (diagnostic.Properties.TryGetValue(ParameterBindingAnalyzer.AddHeaderProperty, out var name) && name is not null
                && root?.FindToken(diagnostic.Location.SourceSpan.Start).Parent?.FirstAncestorOrSelf<ParameterSyntax>() is { } parameter)
            {
                context.RegisterCodeFix(
                    CodeAction.Create("Bind to header \"" + name + "\"", ct => AddHeaderAsync(context.Document, parameter, name, ct), nameof(AddHeaderAttributeCodeFix)),
                    diagnostic);
            }
        }
    }

    private static async Task<Document> AddHeaderAsync(Document document, ParameterSyntax parameter, string name, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);

        // Written fully qualified and simplified afterwards, so it works with or without 'using Estuary;'.
        var attribute = SyntaxFactory.Attribute(
            SyntaxFactory.ParseName("global::Estuary.Header").WithAdditionalAnnotations(Simplifier.Annotation),
            SyntaxFactory.AttributeArgumentList(SyntaxFactory.SingletonSeparatedList(
                SyntaxFactory.AttributeArgument(SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(name))))));
        var list = SyntaxFactory.AttributeList(SyntaxFactory.SingletonSeparatedList(attribute))
            .WithLeadingTrivia(parameter.GetLeadingTrivia())
            .WithTrailingTrivia(SyntaxFactory.Space);
        var updated = parameter.WithoutLeadingTrivia().WithAttributeLists(parameter.AttributeLists.Insert(0, list));
        return document.WithSyntaxRoot(root!.ReplaceNode(parameter, updated));
    }
}
