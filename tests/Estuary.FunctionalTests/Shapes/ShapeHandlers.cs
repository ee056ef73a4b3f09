using System.Collections.Generic;
using System.Linq;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Estuary.FunctionalTests.Shapes.Alpha
{
    // Same short name as Beta.Ping: registry fields, endpoints and overloads must not collide.
    public sealed record Ping(string From);
}

namespace Estuary.FunctionalTests.Shapes.Beta
{
    public sealed record Ping(int Times);
}

namespace Estuary.FunctionalTests.Shapes
{
    public readonly record struct Measure(int Width, int Height);

    internal sealed record InternalQuery(int Value);

    public sealed record UseContainerServices;

    public sealed record ContainerReport(string LoggerCategory, string[] Greeters, bool HasServiceProvider, int Retries);

    public interface IGreeter
    {
        string Name { get; }
    }

    public sealed class EnglishGreeter : IGreeter
    {
        public string Name => "english";
    }

    public sealed class FrenchGreeter : IGreeter
    {
        public string Name => "french";
    }

    public sealed class RetrySettings
    {
        public int Retries { get; set; }
    }

    /// <summary>Two nested classes with the same name, each with a handler method of the same name.</summary>
    public static class PingHandlers
    {
        public static class Inner
        {
            [QueryHandler]
            public static string Handle(Alpha.Ping ping) => $"alpha from {ping.From}";
        }
    }

    public static class OtherPingHandlers
    {
        public static class Inner
        {
            [QueryHandler]
            public static string Handle(Beta.Ping ping) => $"beta x{ping.Times}";
        }
    }

    public static class StructHandlers
    {
        [QueryHandler]
        public static int Area(Measure measure) => measure.Width * measure.Height;
    }

    internal sealed class InternalHandlers
    {
        [QueryHandler]
        public int Handle(InternalQuery query) => -query.Value;
    }

    public sealed class ContainerServiceHandlers
    {
        [QueryHandler]
        public ContainerReport Handle(
            UseContainerServices query,
            ILogger<ContainerServiceHandlers> logger,
            IEnumerable<IGreeter> greeters,
            System.IServiceProvider services,
            IOptions<RetrySettings> retries) =>
            new(
                logger.GetType().GetGenericArguments().FirstOrDefault()?.Name ?? logger.GetType().Name,
                greeters.Select(g => g.Name).ToArray(),
                services is not null,
                retries.Value.Retries);
    }
}
