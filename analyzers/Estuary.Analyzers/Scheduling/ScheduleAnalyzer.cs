using System.Collections.Immutable;
using System.Linq;
using Estuary.SourceGeneration;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Estuary.Analyzers;

/// <summary>
/// EST0024: a [Scheduled] method the generator skips (ScheduleShape): no name, no timing or two,
/// a method generated code cannot call, or a parameter that cannot be bound. Without it the job
/// silently never runs.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ScheduleAnalyzer : EstuaryAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.InvalidSchedule);

    private protected override void OnCompilationStart(CompilationStartAnalysisContext context, EstuarySymbols symbols)
    {
        if (symbols.Scheduled is null)
        {
            return;
        }

        OnMethod(context, (c, method) =>
        {
            var attribute = method.GetAttributes().FirstOrDefault(a => EstuarySymbols.Is(a.AttributeClass, symbols.Scheduled));
            if (attribute is null || ScheduleShape.Read(attribute) is not { } schedule)
            {
                return;
            }

            foreach (var problem in ScheduleShape.Problems(method, schedule))
            {
                var location = problem.Parameter is { } parameter ? SyntaxLocations.Of(parameter) : SyntaxLocations.Attribute(attribute, method, c.CancellationToken);
                c.ReportDiagnostic(Diagnostic.Create(Descriptors.InvalidSchedule, location, Names.Display(method), Describe(problem)));
            }
        });
    }

    private static string Describe(ScheduleProblem problem) => problem.Kind switch
    {
        ScheduleProblemKind.NoName => "give the schedule a name, e.g. [Scheduled(\"reports.nightly\", ...)]",
        ScheduleProblemKind.Timing => "give exactly one of EveryMilliseconds (greater than 0) and Cron",
        ScheduleProblemKind.Uncallable => "generated code cannot call it; make it public or internal, not generic, in a class that is neither generic nor private",
        _ => "parameter '" + problem.Parameter!.Name + "' cannot be bound (a schedule takes no message: services, CancellationToken and MessageContext only)"
            + (ParameterBindingAnalyzer.Describe(problem.Parameter, problem.Binding!.Value) is { } reason ? ": " + reason.Text : string.Empty),
    };
}
