using System;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Estuary.Runtime;

namespace Estuary;

// How contexts are created, made current and released.
//
// Synchronous endpoints (methods returning void or a plain value) run on a context owned by their
// thread: each thread keeps one context per nesting depth and reuses it, so nothing is allocated
// and nothing can observe the context after the call returns. Asynchronous endpoints get a fresh
// context carried by an AsyncLocal, so code after an await still sees it; while such an endpoint
// runs its synchronous part, the thread's synchronous contexts are hidden so the AsyncLocal wins.
//
// The synchronous path is written to avoid reference stores into heap objects (each costs a GC
// write barrier): entering and leaving only move integers, and a reused context's reference fields
// are written only when their value changes.
public sealed partial class MessageContext
{
    [ThreadStatic]
    private static ThreadState? t_state;

    // The AsyncLocal tells each thread when the flow it runs changes (an explicit set, or an
    // execution context restored by an await), and the thread keeps a copy of the value: the
    // synchronous path then reads one thread-local object and never the AsyncLocal itself.
    private static readonly AsyncLocal<MessageContext?> s_current = new(static change => (t_state ??= new ThreadState()).Async = change.CurrentValue);

    private ThreadState? _owner;

    /// <summary>The message being handled on this flow, or <see langword="null"/> outside a handler.</summary>
    public static MessageContext? Current => t_state?.CurrentOrAsync;

    /// <summary>Takes this thread's context for the next nesting depth and makes it current.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static MessageContext EnterSync(EstuaryRuntime runtime, MessageHeaders? headers, string? routingKey, CancellationToken cancellationToken)
    {
        var state = t_state ??= new ThreadState();
        var parent = state.CurrentOrAsync;
        var context = state.Push();
        context.Initialize(runtime, headers, routingKey, cancellationToken, parent);
        return context;
    }

    /// <summary>Leaves this context: the previous depth becomes current again.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void ExitSync()
    {
        if (_ownsScope)
        {
            DisposeScope();
        }

        // A context kept by a handler fails loudly instead of showing the next message's data.
        _released = true;
        _headers = null;
        _reserved = null;
        _messageId = default;
        _timestamp = default;
        _owner!.Depth--;
    }

    private void DisposeScope()
    {
        _ownsScope = false;
        _scope.Dispose();
    }

    internal static MessageContext CreateForAsync(EstuaryRuntime runtime, MessageHeaders? headers, string? routingKey, CancellationToken cancellationToken)
    {
        var context = new MessageContext();
        context.Initialize(runtime, headers, routingKey, cancellationToken, Current);
        return context;
    }

    /// <summary>
    /// Hides the thread's synchronous contexts before an asynchronous endpoint runs, so the AsyncLocal
    /// it sets is what its code observes; returns what to restore once the synchronous part returned.
    /// </summary>
    internal static SuspendedContext SuspendSync()
    {
        var state = t_state;
        var previous = state?.Current;
        if (previous is null)
        {
            return default;
        }

        // Carry the synchronous parent into the AsyncLocal so the new context finds it.
        var previousAsync = s_current.Value;
        s_current.Value = previous;
        var hiddenBelow = state!.Base;
        state.Base = state.Depth;
        return new SuspendedContext(previous, previousAsync, hiddenBelow);
    }

    internal static void ResumeSync(SuspendedContext suspended)
    {
        if (suspended.Sync is not null)
        {
            s_current.Value = suspended.Async;
            t_state!.Base = suspended.Base;
        }
    }

    internal readonly record struct SuspendedContext(MessageContext? Sync, MessageContext? Async, int Base);

    /// <summary>Makes the context current for the rest of the calling async method.</summary>
    internal static void EnterAsync(MessageContext? context) => s_current.Value = context;

    /// <summary>Releases a context whose message has been handled asynchronously.</summary>
    internal ValueTask CompleteAsync()
    {
        if (!_ownsScope)
        {
            return default;
        }

        // A received message's next attempt runs on this same context, in a scope of its own.
        _ownsScope = false;
        _scopedServices = null;
        return _scope.DisposeAsync();
    }

    /// <summary>A thread's synchronous contexts: one per nesting depth, those at or above <see cref="Base"/> visible.</summary>
    private sealed class ThreadState
    {
        private MessageContext[] _stack = new MessageContext[4];

        public int Depth;

        public int Base;

        /// <summary>This thread's copy of the AsyncLocal: the asynchronous flow's current context.</summary>
        public MessageContext? Async;

        public MessageContext? Current => Depth > Base ? _stack[Depth - 1] : null;

        public MessageContext? CurrentOrAsync => Depth > Base ? _stack[Depth - 1] : Async;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public MessageContext Push()
        {
            var depth = Depth;
            var stack = _stack;
            if ((uint)depth < (uint)stack.Length && stack[depth] is { } context)
            {
                Depth = depth + 1;
                return context;
            }

            return PushNew();
        }

        private MessageContext PushNew()
        {
            if (Depth >= _stack.Length)
            {
                Array.Resize(ref _stack, _stack.Length * 2);
            }

            var context = _stack[Depth] = new MessageContext { _owner = this };
            Depth++;
            return context;
        }
    }
}
