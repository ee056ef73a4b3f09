using System;
using System.Threading.Tasks;
using Estuary.Runtime;
using Xunit;

namespace Estuary.Tests.Dispatching;

public sealed class DispatchContextTests
{
    [Fact]
    public async Task Synchronous_endpoint_runs_with_its_context_current_and_none_is_left_after()
    {
        MessageContext? given = null;
        MessageContext? current = null;
        var endpoint = new SyncEndpoint<int, int>(Describe.Query("Echo.Handle", isSynchronous: true), (request, context) =>
        {
            given = context;
            current = MessageContext.Current;
            return request + 1;
        });
        using var host = Host.With(endpoint);

        var result = await Dispatch.Request(host.Bus(), endpoint, 41, null, default);

        Assert.Equal(42, result);
        Assert.NotNull(given);
        Assert.Same(given, current);
        Assert.Null(MessageContext.Current);
    }

    [Fact]
    public void Pooled_context_kept_by_a_handler_cannot_be_read_after_the_call()
    {
        MessageContext? kept = null;
        var endpoint = new SyncEndpoint<int, int>(Describe.Query("Keep.Handle", isSynchronous: true), (request, context) =>
        {
            kept = context;
            _ = context.MessageId;
            return request;
        });
        using var host = Host.With(endpoint);

        _ = Completed.Result(Dispatch.Request(host.Bus(), endpoint, 1, new MessageHeaders { ["tenant"] = "acme" }, default));

        Assert.Null(MessageContext.Current);
        Assert.Null(kept!.UserHeaders);
        var error = Assert.Throws<InvalidOperationException>(() => kept.MessageId);
        Assert.Contains("no longer in use", error.Message);
    }

    [Fact]
    public void Nested_synchronous_send_restores_the_outer_context_intact()
    {
        ICommandBus? bus = null;
        Guid? innerCausation = null;
        MessageContext? innerCurrent = null;
        MessageContext? outerAfterInner = null;
        var outerIdBefore = Guid.Empty;
        var outerIdAfter = Guid.Empty;
        object? outerTenantAfter = null;
        var inner = new SyncEndpoint<string, int>(Describe.Query("Inner.Handle", isSynchronous: true), (_, context) =>
        {
            innerCurrent = MessageContext.Current;
            innerCausation = context.CausationId;
            return 0;
        });
        var outer = new SyncEndpoint<int, int>(Describe.Query("Outer.Handle", isSynchronous: true), (_, context) =>
        {
            outerIdBefore = context.MessageId;
            _ = Completed.Result(Dispatch.Request(bus!, inner, "x", null, default));
            outerAfterInner = MessageContext.Current;
            outerIdAfter = context.MessageId;
            context.TryGetHeader("tenant", out outerTenantAfter);
            return 0;
        });
        using var host = Host.With(outer, inner);
        bus = host.Bus();

        _ = Completed.Result(Dispatch.Request(bus, outer, 1, new MessageHeaders { ["tenant"] = "acme" }, default));

        Assert.NotNull(innerCurrent);
        Assert.Equal(outerIdBefore, innerCausation);
        Assert.Equal(outerIdBefore, outerIdAfter);
        Assert.NotSame(innerCurrent, outerAfterInner);
        Assert.Equal("acme", outerTenantAfter);
        Assert.Null(MessageContext.Current);
    }

    [Fact]
    public async Task Asynchronous_endpoint_sees_its_context_after_awaiting_and_the_caller_does_not()
    {
        MessageContext? given = null;
        MessageContext? afterAwait = null;
        var endpoint = new AsyncEndpoint<int, int>(Describe.Query("Later.Handle", isSynchronous: false), async (request, context) =>
        {
            given = context;
            await Task.Yield();
            afterAwait = MessageContext.Current;
            return request * 2;
        });
        using var host = Host.With(endpoint);

        var result = await Dispatch.Request(host.Bus(), endpoint, 21, null, default);

        Assert.Equal(42, result);
        Assert.Same(given, afterAwait);
        Assert.Null(MessageContext.Current);
    }

    [Fact]
    public async Task Failing_synchronous_endpoint_leaves_no_context_behind()
    {
        Guid? causation = Guid.NewGuid();
        var endpoint = new SyncEndpoint<int, int>(Describe.Query("Fragile.Handle", isSynchronous: true), (request, context) =>
        {
            causation = context.CausationId;
            return request < 0 ? throw new InvalidOperationException("negative") : request;
        });
        using var host = Host.With(endpoint);

        await Assert.ThrowsAsync<InvalidOperationException>(async () => await Dispatch.Request(host.Bus(), endpoint, -1, null, default));
        var result = await Dispatch.Request(host.Bus(), endpoint, 5, null, default);

        Assert.Null(MessageContext.Current);
        Assert.Equal(5, result);
        Assert.Null(causation);
    }

    [Fact]
    public async Task Command_whose_endpoint_returns_nothing_completes_after_the_asynchronous_handler()
    {
        var done = false;
        var endpoint = new AsyncEndpoint<string, Nothing>(Describe.Command("Work.Handle", isSynchronous: false), async (_, _) =>
        {
            await Task.Delay(10);
            done = true;
            return Nothing.Value;
        });
        using var host = Host.With(endpoint);

        await Dispatch.Command(host.Bus(), endpoint, "go", null, default);

        Assert.True(done);
    }

    [Fact]
    public void Endpoint_of_a_module_that_is_not_added_is_refused_naming_the_module()
    {
        var composed = new SyncEndpoint<int, int>(Describe.Query("Composed.Handle", isSynchronous: true), static (r, _) => r);
        var stray = new SyncEndpoint<int, int>(Describe.Query("Stray.Handle", isSynchronous: true, module: "StrayModule"), static (r, _) => r);
        using var host = Host.With(composed);

        var error = Assert.Throws<ModuleNotAddedException>(() => Dispatch.Request(host.Bus(), stray, 1, null, default));

        Assert.Contains("Stray.Handle", error.Message);
        Assert.Contains("'StrayModule'", error.Message);
        Assert.Contains("AddModule<StrayModule>()", error.Message);
        Assert.Contains("Composed modules: FirstModule", error.Message);
    }

    [Fact]
    public void An_object_that_is_not_a_bus_is_refused()
    {
        var endpoint = new SyncEndpoint<int, int>(Describe.Query("Any.Handle", isSynchronous: true), static (r, _) => r);

        var error = Assert.Throws<InvalidOperationException>(() => Dispatch.Request(new object(), endpoint, 1, null, default).AsTask().GetAwaiter().GetResult());

        Assert.Contains("is not an Estuary IQueryBus", error.Message);
        Assert.Contains("AddEstuary()", error.Message);
    }
}
