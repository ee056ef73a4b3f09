using System.Threading.Tasks;
using Estuary.FunctionalTests.Interception.Attributes;
using Estuary.FunctionalTests.Interception.Pointcuts;
using Estuary.FunctionalTests.Interception.Pointcuts.Tracked;
using Estuary.FunctionalTests.Interception.Pointcuts.Tracked.Deeper;
using Estuary.FunctionalTests.Interception.Pointcuts.TrackedNot;
using Xunit;

namespace Estuary.FunctionalTests.Interception;

public sealed class InterceptorTargetingTests
{
    [Fact]
    public async Task Interceptor_receives_the_handlers_attribute_with_its_constructor_and_named_arguments()
    {
        await using var host = TestHost.Create();

        await host.Commands().SendAsync(new AlertingCommand("a"));

        Assert.Equal(["alert ops High threshold=3 source=MethodAlertHandler tags=disk,io", "alerting handler"], host.Log());
    }

    [Fact]
    public async Task Interceptor_receives_an_attribute_declared_on_the_handler_class()
    {
        await using var host = TestHost.Create();

        await host.Commands().SendAsync(new ClassAlertCommand("c"));

        Assert.Equal(["alert billing Low threshold=0 source=none tags=", "class alert handler"], host.Log());
    }

    [Fact]
    public async Task Attribute_parameter_pointcut_skips_handlers_without_the_attribute()
    {
        await using var host = TestHost.Create();

        await host.Commands().SendAsync(new UnalertedCommand("u"));

        Assert.Equal(["unalerted handler"], host.Log());
    }

    [Fact]
    public async Task Interface_pointcut_wraps_handlers_declared_in_implementing_classes_only()
    {
        await using var host = TestHost.Create();

        string receipt = await host.Commands().SendAsync(new TransferFunds(5));
        await host.Queries().SendAsync(new ReadBalance("acc"));

        Assert.Equal("receipt 5", receipt);
        Assert.Equal(["begin", "transfer 5", "commit", "balance of acc", "balance"], host.Log());
    }

    [Fact]
    public async Task Base_class_pointcut_wraps_handlers_declared_in_derived_classes()
    {
        await using var host = TestHost.Create();

        await host.Commands().SendAsync(new CloseAccount("acc"));

        Assert.Equal(["close", "audit CloseAccount"], host.Log());
    }

    [Fact]
    public async Task Namespace_pointcut_wraps_handlers_in_the_namespace_and_below()
    {
        await using var host = TestHost.Create();

        await host.Commands().SendAsync(new TrackedCommand());
        await host.Commands().SendAsync(new DeeplyTrackedCommand());

        Assert.Equal(
        [
            "track TrackedCommand", "track.* TrackedCommand", "tracked handler",
            "track DeeplyTrackedCommand", "track.* DeeplyTrackedCommand", "deeply tracked handler",
        ],
            host.Log());
    }

    [Fact]
    public async Task Namespace_pointcut_skips_a_sibling_namespace_sharing_its_prefix()
    {
        await using var host = TestHost.Create();

        await host.Commands().SendAsync(new LookalikeCommand());

        Assert.Equal(["lookalike handler"], host.Log());
    }

    [Fact]
    public async Task Typed_message_parameter_narrows_an_interceptor_to_that_message()
    {
        await using var host = TestHost.Create();

        await host.Commands().SendAsync(new TransferFunds(1));

        Assert.DoesNotContain(host.Log(), entry => entry.StartsWith("balance of", System.StringComparison.Ordinal));
    }
}
