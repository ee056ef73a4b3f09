using System;
using Estuary.Runtime;
using Xunit;

namespace Estuary.Tests.Dispatching;

/// <summary>
/// Sends to synchronous endpoints run on pooled contexts: after warm-up, a send allocates nothing
/// (GC.GetAllocatedBytesForCurrentThread counts this thread's allocations only, so tests running in
/// parallel do not disturb it).
/// </summary>
public sealed class AllocationTests
{
    private const int Sends = 1000;

    private static readonly SyncEndpoint<int, int> s_echo =
        new(Describe.Query("Echo.Handle", isSynchronous: true), static (request, context) => request + (context.CancellationToken.CanBeCanceled ? 0 : 1));

    [Fact]
    public void Synchronous_send_allocates_nothing_after_warm_up()
    {
        using var host = Host.With(s_echo);
        var bus = host.Bus();
        for (var i = 0; i < 100; i++)
        {
            _ = Completed.Result(Dispatch.Request(bus, s_echo, i, null, default));
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        var sum = 0L;
        for (var i = 0; i < Sends; i++)
        {
            sum += Completed.Result(Dispatch.Request(bus, s_echo, i, null, default));
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.Equal((Sends * (Sends - 1L) / 2) + Sends, sum);
    }

    [Fact]
    public void Synchronous_send_with_user_headers_allocates_nothing_after_warm_up()
    {
        using var host = Host.With(s_echo);
        var bus = host.Bus();
        var headers = new MessageHeaders { ["tenant"] = "acme" };
        for (var i = 0; i < 100; i++)
        {
            _ = Completed.Result(Dispatch.Request(bus, s_echo, i, headers, default));
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < Sends; i++)
        {
            _ = Completed.Result(Dispatch.Request(bus, s_echo, i, headers, default));
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void Nested_synchronous_sends_allocate_nothing_after_warm_up()
    {
        ICommandBus? bus = null;
        var outer = new SyncEndpoint<long, int>(Describe.Query("Outer.Handle", isSynchronous: true), (request, _) => Completed.Result(Dispatch.Request(bus!, s_echo, (int)request, null, default)));
        using var host = Host.With(outer, s_echo);
        bus = host.Bus();
        for (var i = 0; i < 100; i++)
        {
            _ = Completed.Result(Dispatch.Request(bus, outer, (long)i, null, default));
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < Sends; i++)
        {
            _ = Completed.Result(Dispatch.Request(bus, outer, (long)i, null, default));
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
