using System.Threading.Tasks;
using Estuary.FunctionalTests.Interception.Guarding;

namespace Estuary.FunctionalTests.Interception.Guarding
{
    public sealed record GuardedCommand(bool Allowed);

    public sealed record GuardedQuery(bool Allowed);

    public sealed record GuardedAsyncQuery(bool Allowed);

    public sealed class GuardedHandlers(CallLog log)
    {
        [CommandHandler]
        public void Handle(GuardedCommand command) => log.Add("command handler");

        [QueryHandler]
        public string Answer(GuardedQuery query)
        {
            log.Add("query handler");
            return "answer";
        }

        [QueryHandler]
        public async Task<int> AnswerAsync(GuardedAsyncQuery query)
        {
            await Task.Yield();
            log.Add("async query handler");
            return 42;
        }
    }
}

namespace Estuary.FunctionalTests.Interception
{
    /// <summary>A static gate with a service parameter; returning false stops the flow.</summary>
    public static class GuardInterceptors
    {
        [Before(Namespace = "Estuary.FunctionalTests.Interception.Guarding")]
        public static bool Allow(object message, CallLog log)
        {
            var allowed = message switch
            {
                GuardedCommand command => command.Allowed,
                GuardedQuery query => query.Allowed,
                GuardedAsyncQuery query => query.Allowed,
                _ => true,
            };
            log.Add(allowed ? "allowed" : "stopped");
            return allowed;
        }

        [After(Namespace = "Estuary.FunctionalTests.Interception.Guarding")]
        public static void Completed(object message, CallLog log) => log.Add("after");
    }
}
