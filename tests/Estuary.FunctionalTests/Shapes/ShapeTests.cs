using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Estuary.FunctionalTests.Shapes;

public sealed class ShapeTests
{
    [Fact]
    public async Task Messages_with_the_same_short_name_in_different_namespaces_reach_their_own_handlers()
    {
        await using var host = TestHost.Create();

        string alpha = await host.Queries().SendAsync(new Alpha.Ping("ada"));
        string beta = await host.Queries().SendAsync(new Beta.Ping(3));

        Assert.Equal("alpha from ada", alpha);
        Assert.Equal("beta x3", beta);
    }

    [Fact]
    public async Task Struct_message_is_handled_through_its_typed_overload()
    {
        await using var host = TestHost.Create();

        int area = await host.Queries().SendAsync(new Measure(3, 4));

        Assert.Equal(12, area);
    }

    [Fact]
    public async Task Internal_message_type_gets_an_internal_typed_overload_that_works()
    {
        await using var host = TestHost.Create();

        int result = await host.Queries().SendAsync(new InternalQuery(5));

        Assert.Equal(-5, result);
    }

    [Fact]
    public async Task Handler_parameters_resolve_open_generic_enumerable_and_provider_services()
    {
        await using var host = TestHost.Create(services =>
        {
            services.AddLogging();
            services.Configure<RetrySettings>(settings => settings.Retries = 4);
            services.AddSingleton<IGreeter, EnglishGreeter>();
            services.AddSingleton<IGreeter, FrenchGreeter>();
        });

        var report = await host.Queries().SendAsync(new UseContainerServices());

        Assert.Equal(nameof(ContainerServiceHandlers), report.LoggerCategory);
        Assert.Equal(["english", "french"], report.Greeters);
        Assert.True(report.HasServiceProvider);
        Assert.Equal(4, report.Retries);
    }

    [Fact]
    public async Task Query_sent_through_the_generic_fallback_as_object_reaches_its_handler()
    {
        await using var host = TestHost.Create();
        object query = new Handling.GetGreeting("lin");

        var greeting = await host.Queries().SendAsync<Handling.Greeting>(query);

        Assert.Equal("Hello, lin", greeting.Text);
    }
}
