using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Xunit;
using VerifyCS = Estuary.Analyzers.Tests.Verify<Estuary.Analyzers.ProjectionStateGatewayAnalyzer>;

namespace Estuary.Analyzers.Tests.Projections;

public sealed class ProjectionStateGatewayAnalyzerTests
{
    private const string Usings = """
        using System;
        using System.Threading;
        using System.Threading.Tasks;
        using Estuary;

        public sealed record Tally(int Count);

        """;

    [Fact]
    public Task Methods_the_generator_cannot_implement_are_errors_saying_why() =>
        VerifyCS.AnalyzerAsync(
            Usings + """
            public interface ITallies
            {
                [{|#0:ProjectionStateGateway("tally")|}] Tally? Now();
                [{|#1:ProjectionStateGateway("tally")|}] Task<Tally?> Of(Guid first, Guid second);
                [{|#2:ProjectionStateGateway("tally")|}] [FromAggregateStream(typeof(Tally))] Task<Tally?> Of(Guid id);
            }

            public interface IMixed
            {
                [{|#3:ProjectionStateGateway("tally")|}] Task<Tally?> TallyAsync();
                void Reset();
            }
            """,
            VerifyCS.Diagnostic("EST0049").WithSeverity(DiagnosticSeverity.Error).WithLocation(0).WithArguments("ITallies.Now", "it must return Task<TState?> or ValueTask<TState?> of the state's class"),
            VerifyCS.Diagnostic("EST0049").WithSeverity(DiagnosticSeverity.Error).WithLocation(1).WithArguments("ITallies.Of", "it takes at most the aggregate's identifier and a CancellationToken"),
            VerifyCS.Diagnostic("EST0049").WithSeverity(DiagnosticSeverity.Error).WithLocation(2).WithArguments("ITallies.Of", "its [FromAggregateStream] does not name an event-sourced aggregate or saga"),
            VerifyCS.Diagnostic("EST0049").WithSeverity(DiagnosticSeverity.Error).WithLocation(3)
                .WithArguments("IMixed.TallyAsync", "its interface IMixed also declares Reset, which reads no projection state; Estuary implements interfaces whose every method does"));

    [Fact]
    public Task Global_and_partition_reads_with_or_without_a_token_are_not_reported() =>
        VerifyCS.AnalyzerAsync(
            Usings + """
            public interface ITallies
            {
                [ProjectionStateGateway("tally")] Task<Tally?> AllAsync();
                [ProjectionStateGateway("tally")] ValueTask<Tally?> OfAsync(Guid id, CancellationToken cancellationToken);
            }
            """);
}
