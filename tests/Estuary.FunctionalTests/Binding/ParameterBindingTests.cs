using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Estuary.FunctionalTests.Binding;

public sealed class ParameterBindingTests
{
    [Fact]
    public async Task MessageHeaders_parameter_receives_user_and_reserved_headers()
    {
        await using var host = TestHost.Create();

        var description = await host.Queries().SendAsync(new DescribeMessage("t"), new MessageHeaders { ["user"] = "alice", ["trace"] = 7 });

        Assert.Equal("alice", description.Headers["user"]);
        Assert.Equal(7, description.Headers["trace"]);
        Assert.Equal(description.ContextMessageId, description.Headers[MessageHeaderNames.MessageId]);
        Assert.Equal(description.ContextMessageId, description.Headers[MessageHeaderNames.CorrelationId]);
        Assert.True(description.Headers.ContainsKey(MessageHeaderNames.Timestamp));
    }

    [Fact]
    public async Task MessageContext_parameter_is_the_context_of_the_message_being_handled()
    {
        await using var host = TestHost.Create();

        var description = await host.Queries().SendAsync(new DescribeMessage("t"), new MessageHeaders { ["user"] = "carol" });

        Assert.Equal("carol", description.UserHeaderFromContext);
        Assert.NotEqual(System.Guid.Empty, description.ContextMessageId);
    }

    [Fact]
    public async Task CancellationToken_parameter_is_the_token_given_to_the_send()
    {
        await using var host = TestHost.Create(services => services.AddSingleton(new GreetingService()));
        using var cancellation = new CancellationTokenSource();

        var report = await host.Queries().SendAsync(new CheckToken(), cancellation.Token);

        Assert.Equal(cancellation.Token, report.Token);
        Assert.Equal(cancellation.Token, report.ContextToken);
    }

    [Fact]
    public async Task Service_parameter_is_resolved_from_the_container()
    {
        var registered = new GreetingService { Greeting = "bonjour" };
        await using var host = TestHost.Create(services => services.AddSingleton(registered));

        var report = await host.Queries().SendAsync(new CheckToken());

        Assert.Equal("bonjour", report.Greeting);
    }

    [Fact]
    public async Task Unregistered_service_parameter_fails_naming_the_service()
    {
        await using var host = TestHost.Create();

        var error = await Assert.ThrowsAsync<ServiceNotRegisteredException>(async () => await host.Queries().SendAsync(new CheckToken()));

        Assert.Contains(typeof(GreetingService).FullName!, error.Message);
        Assert.Contains("Register", error.Message);
    }
}
