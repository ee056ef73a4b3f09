using System.Threading.Tasks;
using Xunit;

namespace Estuary.Analyzers.Tests.Aggregates;

/// <summary>A valid event-sourced aggregate (pure and recording style) gives no aggregate diagnostic.</summary>
public sealed class EventSourcedAggregateAnalyzerTests
{
    private const string Source = """
        using System;
        using System.Collections.Generic;
        using Estuary;

        public sealed record OpenInvoice(Guid InvoiceId, decimal Amount);
        public sealed record PayInvoice(Guid InvoiceId, decimal Amount);
        public sealed record GetBalance(Guid InvoiceId);
        public sealed record InvoiceOpened(Guid InvoiceId, decimal Amount);
        public sealed record InvoicePaid(Guid InvoiceId, decimal Amount);
        public sealed record CreateWallet(string WalletId);
        public sealed record WalletCreated(string WalletId);

        [EventSourcingAggregate]
        public sealed class Invoice
        {
            [Identifier] public Guid InvoiceId { get; set; }
            public decimal Due { get; set; }

            [CommandHandler] public static InvoiceOpened Open(OpenInvoice command) => new(command.InvoiceId, command.Amount);
            [CommandHandler] public IEnumerable<object> Pay(PayInvoice command) { yield return new InvoicePaid(InvoiceId, command.Amount); }
            [QueryHandler] public decimal Balance(GetBalance query) => Due;
            [EventSourcingHandler] public void On(InvoiceOpened opened) => InvoiceId = opened.InvoiceId;
            [EventSourcingHandler] public void On(InvoicePaid paid) => Due -= paid.Amount;
        }

        [EventSourcingAggregate]
        public sealed class Wallet
        {
            private readonly List<object> _recorded = [];
            [Identifier] public string WalletId { get; set; } = "";
            [AggregateEvents] public IEnumerable<object> Recorded() => _recorded;
            [CommandHandler] public static Wallet Create(CreateWallet command) { var w = new Wallet(); w._recorded.Add(new WalletCreated(command.WalletId)); return w; }
            [EventSourcingHandler] public void On(WalletCreated created) => WalletId = created.WalletId;
        }
        """;

    [Fact]
    public Task Handler_analyzer_reports_nothing() => Verify<AggregateHandlerAnalyzer>.AnalyzerAsync(Source);

    [Fact]
    public Task Member_analyzer_reports_nothing() => Verify<AggregateMemberAnalyzer>.AnalyzerAsync(Source);

    [Fact]
    public Task Mapping_analyzer_reports_nothing() => Verify<IdentifierMappingAnalyzer>.AnalyzerAsync(Source);

    [Fact]
    public Task Load_or_create_analyzer_reports_nothing() => Verify<LoadOrCreateAnalyzer>.AnalyzerAsync(Source);

    [Fact]
    public Task Duplicate_analyzer_reports_nothing() => Verify<DuplicateHandlerAnalyzer>.AnalyzerAsync(Source);
}
