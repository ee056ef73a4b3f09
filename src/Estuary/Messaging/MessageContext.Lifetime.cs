using System;
using System.Threading;
using System.Threading.Tasks;
using Estuary.Runtime;

namespace Estuary;

// How contexts are created, made current and released.
//
// Synchronous endpoints (methods returning void or a plain value) get a context from a small
// per-thread pool and are made current through a [ThreadStatic] slot: nothing is allocated, and
// nothing can observe the context after the call returns. Asynchronous endpoints get a fresh
// context carried by an AsyncLocal, so code after an await still sees it; while such an endpoint
// runs its synchronous part, the thread slot is cleared so the AsyncLocal wins.
public sealed partial class MessageContext
{
    private const int PoolSize = 8;

    [ThreadStatic]
    private static MessageContext? t_current;

    [ThreadStatic]
    private static MessageContext?[]? t_pool;

    [ThreadStatic]
    private static int t_pooled;

    private static readonly AsyncLocal<MessageContext?> s_current = new();

    /// <summary>The message being handled on this flow, or <see langword="null"/> outside a handler.</summary>
    public static MessageContext? Current => t_current ?? s_current.Value;

    internal static MessageContext RentForSync(EstuaryRuntime runtime, MessageHeaders? headers, string? routingKey, CancellationToken cancellationToken)
    {
        var pool = t_pool;
        MessageContext context;
        if (pool is not null && t_pooled > 0)
        {
            context = pool[--t_pooled]!;
            pool[t_pooled] = null;
        }
        else
        {
            context = new MessageContext();
        }

        context.Initialize(runtime, headers, routingKey, cancellationToken);
        return context;
    }

    internal static MessageContext CreateForAsync(EstuaryRuntime runtime, MessageHeaders? headers, string? routingKey, CancellationToken cancellationToken)
    {
        var context = new MessageContext();
        context.Initialize(runtime, headers, routingKey, cancellationToken);
        return context;
    }

    /// <summary>Makes <paramref name="context"/> current on this thread; returns what to restore.</summary>
    internal static MessageContext? EnterSync(MessageContext context)
    {
        var previous = t_current;
        t_current = context;
        return previous;
    }

    internal static void ExitSync(MessageContext? previous) => t_current = previous;

    /// <summary>
    /// Clears the thread slot before an asynchronous endpoint runs, so the AsyncLocal it sets is
    /// what its code observes; returns what to restore once the synchronous part has returned.
    /// </summary>
    internal static SuspendedContext SuspendSync()
    {
        var previous = t_current;
        if (previous is null)
        {
            return default;
        }

        // Carry the synchronous parent into the AsyncLocal so the new context finds it.
        var previousAsync = s_current.Value;
        s_current.Value = previous;
        t_current = null;
        return new SuspendedContext(previous, previousAsync);
    }

    internal static void ResumeSync(SuspendedContext suspended)
    {
        if (suspended.Sync is not null)
        {
            s_current.Value = suspended.Async;
            t_current = suspended.Sync;
        }
    }

    internal readonly record struct SuspendedContext(MessageContext? Sync, MessageContext? Async);

    /// <summary>Makes the context current for the rest of the calling async method.</summary>
    internal static void EnterAsync(MessageContext context) => s_current.Value = context;

    /// <summary>Releases a context whose message has been handled synchronously.</summary>
    internal void ReturnToPool()
    {
        if (_ownsScope)
        {
            _scope.Dispose();
        }

        Clear();
        var pool = t_pool ??= new MessageContext?[PoolSize];
        if (t_pooled < PoolSize)
        {
            pool[t_pooled++] = this;
        }
    }

    /// <summary>Releases a context whose message has been handled asynchronously.</summary>
    internal ValueTask CompleteAsync()
    {
        if (!_ownsScope)
        {
            return default;
        }

        _ownsScope = false;
        return _scope.DisposeAsync();
    }
}
