using System.Threading.Tasks;
using Xunit;
using VerifyCS = Estuary.Analyzers.Tests.Verify<Estuary.Analyzers.UpcasterAnalyzer>;

namespace Estuary.Analyzers.Tests.EventSourcing;

public sealed class UpcasterAnalyzerTests
{
    private const string Events = """
        using System;
        using System.Text.Json.Nodes;
        using Estuary;

        [NamedEvent("ticket.assigned"), Revision(3)]
        public sealed record TicketAssigned(Guid TicketId, string Assignee, string Team);

        [NamedEvent("ticket.closed")]
        public sealed record TicketClosed(Guid TicketId);
        """;

    [Fact]
    public Task Upcasters_of_the_wrong_shape_are_reported_on_the_method() =>
        VerifyCS.AnalyzerAsync(
            Events + """

            public class TicketUpcasters
            {
                [Upcaster(typeof(TicketAssigned), 1)]
                public JsonObject {|#0:Instance|}(JsonObject json) => json;

                [Upcaster(typeof(TicketAssigned), 1)]
                private static JsonObject {|#1:Hidden|}(JsonObject json) => json;

                [Upcaster(typeof(TicketAssigned), 2)]
                public static string {|#2:Text|}(string json) => json;

                [Upcaster(typeof(TicketAssigned), 2)]
                public static JsonObject {|#3:Services|}(JsonObject json, IServiceProvider services) => json;

                [Upcaster(typeof(TicketAssigned), 2)]
                public static JsonObject? {|#4:Nullable|}(JsonObject? json) => json;

                [Upcaster(typeof(TicketAssigned), 2)]
                public static JsonObject {|#5:Generic|}<T>(JsonObject json) => json;
            }
            """,
            VerifyCS.Diagnostic("EST0038").WithLocation(0).WithArguments(
                "TicketUpcasters.Instance", "it is an instance method, and upcasters are called without an instance; declare it as static JsonObject Instance(JsonObject json)"),
            VerifyCS.Diagnostic("EST0038").WithLocation(1).WithArguments(
                "TicketUpcasters.Hidden", "it is private, so generated code cannot call it; make it public or internal"),
            VerifyCS.Diagnostic("EST0038").WithLocation(2).WithArguments(
                "TicketUpcasters.Text", "it must take the stored JSON and return the next revision's, both as System.Text.Json.Nodes.JsonObject without '?'; declare it as static JsonObject Text(JsonObject json)"),
            VerifyCS.Diagnostic("EST0038").WithLocation(3),
            VerifyCS.Diagnostic("EST0038").WithLocation(4),
            VerifyCS.Diagnostic("EST0038").WithLocation(5));

    [Fact]
    public Task Revisions_that_are_never_read_are_reported_on_the_argument() =>
        VerifyCS.AnalyzerAsync(
            Events + """

            public static class TicketUpcasters
            {
                [Upcaster(typeof(TicketAssigned), {|#0:0|})]
                public static JsonObject Zero(JsonObject json) => json;

                [Upcaster(typeof(TicketAssigned), {|#1:3|})]
                public static JsonObject Current(JsonObject json) => json;

                [Upcaster(fromRevision: {|#2:1|}, eventType: typeof(TicketClosed))]
                public static JsonObject Unrevised(JsonObject json) => json;
            }
            """,
            VerifyCS.Diagnostic("EST0038").WithLocation(0).WithArguments(
                "TicketUpcasters.Zero", "FromRevision is 0, and revisions start at 1; give the revision of the stored JSON the method reads"),
            VerifyCS.Diagnostic("EST0038").WithLocation(1).WithArguments(
                "TicketUpcasters.Current",
                "it reads revision 3 of TicketAssigned, whose current revision is 3, and only events stored at an older revision are upcast; when the schema changes, raise the revision with [Revision(4)] on TicketAssigned, or fix FromRevision"),
            VerifyCS.Diagnostic("EST0038").WithLocation(2).WithArguments(
                "TicketUpcasters.Unrevised",
                "it reads revision 1 of TicketClosed, whose current revision is 1 (it has no [Revision]), and only events stored at an older revision are upcast; when the schema changes, raise the revision with [Revision(2)] on TicketClosed, or fix FromRevision"));

    [Fact]
    public Task Upcasters_for_each_older_revision_are_not_reported() =>
        VerifyCS.AnalyzerAsync(
            Events + """

            public static class TicketUpcasters
            {
                [Upcaster(typeof(TicketAssigned), 1)]
                public static JsonObject PersonBecameAssignee(JsonObject json) => json;

                [Upcaster(typeof(TicketAssigned), 2)]
                internal static JsonObject TeamAdded(JsonObject json) => json;
            }
            """);
}
