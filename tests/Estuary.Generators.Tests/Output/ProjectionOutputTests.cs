using Xunit;
using static Estuary.Generators.Tests.GeneratorTestHelper;

namespace Estuary.Generators.Tests.Output;

/// <summary>Golden-file tests of what a [Projection] class generates.</summary>
public sealed class ProjectionOutputTests
{
    private const string Source = """
        using System;
        using System.Threading;
        using System.Threading.Tasks;
        using Estuary;

        namespace Shop.Reporting;

        [NamedEvent("ticket.opened")]
        public sealed record TicketOpened(Guid TicketId, string Title);

        [NamedEvent("ticket.closed")]
        public sealed record TicketClosed(Guid TicketId);

        public sealed record OpenTicket(Guid TicketId, string Title);

        [EventSourcingAggregate]
        [Stream("tickets")]
        public sealed class Ticket
        {
            [Identifier] public Guid TicketId { get; set; }

            [CommandHandler]
            public static TicketOpened Open(OpenTicket command) => new(command.TicketId, command.Title);

            [EventSourcingHandler] public void On(TicketOpened opened) => TicketId = opened.TicketId;
        }

        public interface ITicketTable
        {
            Task CreateAsync(CancellationToken cancellationToken);
            void Clear();
            void Add(Guid ticketId, string title);
            void Close(Guid ticketId);
        }

        [Projection("open_tickets", BatchSize = 500)]
        [FromAggregateStream(typeof(Ticket))]
        [FromStream("archived-tickets")]
        public sealed class OpenTickets(ITicketTable table)
        {
            [ProjectionInitialization]
            public Task Create(CancellationToken cancellationToken) => table.CreateAsync(cancellationToken);

            [EventHandler]
            public void On(TicketOpened opened) => table.Add(opened.TicketId, opened.Title);

            [EventHandler]
            public void On(TicketClosed closed) => table.Close(closed.TicketId);

            [ProjectionReset]
            public static void Reset(ITicketTable table) => table.Clear();
        }

        [Projection("ticket_counts")]
        [FromAggregateStream(typeof(Ticket))]
        [Asynchronous("projections")]
        [Retry(Instant = 0, Delayed = 5)]
        public static class TicketCounts
        {
            [EventHandler]
            public static void On(TicketOpened opened, ITicketTable table) => table.Add(opened.TicketId, opened.Title);
        }

        public static class TicketMail
        {
            [EventHandler]
            public static void Send(TicketOpened opened) { }
        }
        """;

    [Fact]
    public void A_projection_gets_a_definition_with_its_streams_endpoints_and_hooks_and_the_module_lists_it()
    {
        var output = RunGenerator(Source);

        Baselines.Verify(output);
    }

    [Fact]
    public void The_module_routes_the_event_bus_to_ordinary_subscribers_only_and_registers_the_projection_events()
    {
        var output = RunGenerator(Source);
        var module = output.File("Module.g.cs").Text;

        Assert.Contains("Shop_Reporting_TicketMailEndpoints.Send,", module, System.StringComparison.Ordinal);
        Assert.DoesNotContain("Shop_Reporting_OpenTicketsEndpoints.On,", module, System.StringComparison.Ordinal);
        Assert.Contains("Shop_Reporting_OpenTicketsEndpoints.Projection", module, System.StringComparison.Ordinal);
        Assert.Contains("\"ticket.closed\"", module, System.StringComparison.Ordinal);
    }

    [Fact]
    public void A_handler_taking_the_stored_event_is_a_projection_endpoint_and_the_stored_event_is_no_message_type()
    {
        var output = RunGenerator(Source.Replace(
            "public static class TicketMail",
            "[Projection(\"raw_log\")] public static class RawLog { [EventHandler] public static void On(RecordedEvent recorded) { } }\n\npublic static class TicketMail",
            System.StringComparison.Ordinal));
        var module = output.File("Module.g.cs").Text;

        Assert.Contains("Shop_Reporting_RawLogEndpoints.Projection", module, System.StringComparison.Ordinal);
        Assert.DoesNotContain("RecordedEvent", module, System.StringComparison.Ordinal);
        Assert.Contains("EventEndpoint<global::Estuary.RecordedEvent>", output.File("RawLog.Endpoints.g.cs").Text, System.StringComparison.Ordinal);
    }

    [Fact]
    public void A_projection_state_parameter_is_bound_to_the_batchs_state_and_a_returned_state_replaces_it()
    {
        var output = RunGenerator(Source.Replace(
            "public static class TicketMail",
            "public sealed record Counts(int Opened);\n\n[Projection(\"counts\")] public static class CountsProjection { [EventHandler] public static Counts On(TicketOpened opened, [ProjectionState] Counts counts) => counts with { Opened = counts.Opened + 1 }; }\n\npublic static class TicketMail",
            System.StringComparison.Ordinal));
        var endpoints = output.File("CountsProjection.Endpoints.g.cs").Text;

        Assert.Contains("var projectionState = global::Shop.Reporting.CountsProjection.On(", endpoints, System.StringComparison.Ordinal);
        Assert.Contains("global::Estuary.Runtime.ProjectionStates.Get<global::Shop.Reporting.Counts>(context))", endpoints, System.StringComparison.Ordinal);
        Assert.Contains("global::Estuary.Runtime.ProjectionStates.Set(context, projectionState);", endpoints, System.StringComparison.Ordinal);
    }

