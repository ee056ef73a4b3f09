using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Xunit;

namespace Estuary.FunctionalTests.Handling;

/// <summary>
/// A bus of the application's own, decorating Estuary's: the generated typed overloads work on it and
/// go through its untyped members, so it sees every send.
/// </summary>
public sealed class ApplicationBusTests
{
    private sealed class AuditingBus(ICommandBus commands, IQueryBus queries) : ICommandBus, IQueryBus
    {
        public List<string> Seen { get; } = [];

        ValueTask<object?> ICommandBus.SendObjectAsync(object command, MessageHeaders? headers, CancellationToken cancellationToken)
        {
            Seen.Add("command " + command.GetType().Name);
            return commands.SendObjectAsync(command, headers, cancellationToken);
        }

        ValueTask<object?> ICommandBus.SendWithRoutingAsync(string routingKey, object? payload, MessageHeaders? headers, CancellationToken cancellationToken) =>
            commands.SendWithRoutingAsync(routingKey, payload, headers, cancellationToken);

        ValueTask<object?> ICommandBus.SendWithRoutingAsync(string routingKey, object payload, string contentType, MessageHeaders? headers, CancellationToken cancellationToken) =>
            commands.SendWithRoutingAsync(routingKey, payload, contentType, headers, cancellationToken);

        ValueTask<object?> IQueryBus.SendObjectAsync(object query, MessageHeaders? headers, CancellationToken cancellationToken)
        {
            Seen.Add("query " + query.GetType().Name);
            return queries.SendObjectAsync(query, headers, cancellationToken);
        }

        ValueTask<object?> IQueryBus.SendWithRoutingAsync(string routingKey, object? payload, MessageHeaders? headers, CancellationToken cancellationToken) =>
            queries.SendWithRoutingAsync(routingKey, payload, headers, cancellationToken);

        ValueTask<object?> IQueryBus.SendWithRoutingAsync(string routingKey, object payload, string contentType, MessageHeaders? headers, CancellationToken cancellationToken) =>
            queries.SendWithRoutingAsync(routingKey, payload, contentType, headers, cancellationToken);
    }

    [Fact]
    public async Task Typed_overloads_on_an_application_bus_go_through_its_untyped_members()
    {
        await using var host = TestHost.Create();
        var bus = new AuditingBus(host.Commands(), host.Queries());
        ICommandBus commands = bus;
        IQueryBus queries = bus;

        await commands.SendAsync(new RegisterCustomer("ada"));
        int number = await commands.SendAsync(new AllocateCustomerNumber("abc"));
        Greeting greeting = await queries.SendAsync(new GetGreeting("ada"));

        Assert.Equal(1003, number);
        Assert.Equal("Hello, ada", greeting.Text);
        Assert.Equal(["command RegisterCustomer", "command AllocateCustomerNumber", "query GetGreeting"], bus.Seen);
        Assert.Equal(["registered ada", "allocated for abc"], host.Log());
    }
}
