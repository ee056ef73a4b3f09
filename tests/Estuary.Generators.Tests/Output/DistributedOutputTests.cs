using Xunit;
using static Estuary.Generators.Tests.GeneratorTestHelper;

namespace Estuary.Generators.Tests.Output;

/// <summary>[Distributed] marks the endpoints the distributed bus's inbox may hand messages to, and only those.</summary>
public sealed class DistributedOutputTests
{
    [Fact]
    public void Distributed_handlers_are_described_as_distributed_and_others_are_not()
    {
        var output = RunGenerator("""
            using Estuary;

            namespace Billing;

            public sealed record CreateInvoice(string OrderId);
            public sealed record OrderPlaced(string OrderId);
            public sealed record VoidInvoice(string OrderId);

            public sealed class Invoices
            {
                [Distributed]
                [CommandHandler("billing.create-invoice")]
                public void Create(CreateInvoice command) { }

                [Distributed]
                [EventHandler("orders.*")]
                public void OnOrders(OrderPlaced placed) { }

                [CommandHandler("billing.void-invoice")]
                public void Void(VoidInvoice command) { }

                [Distributed]
                [CommandHandler]
                public void Unreachable(OrderPlaced placed) { }
            }
            """);

        var text = output.File("Invoices.Endpoints.g.cs").Text;
        Assert.Equal(2, Count(text, "Distributed: true"));
        Assert.Contains("\"billing.create-invoice\"", text, System.StringComparison.Ordinal);
    }

    private static int Count(string text, string part) => (text.Length - text.Replace(part, string.Empty, System.StringComparison.Ordinal).Length) / part.Length;
}
