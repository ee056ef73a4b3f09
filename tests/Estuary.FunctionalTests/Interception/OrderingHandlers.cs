using System.Threading.Tasks;

namespace Estuary.FunctionalTests.Interception.Ordering
{
    public sealed record OrderedCommand(string Id);

    public sealed record OrderedQuery(int Value);

    public sealed class OrderedHandlers(CallLog log)
    {
        [CommandHandler]
        public void Handle(OrderedCommand command) => log.Add("handler");

        [QueryHandler]
        public int Double(OrderedQuery query)
        {
            log.Add("handler");
            return query.Value * 2;
        }
    }
}

namespace Estuary.FunctionalTests.Interception
{
    /// <summary>
    /// Every kind of interceptor at several precedences, for the handlers of the Ordering namespace.
    /// Declared out of order on purpose: the weaving order must come from Precedence, then name.
    /// </summary>
    public sealed class OrderingInterceptors(CallLog log)
    {
        private const string Ordering = "Estuary.FunctionalTests.Interception.Ordering";

        [After(Namespace = Ordering, Precedence = 2)]
        public async Task LateAfterAsync(object message)
        {
            await Task.Yield();
            log.Add("after p2");
        }

        [After(Namespace = Ordering, Precedence = 1)]
        public void EarlyAfter(object message) => log.Add("after p1");

        [Around(Namespace = Ordering, Precedence = 2)]
        public async ValueTask<object?> InnerAround(IInvocation invocation)
        {
            log.Add("around p2 enter");
            var result = await invocation.ProceedAsync();
            log.Add("around p2 exit");
            return result;
        }

        [Around(Namespace = Ordering, Precedence = 1)]
        public async ValueTask<object?> OuterAround(IInvocation invocation)
        {
            log.Add($"around p1 enter {invocation.EndpointName}");
            var result = await invocation.ProceedAsync();
            log.Add("around p1 exit");
            return result;
        }

        [Before(Namespace = Ordering, Precedence = 3)]
        public void Zulu(object message) => log.Add("before p3 zulu");

        [Before(Namespace = Ordering, Precedence = 3)]
        public void Alpha(object message) => log.Add("before p3 alpha");

        [Before(Namespace = Ordering, Precedence = 2)]
        public async ValueTask LateBeforeAsync(object message)
        {
            await Task.Yield();
            log.Add("before p2");
        }

        [Before(Namespace = Ordering, Precedence = 1)]
        public void EarlyBefore(object message) => log.Add($"before p1 {message.GetType().Name}");
    }
}
