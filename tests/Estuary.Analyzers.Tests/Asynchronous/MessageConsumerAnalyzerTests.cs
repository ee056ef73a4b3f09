using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Xunit;
using VerifyCS = Estuary.Analyzers.Tests.Verify<Estuary.Analyzers.MessageConsumerAnalyzer>;

namespace Estuary.Analyzers.Tests.Asynchronous;

public sealed class MessageConsumerAnalyzerTests
{
    private const string Types = """
        using System;
        using Estuary;

        public sealed record CustomerChanged(string CustomerId);
        public sealed record CustomerDeleted(string CustomerId);

        """;

    [Fact]
    public Task A_consumer_per_channel_with_headers_and_services_is_fine() =>
        VerifyCS.AnalyzerAsync(
            Types + """
            public static class CrmImport
            {
                [MessageConsumer("crm-customers", EndpointId = "crm.import")]
                public static void Import(CustomerChanged changed, [Header("crm-tenant")] string? tenant, IServiceProvider services) { }

                [MessageConsumer("crm-deletions")]
                public static void Deleted(CustomerDeleted deleted) { }
            }
            """);

    [Fact]
    public Task A_consumer_that_is_also_a_handler_asynchronous_bodiless_or_in_an_aggregate_is_reported_with_the_reason() =>
        VerifyCS.AnalyzerAsync(
            Types + """
            public static class CrmImport
            {
                [{|#0:MessageConsumer("a")|}]
                [CommandHandler]
                public static void Handler(CustomerChanged changed) { }

                [{|#1:MessageConsumer("b")|}]
                [Asynchronous("b")]
                public static void Twice(CustomerChanged changed) { }

                [{|#2:MessageConsumer("c")|}]
                public static void Bodiless() { }

                [{|#3:MessageConsumer("")|}]
                public static void Nowhere(CustomerChanged changed) { }
            }

            [Aggregate]
            public sealed class Customer
            {
                [Identifier] public string Id { get; set; } = "";

                [{|#4:MessageConsumer("d")|}]
                public void Import(CustomerChanged changed) { }
            }
            """,
            VerifyCS.Diagnostic("EST0052").WithSeverity(DiagnosticSeverity.Error).WithLocation(0).WithArguments("CrmImport.Handler", "it is also a command, query or event handler or a [Scheduled] method; a message consumer is a method of its own"),
            VerifyCS.Diagnostic("EST0052").WithSeverity(DiagnosticSeverity.Error).WithLocation(1).WithArguments("CrmImport.Twice", "it also has [Asynchronous]; the channel is the one [MessageConsumer] names, remove [Asynchronous]"),
            VerifyCS.Diagnostic("EST0052").WithSeverity(DiagnosticSeverity.Error).WithLocation(2).WithArguments("CrmImport.Bodiless", "it has no parameter for the message body; make the first parameter the type its JSON is read into"),
            VerifyCS.Diagnostic("EST0052").WithSeverity(DiagnosticSeverity.Error).WithLocation(3).WithArguments("CrmImport.Nowhere", "it names no channel; give the channel its messages come from, e.g. [MessageConsumer(\"crm-customers\")]"),
            VerifyCS.Diagnostic("EST0052").WithSeverity(DiagnosticSeverity.Error).WithLocation(4).WithArguments("Customer.Import", "it belongs to an aggregate, a saga or a projection; move it to a class of its own and call them from there"));

    [Fact]
    public Task Two_consumers_on_one_channel_report_the_second() =>
        VerifyCS.AnalyzerAsync(
            Types + """
            public static class CrmImport
            {
                [MessageConsumer("crm")]
                public static void Changed(CustomerChanged changed) { }

                [{|#0:MessageConsumer("crm")|}]
                public static void Deleted(CustomerDeleted deleted) { }
            }
            """,
            VerifyCS.Diagnostic("EST0053").WithSeverity(DiagnosticSeverity.Error).WithLocation(0).WithArguments("crm", "CrmImport.Changed", "CrmImport.Deleted"));
}
