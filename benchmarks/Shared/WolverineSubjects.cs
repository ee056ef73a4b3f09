using System;
using JasperFx.CodeGeneration;
using Wolverine;

namespace Estuary.Benchmarks.Shared;

/// <summary>How every suite runs Wolverine as a subject, whatever else its host configures.</summary>
public static class WolverineSubjects
{
    /// <summary>
    /// Wolverine finds only the handlers in <paramref name="handler"/>'s namespace, and compiles their code
    /// with Roslyn at start-up (its default, <c>TypeLoadMode.Dynamic</c>, spelled out).
    /// </summary>
    public static void UseHandlersBeside(this WolverineOptions options, Type handler)
    {
        // Under BenchmarkDotNet the entry assembly is its generated launcher, not the suite's.
        options.ApplicationAssembly = handler.Assembly;

        // Conventional discovery would also pick up the other libraries' *Handler classes.
        var wolverineNamespace = handler.Namespace;
        options.Discovery.CustomizeHandlerDiscovery(query =>
            query.Excludes.WithCondition("not a Wolverine subject", type => type.Namespace != wolverineNamespace));
        options.CodeGeneration.TypeLoadMode = TypeLoadMode.Dynamic;
    }
}
