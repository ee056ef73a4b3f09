using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Xunit;
using VerifyCS = Estuary.Analyzers.Tests.Verify<Estuary.Analyzers.ModuleCompositionAnalyzer>;
using VerifyFix = Estuary.Analyzers.Tests.Verify<Estuary.Analyzers.ModuleCompositionAnalyzer, Estuary.CodeFixes.AddModuleCodeFix>;

namespace Estuary.Analyzers.Tests.Modules;

public sealed class ModuleCompositionAnalyzerTests
{
    private static readonly MetadataReference s_orders = ReferencedModule.Create("Shop.Orders", "Shop.Orders", "OrdersModule");
    private static readonly MetadataReference s_billing = ReferencedModule.Create(
        "Shop.Billing",
        "Shop.Billing",
        "BillingModule",
        """
        namespace Shop.Billing
        {
            public static class BillingSetup
            {
                public static EstuaryBuilder AddBilling(this EstuaryBuilder estuary) => estuary.AddModule<BillingModule>();
            }
        }
        """);

    [Fact]
    public Task A_referenced_module_missing_from_AddEstuary_is_reported() =>
        VerifyCS.AnalyzerAsync(
            new[]
            {
                """
                using Estuary;
                using Microsoft.Extensions.DependencyInjection;

                public static class Host
                {
                    public static void Configure(IServiceCollection services) =>
                        services.{|#0:AddEstuary|}(estuary => { });
                }
                """,
            },
            test => test.TestState.AdditionalReferences.Add(s_orders),
            Warning().WithLocation(0).WithArguments("OrdersModule"));

    [Fact]
    public Task Modules_added_by_type_by_instance_or_by_their_own_library_are_not_reported() =>
        VerifyCS.AnalyzerAsync(
            new[]
            {
                """
                using Estuary;
                using Microsoft.Extensions.DependencyInjection;
                using Shop.Billing;
                using Shop.Orders;

                public static class Host
                {
                    public static void ByType(IServiceCollection services) =>
                        services.AddEstuary(estuary => estuary.AddModule<OrdersModule>().AddBilling());

                    public static void ByInstance(IServiceCollection services) =>
                        services.AddEstuary(estuary =>
                        {
                            estuary.Options.ToString();
                            estuary.AddModule(new OrdersModule());
                            estuary.AddModule<BillingModule>();
                        });
                }
                """,
            },
            test => test.TestState.AdditionalReferences.AddRange(new[] { s_orders, s_billing }));

    [Fact]
    public Task A_lambda_handing_the_builder_to_local_code_is_not_checked() =>
        VerifyCS.AnalyzerAsync(
            new[]
            {
                """
                using Estuary;
                using Microsoft.Extensions.DependencyInjection;

                public static class Host
                {
                    public static void Configure(IServiceCollection services, EstuaryModule extra) =>
                        services.AddEstuary(estuary => AddEverything(estuary));

                    public static void WithVariable(IServiceCollection services, EstuaryModule extra) =>
                        services.AddEstuary(estuary => estuary.AddModule(extra));

                    private static void AddEverything(EstuaryBuilder estuary) { }
                }
                """,
            },
            test => test.TestState.AdditionalReferences.Add(s_orders));

    [Fact]
    public Task The_projects_own_generated_module_is_seen_by_the_analyzer() =>
        VerifyCS.AnalyzerAsync(
            new[]
            {
                """
                using Estuary;
                using Microsoft.Extensions.DependencyInjection;

                namespace TestProject;

                public sealed record PlaceOrder(int Id);

                public static class Orders
                {
                    [CommandHandler]
                    public static void Place(PlaceOrder command) { }
                }

                public static class Host
                {
                    public static void Forgotten(IServiceCollection services) =>
                        services.{|#0:AddEstuary|}(estuary => { });

                    public static void Added(IServiceCollection services) =>
                        services.AddEstuary(estuary => estuary.AddModule<TestProjectModule>());
                }
                """,
            },
            test =>
            {
                test.WithGenerator = true;
                test.TestBehaviors |= Microsoft.CodeAnalysis.Testing.TestBehaviors.SkipGeneratedSourcesCheck;
            },
            Warning().WithLocation(0).WithArguments("TestProjectModule"));

    [Fact]
    public Task Adding_a_missing_module_extends_the_builder_chain() =>
        VerifyFix.CodeFixAsync(
            """
            using Estuary;
            using Microsoft.Extensions.DependencyInjection;
            using Shop.Billing;

            public static class Host
            {
                public static void Configure(IServiceCollection services) =>
                    services.{|EST0012:AddEstuary|}(estuary => estuary.AddModule<BillingModule>());
            }
            """,
            """
            using Estuary;
            using Microsoft.Extensions.DependencyInjection;
            using Shop.Billing;
            using Shop.Orders;

            public static class Host
            {
                public static void Configure(IServiceCollection services) =>
                    services.AddEstuary(estuary => estuary.AddModule<BillingModule>().AddModule<OrdersModule>());
            }
            """,
            test => test.TestState.AdditionalReferences.AddRange(new[] { s_orders, s_billing }));

    [Fact]
    public Task Adding_a_missing_module_to_a_block_lambda_appends_a_statement() =>
        VerifyFix.CodeFixAsync(
            """
            using Estuary;
            using Microsoft.Extensions.DependencyInjection;
            using Shop.Orders;

            public static class Host
            {
                public static void Configure(IServiceCollection services)
                {
                    services.{|EST0012:AddEstuary|}(estuary =>
                    {
                        estuary.Options.ToString();
                    });
                }
            }
            """,
            """
            using Estuary;
            using Microsoft.Extensions.DependencyInjection;
            using Shop.Orders;

            public static class Host
            {
                public static void Configure(IServiceCollection services)
                {
                    services.AddEstuary(estuary =>
                    {
                        estuary.Options.ToString();
                        estuary.AddModule<OrdersModule>();
                    });
                }
            }
            """,
            test => test.TestState.AdditionalReferences.Add(s_orders));

    private static Microsoft.CodeAnalysis.Testing.DiagnosticResult Warning() => VerifyCS.Diagnostic("EST0012").WithSeverity(DiagnosticSeverity.Warning);
}
