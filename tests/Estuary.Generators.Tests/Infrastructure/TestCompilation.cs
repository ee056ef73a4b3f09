using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Estuary.Generators.Tests;

/// <summary>Builds the user compilation a test feeds to the generator: .NET 10 references plus Estuary's runtime.</summary>
internal static class TestCompilation
{
    // Diagnose mirrors a project with GenerateDocumentationFile=true, so cref mistakes in generated code surface.
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest, DocumentationMode.Diagnose);

    private static readonly Lazy<IReadOnlyList<MetadataReference>> s_references = new(() =>
    [
        .. Basic.Reference.Assemblies.Net100.References.All,
        .. new[]
        {
            typeof(Estuary.CommandHandlerAttribute),

            // Generated service registrations call into DI abstractions; the runtime's public API exposes logging types.
            typeof(Microsoft.Extensions.DependencyInjection.IServiceCollection),
            typeof(Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions),
            typeof(Microsoft.Extensions.Logging.ILogger),
        }
        .Select(t => t.Assembly.Location)
        .Distinct(StringComparer.Ordinal)
        .Select(path => MetadataReference.CreateFromFile(path)),
    ]);

    public static CSharpCompilation Create(string assemblyName, params string[] sources) =>
        CSharpCompilation.Create(
            assemblyName,
            sources.Select((source, i) => CSharpSyntaxTree.ParseText(source, ParseOptions, path: "UserCode" + i + ".cs")),
            s_references.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    /// <summary>
    /// The System.Text.Json source generator shipped in the SDK's targeting pack. Estuary points its
    /// registry at the metadata that generator emits, so JSON scenarios need both to compile.
    /// </summary>
    public static ISourceGenerator SystemTextJsonGenerator() => Estuary.Tests.Shared.SdkSourceGenerators.SystemTextJson();
}
