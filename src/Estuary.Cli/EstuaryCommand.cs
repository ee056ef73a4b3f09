using System;
using System.CommandLine;

namespace Estuary.Cli;

/// <summary>The <c>estuary</c> command and its verbs.</summary>
internal static class EstuaryCommand
{
    public static Command Create(IServiceProvider services) => new(EstuaryCommandLineExtensions.CommandName, "Operate Estuary in this application: endpoints, channels, consumers, dead letter, deduplication, outbox, projections, storage.")
    {
        EndpointsCommand.Create(services),
        ChannelsCommand.Create(services),
        RunCommand.Create(services),
        DeadLetterCommands.Create(services),
        DedupCommands.Create(services),
        OutboxCommand.Create(services),
        ProjectionsCommands.Create(services),
        SchemaCommands.Create(services),
    };
}
