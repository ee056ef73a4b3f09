using System.Threading.Tasks;
using Estuary.FunctionalTests.Interception.Pointcuts;

namespace Estuary.FunctionalTests.Interception.Pointcuts
{
    public interface ITransactional;

    public abstract class AuditedHandlerBase;

    public sealed record TransferFunds(int Amount);

    public sealed record ReadBalance(string Account);

    public sealed record CloseAccount(string Account);

    public sealed class TransferHandler(CallLog log) : ITransactional
    {
        [CommandHandler]
        public string Handle(TransferFunds command)
        {
            log.Add($"transfer {command.Amount}");
            return $"receipt {command.Amount}";
        }
    }

    public sealed class BalanceHandler(CallLog log)
    {
        [QueryHandler]
        public int Handle(ReadBalance query)
        {
            log.Add("balance");
            return 10;
        }
    }

    public sealed class CloseAccountHandler(CallLog log) : AuditedHandlerBase
    {
        [CommandHandler]
        public void Handle(CloseAccount command) => log.Add("close");
    }
}

namespace Estuary.FunctionalTests.Interception.Pointcuts.Tracked
{
    public sealed record TrackedCommand;

    public static class TrackedHandler
    {
        [CommandHandler]
        public static void Handle(TrackedCommand command, CallLog log) => log.Add("tracked handler");
    }
}

namespace Estuary.FunctionalTests.Interception.Pointcuts.Tracked.Deeper
{
    public sealed record DeeplyTrackedCommand;

    public static class DeeplyTrackedHandler
    {
        [CommandHandler]
        public static void Handle(DeeplyTrackedCommand command, CallLog log) => log.Add("deeply tracked handler");
    }
}

namespace Estuary.FunctionalTests.Interception.Pointcuts.TrackedNot
{
    // Shares the prefix "Tracked" but is another namespace.
    public sealed record LookalikeCommand;

    public static class LookalikeHandler
    {
        [CommandHandler]
        public static void Handle(LookalikeCommand command, CallLog log) => log.Add("lookalike handler");
    }
}

namespace Estuary.FunctionalTests.Interception
{
    public sealed class PointcutInterceptors(CallLog log)
    {
        [Around(Pointcut = typeof(ITransactional))]
        public async ValueTask<object?> InTransaction(IInvocation invocation)
        {
            log.Add("begin");
            var result = await invocation.ProceedAsync();
            log.Add("commit");
            return result;
        }

        [After(Pointcut = typeof(AuditedHandlerBase))]
        public void Audit(object message) => log.Add($"audit {message.GetType().Name}");

        [Before(Namespace = "Estuary.FunctionalTests.Interception.Pointcuts.Tracked")]
        public void Track(object message) => log.Add($"track {message.GetType().Name}");

        [Before(Namespace = "Estuary.FunctionalTests.Interception.Pointcuts.Tracked.*")]
        public void TrackWithWildcard(object message) => log.Add($"track.* {message.GetType().Name}");

        // The message parameter's type narrows the interceptor to handlers of that message.
        [Before(Namespace = "Estuary.FunctionalTests.Interception.Pointcuts")]
        public void OnlyBalances(ReadBalance query) => log.Add($"balance of {query.Account}");
    }
}
