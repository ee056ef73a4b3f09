using System.Threading.Tasks;
using Xunit;
using VerifyCS = Estuary.Analyzers.Tests.Verify<Estuary.Analyzers.InterceptorSignatureAnalyzer>;

namespace Estuary.Analyzers.Tests.Interceptors;

public sealed class InterceptorSignatureAnalyzerTests
{
    [Fact]
    public Task An_around_without_invocation_is_reported() =>
        VerifyCS.AnalyzerAsync(
            """
            using Estuary;

            public static class Timing
            {
                [Around]
                public static object? {|#0:Time|}(object message) => null;
            }
            """,
            VerifyCS.Diagnostic("EST0009").WithLocation(0).WithArguments("Timing.Time", "an [Around] needs an IInvocation parameter; add one and call ProceedAsync() to run the handler"));

    [Fact]
    public Task An_around_that_does_not_return_the_result_is_reported() =>
        VerifyCS.AnalyzerAsync(
            """
            using System.Threading.Tasks;
            using Estuary;

            public static class Timing
            {
                [Around]
                public static {|EST0009:void|} Nothing(IInvocation invocation) { }

                [Around]
                public static {|EST0009:Task|} NoResult(IInvocation invocation) => invocation.ProceedAsync().AsTask();

                [Around]
                public static {|EST0009:ValueTask<string>|} Typed(IInvocation invocation) => new("x");
            }
            """);

    [Fact]
    public Task A_before_changing_headers_must_return_headers() =>
        VerifyCS.AnalyzerAsync(
            """
            using System.Threading.Tasks;
            using Estuary;

            public static class Tenancy
            {
                [Before(ChangeHeaders = true)]
                public static {|#0:bool|} Stamp(object message) => true;
            }
            """,
            VerifyCS.Diagnostic("EST0009").WithLocation(0).WithArguments("Tenancy.Stamp", "with ChangeHeaders = true it must return MessageHeaders (or Task/ValueTask of it), which are merged into the message's headers"));

    [Fact]
    public Task Interceptors_with_the_shapes_of_their_kind_are_not_reported() =>
        VerifyCS.AnalyzerAsync(
            """
            using System.Threading.Tasks;
            using Estuary;

            public static class Fine
            {
                [Around]
                public static ValueTask<object?> Time(IInvocation invocation) => invocation.ProceedAsync();

                [Around]
                public static async Task<object?> Retry(IInvocation invocation) => await invocation.ProceedAsync();

                [Around]
                public static object? Sync(IInvocation invocation) => null;

                [Before(ChangeHeaders = true)]
                public static MessageHeaders Stamp(object message) => new MessageHeaders();

                [Before(ChangeHeaders = true)]
                public static Task<MessageHeaders> StampAsync(object message) => Task.FromResult(new MessageHeaders());

                [Before]
                public static bool Check(object message) => true;

                [After]
                public static void Done(object message) { }
            }
            """);
}
