using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Xunit;
using VerifyCS = Estuary.Analyzers.Tests.Verify<Estuary.Analyzers.ChannelDeclarationAnalyzer>;

namespace Estuary.Analyzers.Tests.Asynchronous;

public sealed class ChannelDeclarationAnalyzerTests
{
    // Estuary.Postgres's declaring methods, by shape: the analyzer matches them by name and receiver.
    private const string Postgres = """
        using System;
        using Estuary;

        namespace Estuary.Postgres
        {
            public sealed class PostgresBuilder
            {
                public PostgresBuilder AddChannel(string name, Action<Estuary.Channels.ConsumerSettings>? configure = null) => this;
            }

            public static class PostgresEstuaryBuilderExtensions
            {
                public static EstuaryBuilder UsePostgres(this EstuaryBuilder builder, string connectionString, Action<PostgresBuilder>? configure = null) => builder;

                public static EstuaryBuilder AddPostgresChannel(this EstuaryBuilder builder, string name, Action<Estuary.Channels.ConsumerSettings>? configure = null) => builder;
            }
        }
        """;

    private const string Handlers = """
        using Estuary;

        public sealed record PlaceOrder(int Id);
        public sealed record OrderPlaced(int Id);
        public sealed record PaymentReceived(int Id);

        public static class Orders
        {
            [{|#0:Asynchronous("orders")|}]
            [CommandHandler(EndpointId = "orders.place")]
            public static void Place(PlaceOrder command) { }
        }

        [{|#1:Asynchronous("audit")|}]
        public static class Audit
        {
            [EventHandler(EndpointId = "audit.placed")]
            public static void Placed(OrderPlaced placed) { }

            [EventHandler(EndpointId = "audit.paid")]
            public static void Paid(PaymentReceived paid) { }
        }
        """;

    [Fact]
    public Task Channels_the_project_does_not_declare_are_reported_once_per_attribute_listing_the_declared_ones() =>
        VerifyCS.AnalyzerAsync(
            new[]
            {
                Handlers,
                """
                using Estuary;
                using Microsoft.Extensions.DependencyInjection;

                // Another type's AddChannel does not declare an Estuary channel.
                public sealed class Radio
                {
                    public Radio AddChannel(string name) => this;
                }

                public static class Host
                {
                    public static void Configure(IServiceCollection services)
                    {
                        services.AddEstuary(estuary => estuary.AddInMemoryChannel("payments").AddInMemoryChannel("billing"));
                        new Radio().AddChannel("orders");
                    }
                }
                """,
            },
            Warning().WithLocation(0).WithArguments("orders", "'billing', 'payments'"),
            Warning().WithLocation(1).WithArguments("audit", "'billing', 'payments'"));

    [Fact]
    public Task A_triggered_projections_channel_is_checked_like_a_handlers() =>
        VerifyCS.AnalyzerAsync(
            new[]
            {
                """
                using Estuary;

                [NamedEvent("order.placed")] public sealed record OrderPlaced(int Id);

                [Projection("orders_by_day")]
                [FromStream("orders")]
                [{|#0:Asynchronous("projections")|}]
                public static class OrdersByDay
                {
                    [EventHandler]
                    public static void On(OrderPlaced placed) { }
                }
                """,
                """
                using Estuary;
                using Microsoft.Extensions.DependencyInjection;

                public static class Host
                {
                    public static void Configure(IServiceCollection services) =>
                        services.AddEstuary(estuary => estuary.AddInMemoryChannel("payments"));
                }
                """,
            },
            Warning().WithLocation(0).WithArguments("projections", "'payments'"));

    [Fact]
    public Task Channels_declared_in_memory_by_factory_or_in_Postgres_are_not_reported() =>
        VerifyCS.AnalyzerAsync(
            new[]
            {
                Unmarked(Handlers),
                Postgres,
                """
                using Estuary;
                using Estuary.Channels;
                using Estuary.Postgres;
                using Microsoft.Extensions.DependencyInjection;

                public static class Host
                {
                    private const string Orders = "orders";

                    public static void InMemory(IServiceCollection services) =>
                        services.AddEstuary(estuary => estuary.AddInMemoryChannel(Orders).AddChannel(name: "audit", factory: _ => new InMemoryChannel("audit")));

                    public static void InPostgres(IServiceCollection services) =>
                        services.AddEstuary(estuary => estuary
                            .UsePostgres("Host=localhost", postgres => postgres.AddChannel("orders"))
                            .AddPostgresChannel("audit"));
                }
                """,
            });

    [Fact]
    public Task A_project_declaring_no_channel_is_not_checked() =>
        VerifyCS.AnalyzerAsync(
            new[]
            {
                Unmarked(Handlers),
                """
                using Estuary;
                using Microsoft.Extensions.DependencyInjection;

                public static class Host
                {
                    public static void Configure(IServiceCollection services) =>
                        services.AddEstuary(estuary => { });
                }
                """,
            });

    [Fact]
    public Task A_channel_name_that_is_not_a_constant_makes_the_declared_set_unknowable() =>
        VerifyCS.AnalyzerAsync(
            new[]
            {
                Unmarked(Handlers),
                """
                using Estuary;
                using Microsoft.Extensions.DependencyInjection;

                public static class Host
                {
                    public static void Configure(IServiceCollection services, string channel) =>
                        services.AddEstuary(estuary => estuary.AddInMemoryChannel("payments").AddInMemoryChannel(channel));
                }
                """,
            });

    [Fact]
    public Task A_builder_handed_to_a_library_may_get_channels_declared_there() =>
        VerifyCS.AnalyzerAsync(
            new[]
            {
                Unmarked(Handlers),
                """
                using Estuary;
                using Microsoft.Extensions.DependencyInjection;
                using Shop.Shipping;

                public static class Host
                {
                    public static void Configure(IServiceCollection services) =>
                        services.AddEstuary(estuary => estuary.AddInMemoryChannel("payments").AddShipping());
                }
                """,
            },
            test => test.TestState.AdditionalReferences.Add(ReferencedModule.Create(
                "Shop.Shipping",
                "Shop.Shipping",
                "ShippingModule",
                """
                namespace Shop.Shipping
                {
                    public static class ShippingSetup
                    {
                        public static EstuaryBuilder AddShipping(this EstuaryBuilder estuary) =>
                            estuary.AddModule<ShippingModule>().AddInMemoryChannel("orders").AddInMemoryChannel("audit");
                    }
                }
                """)));

    [Fact]
    public Task Channels_declared_by_an_extension_method_of_this_project_count() =>
        VerifyCS.AnalyzerAsync(
            new[]
            {
                Handlers.Replace("{|#1:", string.Empty).Replace("(\"audit\")|}]", "(\"audit\")]"),
                """
                using Estuary;
                using Microsoft.Extensions.DependencyInjection;

                public static class Channels
                {
                    public static EstuaryBuilder AddAuditChannel(this EstuaryBuilder estuary) => estuary.AddInMemoryChannel("audit");
                }

                public static class Host
                {
                    public static void Configure(IServiceCollection services) =>
                        services.AddEstuary(estuary => estuary.AddAuditChannel());
                }
                """,
            },
            Warning().WithLocation(0).WithArguments("orders", "'audit'"));

    private static string Unmarked(string source) => source.Replace("{|#0:", string.Empty).Replace("{|#1:", string.Empty).Replace(")|}]", ")]");

    private static Microsoft.CodeAnalysis.Testing.DiagnosticResult Warning() => VerifyCS.Diagnostic("EST0022").WithSeverity(DiagnosticSeverity.Warning);
}
