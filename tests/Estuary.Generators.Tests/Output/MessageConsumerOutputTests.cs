using System.Linq;
using Xunit;
using static Estuary.Generators.Tests.GeneratorTestHelper;

namespace Estuary.Generators.Tests.Output;

/// <summary>A [MessageConsumer] is an asynchronous endpoint of its channel, marked as its consumer, with no typed bus overload.</summary>
public sealed class MessageConsumerOutputTests
{
    [Fact]
    public void A_message_consumer_is_an_endpoint_of_its_channel_that_no_typed_overload_targets()
    {
        var output = RunGenerator("""
            using Estuary;

            namespace Crm;

            public sealed record CustomerChanged(string CustomerId);
            public sealed record RenameCustomer(string CustomerId);

            public static class CrmImport
            {
                [MessageConsumer("crm-customers", EndpointId = "crm.import")]
                [Retry(Instant = 1, Delayed = 0)]
                public static void Import(CustomerChanged changed, [Header("crm-tenant")] string? tenant) { }

                [CommandHandler]
                public static void Rename(RenameCustomer command) { }
            }
            """);

        var endpoints = output.File("CrmImport.Endpoints.g.cs").Text;
        Assert.Contains("MessageConsumer: true", endpoints, System.StringComparison.Ordinal);
        Assert.Contains("\"crm.import\"", endpoints, System.StringComparison.Ordinal);
        Assert.Contains("Asynchronous: new global::Estuary.Runtime.AsynchronousDescription(", endpoints, System.StringComparison.Ordinal);
        Assert.Contains("\"crm-customers\"", endpoints, System.StringComparison.Ordinal);
        Assert.Contains("InstantRetries = 1", endpoints, System.StringComparison.Ordinal);
        var overloads = output.Files.Single(f => f.HintName.EndsWith("BusExtensions.g.cs", System.StringComparison.Ordinal)).Text;
        Assert.Contains("RenameCustomer", overloads, System.StringComparison.Ordinal);
        Assert.DoesNotContain("CustomerChanged", overloads, System.StringComparison.Ordinal);
    }
}
