using System;
using System.Threading;
using System.Threading.Tasks;
using Estuary.FunctionalTests.Interception.Retrying;

namespace Estuary.FunctionalTests.Interception.Retrying
{
    public sealed record UnreliableCommand(int FailuresBeforeSuccess);

    public sealed record RunTwice(string Id);

    public sealed class UnreliableHandler(CallLog log)
    {
        private int _attempts;
        private int _runs;

        [CommandHandler]
        public int Handle(UnreliableCommand command)
        {
            var attempt = Interlocked.Increment(ref _attempts);
            log.Add($"attempt {attempt}");
            if (attempt <= command.FailuresBeforeSuccess)
            {
                throw new TimeoutException($"attempt {attempt} timed out");
            }

            return attempt;
        }

        [QueryHandler]
        public async Task<int> HandleAsync(RunTwice query)
        {
            await Task.Yield();
            var run = Interlocked.Increment(ref _runs);
            log.Add($"run {run}");
            return run;
        }
    }
}

namespace Estuary.FunctionalTests.Interception
{
    public static class RetryInterceptors
    {
        [Around(Namespace = "Estuary.FunctionalTests.Interception.Retrying")]
        public static async ValueTask<object?> RetryTimeouts(IInvocation invocation, CallLog log)
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    return await invocation.ProceedAsync();
                }
                catch (TimeoutException) when (attempt < 3)
                {
                    log.Add("retry");
                }
            }
        }

        // Calls the rest of the chain twice and returns the second result, ten times over.
        [Around(Namespace = "Estuary.FunctionalTests.Interception.Retrying", Precedence = 1)]
        public static async ValueTask<object?> Twice(RunTwice query, IInvocation invocation)
        {
            await invocation.ProceedAsync();
            var second = (int)(await invocation.ProceedAsync())!;
            return second * 10;
        }
    }
}
