using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Estuary.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Simplification;

namespace Estuary.CodeFixes;

/// <summary>EST0011: adds <c>[JsonSerializable(typeof(X))]</c> for the message to the project's JSON context.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddJsonSerializableCodeFix)), Shared]
public sealed class AddJsonSerializableCodeFix : CodeFixProvider
{
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.MessageNotInJsonContext, DiagnosticIds.AsynchronousMessageWithoutJson);

    // Fixes of one context all edit the same attribute list: a batch would keep only one of them.
    public override FixAllProvider? GetFixAllProvider() => null;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (var diagnostic in context.Diagnostics)
        {
            if (root is null || model is null || !diagnostic.Properties.TryGetValue(JsonContextCoverageAnalyzer.ContextProperty, out var contextName) || contextName is null)
            {
                continue;
            }

            var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
            var type = node is TypeSyntax typeSyntax ? model.GetTypeInfo(typeSyntax, context.CancellationToken).Type : null;
            var jsonContext = model.Compilation.GetTypeByMetadataName(contextName);
            if (type is null || jsonContext is null)
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create(
                    "Add [JsonSerializable(typeof(" + type.Name + "))] to " + jsonContext.Name,
                    ct => AddAsync(context.Document.Project.Solution, jsonContext, type, ct),
                    nameof(AddJsonSerializableCodeFix)),
                diagnostic);
        }
    }

    private static async Task<Solution> AddAsync(Solution solution, INamedTypeSymbol jsonContext, ITypeSymbol type, CancellationToken cancellationToken)
    {
        // A partial context may be declared in several files: prefer the part already listing types.
        var declarations = jsonContext.DeclaringSyntaxReferences.Select(r => r.GetSyntax(cancellationToken)).OfType<ClassDeclarationSyntax>().ToList();
        var declaration = declarations.FirstOrDefault(d => d.AttributeLists.Count > 0) ?? declarations.FirstOrDefault();
        var document = declaration is null ? null : solution.GetDocument(declaration.SyntaxTree);
        if (declaration is null || document is null)
        {
            return solution;
        }

        var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
        var generator = editor.Generator;
        var typeName = generator.TypeExpression(type).WithAdditionalAnnotations(Simplifier.Annotation, Simplifier.AddImportsAnnotation);
        var attributeName = Microsoft.CodeAnalysis.CSharp.SyntaxFactory.ParseName("global::System.Text.Json.Serialization.JsonSerializable").WithAdditionalAnnotations(Simplifier.Annotation);
        var attribute = generator.Attribute(attributeName, new[] { generator.AttributeArgument(generator.TypeOfExpression(typeName)) });
        editor.AddAttribute(declaration, attribute);
        return solution.WithDocumentSyntaxRoot(document.Id, editor.GetChangedRoot());
    }
}
