using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Estuary.Analyzers.Tests;

/// <summary>
/// Compiles a small assembly carrying an Estuary module the way the generator emits it (a sealed
/// module class plus <c>[assembly: GeneratedModule(typeof(...))]</c>), to stand for a project
/// the code under test references.
/// </summary>
internal static class ReferencedModule
{
    public static MetadataReference Create(string assemblyName, string moduleNamespace, string moduleName, string extraSource = "")
    {
        var source = $$"""
            using System.Collections.Generic;
            using Estuary;
            using Estuary.Runtime;
            using Microsoft.Extensions.DependencyInjection;

            [assembly: GeneratedModule(typeof({{moduleNamespace}}.{{moduleName}}))]

            namespace {{moduleNamespace}}
            {
                public sealed class {{moduleName}} : EstuaryModule
                {
                    public override string Name => "{{moduleName}}";
                    public override IReadOnlyList<Endpoint> Endpoints => [];
                    public override IReadOnlyList<MessageType> MessageTypes => [];
                    public override void ConfigureServices(IServiceCollection services, EstuaryOptions options) { }
                }
            }

            {{extraSource}}
            """;
        var compilation = CSharpCompilation.Create(
            assemblyName,
            new[] { CSharpSyntaxTree.ParseText(source) },
            TestReferences.All,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        using var stream = new MemoryStream();
        var result = compilation.Emit(stream);
        if (!result.Success)
        {
            throw new System.InvalidOperationException("The referenced module does not compile:\n" + string.Join("\n", result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
        }

        return MetadataReference.CreateFromImage(stream.ToArray());
    }
}
