using System.Threading.Tasks;
using Xunit;
using VerifyCS = Estuary.Analyzers.Tests.Verify<Estuary.Analyzers.LoadOrCreateAnalyzer>;

namespace Estuary.Analyzers.Tests.Aggregates;

public sealed class LoadOrCreateAnalyzerTests
{
    [Fact]
    public Task An_event_sourced_action_returning_its_events_pairs_with_the_factory_of_the_same_event() =>
        VerifyCS.AnalyzerAsync(
            """
            using System;
            using System.Collections.Generic;
            using Estuary;

            public sealed record OrderPlaced(Guid OrderId, int Quantity);
            [NamedEvent("points.earned")] public sealed record PointsEarned(string CustomerId, int Points);

            [EventSourcingAggregate]
            public sealed class LoyaltyCard
            {
                [Identifier] public string CustomerId { get; set; } = "";

                [EventHandler]
                public static PointsEarned Open(OrderPlaced placed, [Header("user")] string user) => new(user, placed.Quantity);

                [EventHandler]
                [IdentifierMapping(nameof(CustomerId), Header = "user")]
                public IEnumerable<object> Earn(OrderPlaced placed) { yield return new PointsEarned(CustomerId, placed.Quantity); }

                [EventSourcingHandler] public void On(PointsEarned earned) => CustomerId = earned.CustomerId;
            }
            """);

    [Fact]
    public Task A_second_static_factory_for_one_message_is_reported_naming_the_first() =>
        VerifyCS.AnalyzerAsync(
            """
            using System;
            using Estuary;

            public sealed record OpenTab(Guid TabId);
            public sealed record OrderPlaced(Guid TabId);

            [Aggregate]
            public sealed class Tab
            {
                [Identifier] public Guid TabId { get; set; }

                [CommandHandler]
                public static Tab {|#1:Open|}(OpenTab command) => new() { TabId = command.TabId };

                [CommandHandler]
                public static Tab {|#0:OpenAtBar|}(OpenTab command) => new() { TabId = command.TabId };

                [CommandHandler]
                public void Reopen(OpenTab command) { }

                [EventHandler]
                public static Tab {|#3:Start|}(OrderPlaced placed) => new() { TabId = placed.TabId };

                [EventHandler]
                public static Tab {|#2:StartAgain|}(OrderPlaced placed) => new() { TabId = placed.TabId };
            }
            """,
            VerifyCS.Diagnostic("EST0030").WithLocation(0).WithLocation(1).WithArguments(
                "Tab.OpenAtBar",
                "Tab.Open",
                "'OpenTab'",
                "aggregate Tab",
                "two static handlers create Tab from one message; keep one, which an instance handler of the same message turns into load-or-create"),
            VerifyCS.Diagnostic("EST0030").WithLocation(2).WithLocation(3).WithArguments(
                "Tab.StartAgain",
                "Tab.Start",
                "'OrderPlaced'",
                "aggregate Tab",
                "two static handlers create Tab from one message; keep one, which an instance handler of the same message turns into load-or-create"));

    [Fact]
    public Task An_action_answering_another_type_than_the_factory_is_reported_on_its_return_type() =>
        VerifyCS.AnalyzerAsync(
            """
            using System;
            using System.Threading.Tasks;
            using Estuary;

            public sealed record OrderDrink(Guid TabId, string Drink);

            [Aggregate]
            public sealed class Tab
            {
                [Identifier] public Guid TabId { get; set; }

                [CommandHandler]
                public static Tab {|#1:OpenWith|}(OrderDrink command) => new() { TabId = command.TabId };

                [CommandHandler]
                public {|#0:Task<int>|} Order(OrderDrink command) => Task.FromResult(1);
            }
            """,
            VerifyCS.Diagnostic("EST0030").WithLocation(0).WithLocation(1).WithArguments(
                "Tab.Order",
                "Tab.OpenWith",
                "'OrderDrink'",
                "aggregate Tab",
                "Tab.Order returns int, but when the instance does not exist the endpoint answers what Tab.OpenWith answers, the new instance's identifier (Guid); return that, or nothing"));

    [Fact]
    public Task An_action_creating_another_aggregate_does_not_pair_with_a_factory() =>
        VerifyCS.AnalyzerAsync(
            """
            using System;
            using Estuary;

            public sealed record CloseTab(Guid TabId);

            [Aggregate]
            public sealed class Bill
            {
                [Identifier] public Guid BillId { get; set; }
            }

            [Aggregate]
            public sealed class Tab
            {
                [Identifier] public Guid TabId { get; set; }

                [CommandHandler]
                public static Tab {|#1:OpenClosed|}(CloseTab command) => new() { TabId = command.TabId };

                [CommandHandler]
                public {|#0:Bill|} Close(CloseTab command) => new() { BillId = Guid.NewGuid() };
            }
            """,
            VerifyCS.Diagnostic("EST0030").WithLocation(0).WithLocation(1).WithArguments(
                "Tab.Close",
                "Tab.OpenClosed",
                "'CloseTab'",
                "aggregate Tab",
                "Tab.Close also creates a new Bill, and a load-or-create endpoint only creates Tab; handle the message with one of them"));

    [Fact]
    public Task A_factory_with_an_action_answering_nothing_or_the_identifier_is_load_or_create() =>
        VerifyCS.AnalyzerAsync(
            """
            using System;
            using System.Threading.Tasks;
            using Estuary;

            public sealed record OrderDrink(Guid TabId, string Drink);
            public sealed record CloseTab(Guid TabId);
            public sealed record OrderPlaced(Guid OrderId);
            public sealed record PaymentCaptured(Guid OrderId);

            [Aggregate]
            public sealed class Tab
            {
                [Identifier] public Guid TabId { get; set; }

                [CommandHandler]
                public static Tab OpenWith(OrderDrink command) => new() { TabId = command.TabId };

                [CommandHandler]
                public Task Order(OrderDrink command) => Task.CompletedTask;

                [CommandHandler]
                public static Tab OpenClosed(CloseTab command) => new() { TabId = command.TabId };

                [CommandHandler]
                public Guid Close(CloseTab command) => TabId;
            }

            [Saga]
            public sealed class Checkout
            {
                [Identifier] public Guid OrderId { get; set; }

                [EventHandler]
                public static Checkout Start(OrderPlaced placed) => new() { OrderId = placed.OrderId };

                [EventHandler]
                public void On(OrderPlaced placed) { }

                [EventHandler]
                public static Checkout Start(PaymentCaptured captured) => new() { OrderId = captured.OrderId };

                [EventHandler]
                public void On(PaymentCaptured captured) { }
            }
            """);
}
