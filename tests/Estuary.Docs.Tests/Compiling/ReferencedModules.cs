using System.Collections.Concurrent;
using System.IO;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Estuary.Docs.Tests;

/// <summary>
/// Projects a docs host references (<c>modules: Orders Billing</c>): each an assembly <c>Shop.Orders</c>
/// carrying the module the generator would emit for it, <c>Shop.OrdersModule</c>, with no handlers.
/// </summary>
internal static class ReferencedModules
{
    private static readonly ConcurrentDictionary<string, MetadataReference> s_built = new();

    public static MetadataReference For(string name) => s_built.GetOrAdd(name, Build);

    private static MetadataReference Build(string name)
    {
        var source = $$"""
            using System.Collections.Generic;
            using Estuary;
            using Estuary.Runtime;
            using Microsoft.Extensions.DependencyInjection;

            [assembly: GeneratedModule(typeof(Shop.{{name}}Module))]

            namespace Shop;

            public sealed class {{name}}Module : EstuaryModule
            {
                public override string Name => "{{name}}";
                public override IReadOnlyList<Endpoint> Endpoints => [];
                public override IReadOnlyList<MessageType> MessageTypes => [];
                public override void ConfigureServices(IServiceCollection services, EstuaryOptions options) { }
            }
            """;
        var compilation = CSharpCompilation.Create(
            $"{DocsProject.AssemblyName}.{name}",
            [CSharpSyntaxTree.ParseText(source, DocsProject.ParseOptions)],
            DocsReferences.All,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        using var image = new MemoryStream();
        var result = compilation.Emit(image);
        return result.Success
            ? MetadataReference.CreateFromImage(image.ToArray())
            : throw new System.InvalidOperationException($"The referenced module {name} does not compile:\n{string.Join('\n', result.Diagnostics)}");
    }
}
