using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Estuary.Docs.Tests;

/// <summary>
/// The project every docs block compiles in, as a reader would set it up: a worker project
/// (<c>Microsoft.NET.Sdk.Worker</c>, whose implicit usings bring DI, hosting, logging and configuration)
/// named <c>Shop</c>, so its generated module is <c>Shop.ShopModule</c>, with <c>using Estuary;</c> and
/// <c>using Shop;</c> added as global usings.
/// </summary>
internal static class DocsProject
{
    public const string AssemblyName = "Shop";

    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    public static readonly CSharpCompilationOptions CompilationOptions = new(
        OutputKind.ConsoleApplication, // a worker is an application, which is where EST0013 looks for unhandled sends
        nullableContextOptions: NullableContextOptions.Enable,
        allowUnsafe: false);

    /// <summary>The worker SDK's implicit usings, then Estuary's and the root namespace.</summary>
    public static readonly IReadOnlyList<string> GlobalUsings =
    [
        "System",
        "System.Collections.Generic",
        "System.IO",
        "System.Linq",
        "System.Net.Http",
        "System.Threading",
        "System.Threading.Tasks",
        "Microsoft.Extensions.Configuration",
        "Microsoft.Extensions.DependencyInjection",
        "Microsoft.Extensions.Hosting",
        "Microsoft.Extensions.Logging",
        "Estuary",
        "Shop",
    ];
}
