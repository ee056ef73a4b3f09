using System.Collections.Generic;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using Estuary.Runtime;
using Microsoft.Extensions.DependencyInjection;

namespace Estuary.Benchmarks.Layers;

/// <summary>
/// Where the time of a synchronous dispatch goes, layer by layer, for work on the runtime itself
/// (it uses internals). Compare with the dispatch suites' EstuarySync rows.
/// </summary>
[MemoryDiagnoser]
public class DispatchLayerBenchmarks
{
    private readonly LayerPing _ping = new(1);
    private ICommandBus _bus = null!;
    private EstuaryRuntime _runtime = null!;

    [GlobalSetup]
    public void SetUp()
    {
        var services = new ServiceCollection();
        services.AddEstuary(estuary => estuary.AddModule(new LayerModule()));
        var provider = services.BuildServiceProvider();
        _bus = provider.GetRequiredService<ICommandBus>();
        _runtime = provider.GetRequiredService<EstuaryRuntime>();
    }

    /// <summary>Reading the ambient context outside a handler.</summary>
    [Benchmark]
    public MessageContext? ReadCurrent() => MessageContext.Current;

    /// <summary>Entering and leaving a synchronous context: the envelope's fixed cost.</summary>
    [Benchmark]
    public void EnterAndExit() => MessageContext.EnterSync(_runtime, null, null, default).ExitSync();

    /// <summary>A whole typed send to an endpoint that does nothing (no handler, no services).</summary>
    [Benchmark]
    public ValueTask SendToEmptyEndpoint() => global::Estuary.Runtime.Dispatch.Command(_bus, LayerModule.Empty, _ping, null, default);

    public sealed record LayerPing(int Id);

    private sealed class EmptyEndpoint() : RequestEndpoint<LayerPing, Nothing>(
        new EndpointDescription(EndpointKind.Command, "Layers.Empty", "Layers.Empty", nameof(LayerModule), null, IsSynchronous: true))
    {
        public override Nothing Invoke(LayerPing request, MessageContext context) => default;
    }

    private sealed class LayerModule : EstuaryModule
    {
        public static readonly RequestEndpoint<LayerPing, Nothing> Empty = new EmptyEndpoint();

        public override string Name => nameof(LayerModule);

        public override IReadOnlyList<Endpoint> Endpoints => [Empty];

        public override IReadOnlyList<MessageType> MessageTypes => [];

        public override void ConfigureServices(IServiceCollection services, EstuaryOptions options)
        {
        }
    }
}