    [Fact]
    public void An_asynchronous_projection_gets_a_trigger_endpoint_on_its_channel_that_the_module_routes_and_its_handlers_stay_in_the_projection()
    {
        var output = RunGenerator(Source);
        var module = output.File("Module.g.cs").Text;
        var counts = output.File("TicketCounts.Endpoints.g.cs").Text;

        Assert.Contains("Shop_Reporting_TicketCountsEndpoints.Trigger", module, System.StringComparison.Ordinal);
        Assert.DoesNotContain("Shop_Reporting_TicketCountsEndpoints.On,", module, System.StringComparison.Ordinal);
        Assert.Contains("channel: \"projections\"", counts, System.StringComparison.Ordinal);
        Assert.Contains("ProjectionTriggerEndpoint Trigger = new(", counts, System.StringComparison.Ordinal);
        Assert.Contains("DelayedRetries = 5", counts, System.StringComparison.Ordinal);

        // The handler runs inside the projection's batches, never through the channel itself.
        Assert.Equal(1, System.Text.RegularExpressions.Regex.Count(counts, "AsynchronousDescription"));
    }

    [Fact]
    public void A_partitioned_projection_says_so_and_its_partition_reset_hook_gets_the_partitions_key()
    {
        var output = RunGenerator(Source.Replace(
            "public static class TicketMail",
            "[Projection(\"ticket_history\", Partitioned = true)] [FromAggregateStream(typeof(Ticket))] public static class TicketHistory { [EventHandler] public static void On(TicketOpened opened) { } [ProjectionPartitionReset] public static void Forget(string partition, ITicketTable table) => table.Clear(); }\n\npublic static class TicketMail",
            System.StringComparison.Ordinal));
        var history = output.File("TicketHistory.Endpoints.g.cs").Text;

        Assert.Contains("partitioned: true", history, System.StringComparison.Ordinal);
        Assert.Matches(@"ValueTask ResetPartitionAsync\(\s*string partition,\s*global::System.IServiceProvider services,", history);
        Assert.Matches(@"TicketHistory\.Forget\(\s*partition,\s*global::Estuary\.Runtime\.ModuleServices\.Get<global::Shop\.Reporting\.ITicketTable>\(services\)\)", history);
        Assert.DoesNotContain("partitioned: true", output.File("OpenTickets.Endpoints.g.cs").Text, System.StringComparison.Ordinal);
    }

    [Fact]
    public void A_new_version_of_a_projection_passes_its_version_and_manual_take_over_to_the_definition()
    {
        var output = RunGenerator(Source.Replace(
            "public static class TicketMail",
            "[Projection(\"open_tickets\", Version = 3, ManualTakeOver = true)] [FromAggregateStream(typeof(Ticket))] public static class OpenTicketsV3 { [EventHandler] public static void On(TicketOpened opened) { } }\n\npublic static class TicketMail",
            System.StringComparison.Ordinal));
        var third = output.File("OpenTicketsV3.Endpoints.g.cs").Text;

        Assert.Matches(@": base\(\s*""open_tickets"",[^)]*version: 3,\s*manualTakeOver: true\)", third);
        Assert.DoesNotContain("version:", output.File("OpenTickets.Endpoints.g.cs").Text, System.StringComparison.Ordinal);
    }

    [Fact]
    public void A_state_gateway_interface_is_implemented_over_the_projections_and_registered_by_the_module()
    {
        var output = RunGenerator(Source.Replace(
            "public static class TicketMail",
            "public sealed record TicketTally(int Opened);\n\npublic interface ITicketTallies { [ProjectionStateGateway(\"ticket_counts\")] Task<TicketTally?> AllAsync(CancellationToken cancellationToken); [ProjectionStateGateway(\"ticket_history\")] [FromAggregateStream(typeof(Ticket))] ValueTask<TicketTally?> OfAsync(Guid ticketId); }\n\npublic static class TicketMail",
            System.StringComparison.Ordinal));
        var gateway = output.File("ITicketTallies.StateGateway.g.cs").Text;

        Assert.Contains("internal sealed class Shop_Reporting_ITicketTalliesStateGateway : global::Shop.Reporting.ITicketTallies", gateway, System.StringComparison.Ordinal);
        Assert.Contains("ProjectionStateGateways.ReadAsync<global::Shop.Reporting.TicketTally>(this._projections, \"ticket_counts\", cancellationToken)", gateway, System.StringComparison.Ordinal);
        Assert.Contains("ProjectionStateGateways.ReadAsync<global::Shop.Reporting.TicketTally>(this._projections, \"ticket_history\", \"tickets\", ticketId, default)", gateway, System.StringComparison.Ordinal);
        Assert.Matches(@"AddSingleton<global::Shop\.Reporting\.ITicketTallies>[^;]*Shop_Reporting_ITicketTalliesStateGateway\(\s*global::Estuary\.Runtime\.ModuleServices\.Get<global::Estuary\.EstuaryProjections>\(provider\)", output.File("Module.g.cs").Text);
    }
}
