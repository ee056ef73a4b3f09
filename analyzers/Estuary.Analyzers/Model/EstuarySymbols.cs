using Estuary.SourceGeneration;
using Microsoft.CodeAnalysis;

namespace Estuary.Analyzers;

/// <summary>
/// The Estuary and System.Text.Json types the analyzers look for, resolved once per compilation.
/// Null when the compilation does not reference Estuary, so analyzers cost nothing elsewhere.
/// </summary>
internal sealed class EstuarySymbols
{
    private EstuarySymbols(Compilation compilation, INamedTypeSymbol commandHandler)
    {
        CommandHandler = commandHandler;
        QueryHandler = compilation.GetTypeByMetadataName(KnownNames.QueryHandlerAttribute);
        EventHandler = compilation.GetTypeByMetadataName(KnownNames.EventHandlerAttribute);
        Before = compilation.GetTypeByMetadataName(KnownNames.BeforeAttribute);
        Around = compilation.GetTypeByMetadataName(KnownNames.AroundAttribute);
        After = compilation.GetTypeByMetadataName(KnownNames.AfterAttribute);
        BusinessMethod = compilation.GetTypeByMetadataName(KnownNames.BusinessMethodAttribute);
        Header = compilation.GetTypeByMetadataName(KnownNames.HeaderAttribute);
        Asynchronous = compilation.GetTypeByMetadataName(KnownNames.AsynchronousAttribute);
        Delayed = compilation.GetTypeByMetadataName(KnownNames.DelayedAttribute);
        TimeToLive = compilation.GetTypeByMetadataName(KnownNames.TimeToLiveAttribute);
        Retry = compilation.GetTypeByMetadataName(KnownNames.RetryAttribute);
        Deduplicated = compilation.GetTypeByMetadataName(KnownNames.DeduplicatedAttribute);
        Scheduled = compilation.GetTypeByMetadataName(KnownNames.ScheduledAttribute);
        MessageHeaders = compilation.GetTypeByMetadataName(KnownNames.MessageHeaders);
        GeneratedModule = compilation.GetTypeByMetadataName(KnownNames.GeneratedModuleAttribute);
        EstuaryModule = compilation.GetTypeByMetadataName(KnownNames.EstuaryModule);
        EstuaryBuilder = compilation.GetTypeByMetadataName("Estuary.EstuaryBuilder");
        ServiceCollectionExtensions = compilation.GetTypeByMetadataName("Estuary.EstuaryServiceCollectionExtensions");
        BusExtensions = compilation.GetTypeByMetadataName("Estuary.BusExtensions");
        CommandBus = compilation.GetTypeByMetadataName(KnownNames.CommandBus);
        QueryBus = compilation.GetTypeByMetadataName(KnownNames.QueryBus);
        JsonSerializerContext = compilation.GetTypeByMetadataName(KnownNames.JsonSerializerContext);
        JsonSerializable = compilation.GetTypeByMetadataName(KnownNames.JsonSerializableAttribute);
        JsonConstructor = compilation.GetTypeByMetadataName("System.Text.Json.Serialization.JsonConstructorAttribute");
    }

    public INamedTypeSymbol CommandHandler { get; }

    public INamedTypeSymbol? QueryHandler { get; }

    public INamedTypeSymbol? EventHandler { get; }

    public INamedTypeSymbol? Before { get; }

    public INamedTypeSymbol? Around { get; }

    public INamedTypeSymbol? After { get; }

    public INamedTypeSymbol? BusinessMethod { get; }

    public INamedTypeSymbol? Header { get; }

    public INamedTypeSymbol? Asynchronous { get; }

    public INamedTypeSymbol? Delayed { get; }

    public INamedTypeSymbol? TimeToLive { get; }

    public INamedTypeSymbol? Retry { get; }

    public INamedTypeSymbol? Deduplicated { get; }

    public INamedTypeSymbol? Scheduled { get; }

    public INamedTypeSymbol? MessageHeaders { get; }

    public INamedTypeSymbol? GeneratedModule { get; }

    public INamedTypeSymbol? EstuaryModule { get; }

    public INamedTypeSymbol? EstuaryBuilder { get; }

    public INamedTypeSymbol? ServiceCollectionExtensions { get; }

    public INamedTypeSymbol? BusExtensions { get; }

    public INamedTypeSymbol? CommandBus { get; }

    public INamedTypeSymbol? QueryBus { get; }

    public INamedTypeSymbol? JsonSerializerContext { get; }

    public INamedTypeSymbol? JsonSerializable { get; }

    public INamedTypeSymbol? JsonConstructor { get; }

    public static EstuarySymbols? Create(Compilation compilation) =>
        compilation.GetTypeByMetadataName(KnownNames.CommandHandlerAttribute) is { } commandHandler
            ? new EstuarySymbols(compilation, commandHandler)
            : null;

    public static bool Is(INamedTypeSymbol? candidate, INamedTypeSymbol? expected) =>
        expected is not null && SymbolEqualityComparer.Default.Equals(candidate, expected);
}
