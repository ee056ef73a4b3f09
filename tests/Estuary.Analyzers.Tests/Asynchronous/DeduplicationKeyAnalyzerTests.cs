using System.Threading.Tasks;
using Xunit;
using VerifyCS = Estuary.Analyzers.Tests.Verify<Estuary.Analyzers.DeduplicationKeyAnalyzer>;

namespace Estuary.Analyzers.Tests.Asynchronous;

public sealed class DeduplicationKeyAnalyzerTests
{
    private const string Messages = """
        namespace Shop
        {
            public sealed record Payment(System.Guid Id, decimal Amount);
            public sealed record RefundIssued(System.Guid RefundId);
            public sealed record PaymentReceived(Payment Payment, string Reference)
            {
                public static int Count => 0;
                internal string? Note { get; init; }
                public string Secret { private get; init; } = "";
            }
        }
        """;

    [Fact]
    public Task Member_paths_that_do_not_resolve_name_the_missing_segment_and_its_type() =>
        VerifyCS.AnalyzerAsync(
            new[]
            {
                Messages,
                """
                using Estuary;
                using Shop;

                public static class Payments
                {
                    [Asynchronous("payments")]
                    [EventHandler]
                    [{|#0:Deduplicated("PaymentId")|}]
                    public static void Book(PaymentReceived received) { }

                    [Asynchronous("payments")]
                    [EventHandler]
                    [{|#1:Deduplicated("Payment.Number")|}]
                    public static void Audit(PaymentReceived received) { }

                    [Asynchronous("payments")]
                    [EventHandler]
                    [{|#2:Deduplicated("Count")|}]
                    public static void Tally(PaymentReceived received) { }

                    [Asynchronous("payments")]
                    [EventHandler]
                    [{|#3:Deduplicated("Secret")|}]
                    public static void Hide(PaymentReceived received) { }
                }
                """,
            },
            VerifyCS.Diagnostic("EST0019").WithLocation(0).WithArguments("Payments.Book", Unresolved("PaymentId", "Shop.PaymentReceived")),
            VerifyCS.Diagnostic("EST0019").WithLocation(1).WithArguments("Payments.Audit", Unresolved("Number", "Shop.Payment")),
            VerifyCS.Diagnostic("EST0019").WithLocation(2).WithArguments("Payments.Tally", Unresolved("Count", "Shop.PaymentReceived")),
            VerifyCS.Diagnostic("EST0019").WithLocation(3).WithArguments("Payments.Hide", Unresolved("Secret", "Shop.PaymentReceived")));

    [Fact]
    public Task An_attribute_naming_neither_a_path_nor_a_header_is_reported() =>
        VerifyCS.AnalyzerAsync(
            new[]
            {
                Messages,
                """
                using Estuary;
                using Shop;

                public static class Payments
                {
                    [Asynchronous("payments")]
                    [EventHandler]
                    [{|#0:Deduplicated|}]
                    public static void Book(PaymentReceived received) { }

                    [Asynchronous("payments")]
                    [EventHandler]
                    [{|#1:Deduplicated(Header = "")|}]
                    public static void Audit(PaymentReceived received) { }

                    [Asynchronous("payments")]
                    [CommandHandler("payments.sweep")]
                    [{|#2:Deduplicated("Id")|}]
                    public static void Sweep() { }

                    [Asynchronous("payments")]
                    [EventHandler]
                    [{|#3:Deduplicated|}]
                    public static void Refund(RefundIssued issued) { }
                }
                """,
            },
            VerifyCS.Diagnostic("EST0019").WithLocation(0).WithArguments(
                "Payments.Book",
                "it names neither a member path nor a header; give the message member holding the key, e.g. [Deduplicated(\"Member.Path\")], or a header, [Deduplicated(Header = \"name\")]"),
            VerifyCS.Diagnostic("EST0019").WithLocation(1).WithArguments(
                "Payments.Audit",
                "it names neither a member path nor a header; give the message member holding the key, e.g. [Deduplicated(\"Member.Path\")], or a header, [Deduplicated(Header = \"name\")]"),
            VerifyCS.Diagnostic("EST0019").WithLocation(2).WithArguments(
                "Payments.Sweep",
                "Payments.Sweep takes no message to read 'Id' from; deduplicate by a header, [Deduplicated(Header = \"name\")]"),
            VerifyCS.Diagnostic("EST0019").WithLocation(3).WithArguments(
                "Payments.Refund",
                "it names neither a member path nor a header; give the message member holding the key, e.g. [Deduplicated(nameof(RefundIssued.RefundId))], or a header, [Deduplicated(Header = \"name\")]"));

    [Fact]
    public Task Readable_paths_headers_and_synchronous_handlers_are_not_reported() =>
        VerifyCS.AnalyzerAsync(
            new[]
            {
                Messages,
                """
                using Estuary;
                using Shop;

                [Asynchronous("payments")]
                public static class Payments
                {
                    [EventHandler]
                    [Deduplicated("Payment.Id")]
                    public static void Book(PaymentReceived received) { }

                    [EventHandler]
                    [Deduplicated(nameof(PaymentReceived.Reference))]
                    public static void Audit(PaymentReceived received) { }

                    [EventHandler]
                    [Deduplicated("Note")]
                    public static void Annotate(PaymentReceived received) { }

                    [CommandHandler("payments.sweep")]
                    [Deduplicated(Header = "sweep-id")]
                    public static void Sweep() { }
                }

                public static class Ledger
                {
                    // Not asynchronous: EST0021 says the attribute does nothing, this rule stays quiet.
                    [EventHandler]
                    [Deduplicated("Nowhere")]
                    public static void Post(PaymentReceived received) { }
                }
                """,
            });

    private static string Unresolved(string segment, string type) =>
        "'" + segment + "' is not a readable public or internal property or field of '" + type + "'; correct the member path, or deduplicate by a header";
}
