using System.Collections.Generic;
using System.Linq;

namespace Estuary.SourceGeneration;

/// <summary>
/// Emits one endpoint class per handler method: parameter binding, interceptors woven in order,
/// and the direct call. A handler with no asynchronous part gets a synchronous <c>Invoke</c>.
/// </summary>
internal static class EndpointEmitter
{
    private const string Context = "global::Estuary.MessageContext";

    public static void Emit(SourceWriter writer, EndpointPlan plan, string moduleName)
    {
        var handler = plan.Handler;
        writer.Line("/// <summary>Wires <c>" + Xml(Signature(handler)) + "</c>.</summary>");
        writer.Line(Names.GeneratedCode);
        writer.Continued("internal sealed class " + plan.ClassName, ": " + BaseType(plan));
        using (writer.Block(string.Empty))
        {
            EmitServiceSlots(writer, plan);
            EmitAttributeFields(writer, plan);
            if (plan.Arounds.Count > 0)
            {
                writer.Line("private readonly global::System.Func<global::Estuary.Runtime.Invocation, global::System.Threading.Tasks.ValueTask<object?>>[] _steps;");
                writer.Line();
            }

            EmitConstructor(writer, plan, moduleName);
            writer.Line();
            if (plan.IsAsync)
            {
                EmitAsyncInvoke(writer, plan);
            }
            else
            {
                EmitSyncInvoke(writer, plan);
            }

            if (plan.Arounds.Count > 0)
            {
                EmitAroundSteps(writer, plan);
            }

            if (handler.Asynchronous?.Deduplication is { } deduplication)
            {
                EmitDeduplicationKey(writer, plan, deduplication);
            }

            if (handler.Aggregate is { IsFactory: false } aggregate && (aggregate.FromHeader || handler.Message is not null))
            {
                EmitPartitionKey(writer, plan, aggregate);
            }
        }
    }

    private static string ScheduleDescription(ScheduleModel model) =>
        "new global::Estuary.Runtime.ScheduleDescription(" + CSharpLiterals.String(model.Name)
        + (model.EveryMilliseconds is { } every ? ", EveryMilliseconds: " + every.ToString(System.Globalization.CultureInfo.InvariantCulture) : string.Empty)
        + (model.Cron is { } cron ? ", Cron: " + CSharpLiterals.String(cron) : string.Empty)
        + (model.TimeZone is { } zone ? ", TimeZone: " + CSharpLiterals.String(zone) : string.Empty) + ")";

    // Events are published to every subscriber and answer nothing; commands and queries answer their result (or Nothing).
    private static string BaseType(EndpointPlan plan) => plan.Handler.Kind == HandlerKind.Event
        ? "global::Estuary.Runtime.EventEndpoint<" + plan.MessageType + ">"
        : "global::Estuary.Runtime.RequestEndpoint<" + plan.MessageType + ", " + plan.ResultType + ">";

    /// <summary>The <c>new AsynchronousDescription(...)</c> of an endpoint's channel settings.</summary>
    public static Layout AsynchronousDescription(AsynchronousModel model)
    {
        var parts = new List<Layout> { Layout.Text(CSharpLiterals.String(model.Channel)) };
        if (model.Priority != 0)
        {
            parts.Add(Layout.Text("Priority: " + model.Priority.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        if (model.DelayMilliseconds is { } delay)
        {
            parts.Add(Layout.Text("DelayMilliseconds: " + delay.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        if (model.TimeToLiveMilliseconds is { } ttl)
        {
            parts.Add(Layout.Text("TimeToLiveMilliseconds: " + ttl.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        if (model.Retry is { } retry)
        {
            parts.Add(Layout.Initializer(
                "Retry: new global::Estuary.RetryPolicy",
                [
                    "InstantRetries = " + CSharpLiterals.Primitive(retry.Instant),
                    "DelayedRetries = " + CSharpLiterals.Primitive(retry.Delayed),
                    "InitialDelay = global::System.TimeSpan.FromMilliseconds(" + CSharpLiterals.Primitive(retry.InitialDelayMilliseconds) + ")",
                    "Multiplier = " + CSharpLiterals.Primitive(retry.Multiplier),
                    "MaxDelay = global::System.TimeSpan.FromMilliseconds(" + CSharpLiterals.Primitive(retry.MaxDelayMilliseconds) + ")",
                ]));
        }

        return Layout.List("new global::Estuary.Runtime.AsynchronousDescription(", parts, ")");
    }

    private static void EmitDeduplicationKey(SourceWriter writer, EndpointPlan plan, DeduplicationModel deduplication)
    {
        writer.Line();
        writer.Line("// [Deduplicated]: the key this endpoint handles at most once.");
        EmitKeyMethod(writer, plan, "DeduplicationKey", deduplication.Header, ["global::Estuary.Channels.WireHeaders.Format(" + deduplication.MemberAccess + ")"]);
    }

    private static void EmitPartitionKey(SourceWriter writer, EndpointPlan plan, AggregateModel aggregate)
    {
        writer.Line();
        var type = aggregate.TypeName.Substring(aggregate.TypeName.LastIndexOf('.') + 1);
        writer.Line("// One " + type + "'s messages stay in sequence on a partitioned channel: they are keyed by its identifier.");
        var parts = aggregate.Identifiers.Select(i => "global::Estuary.Channels.WireHeaders.Format(" + i.Access + ")").ToList();
        EmitKeyMethod(writer, plan, "PartitionKey", aggregate.FromHeader ? "aggregate.id" : null, parts);
    }

    /// <summary>
    /// An endpoint override returning a text key of the message: a header's value, or the <paramref name="parts"/>
    /// read from the typed message (several joined with '|', as aggregate identifiers are).
    /// </summary>
    private static void EmitKeyMethod(SourceWriter writer, EndpointPlan plan, string method, string? header, IReadOnlyList<string> parts)
    {
        writer.Open("public override string? " + method + "(object? received, " + Context + " context)");
        if (header is not null)
        {
            writer.Line("return context.TryGetHeader(" + CSharpLiterals.String(header) + ", out var value) ? global::Estuary.Channels.WireHeaders.Format(value) : null;");
        }
        else
        {
            writer.Line("if (received is not " + plan.MessageType + " message)");
            writer.Open(string.Empty);
            writer.Line("return null;");
            writer.Close();
            writer.Line();
            writer.Line("return " + (parts.Count == 1 ? parts[0] : "string.Join(\"|\", " + string.Join(", ", parts) + ")") + ";");
        }

        writer.Close();
    }

    private static void EmitServiceSlots(SourceWriter writer, EndpointPlan plan)
    {
        foreach (var slot in plan.ServiceSlots)
        {
            writer.Line("// Where each host caches " + slot.Key.Replace("global::", string.Empty) + " (see ServiceSlots).");
            writer.Assignment("private static readonly int " + slot.Value, "global::Estuary.Runtime.ServiceSlots.Of<" + slot.Key + ">()");
            writer.Line();
        }
    }

    private static void EmitAttributeFields(SourceWriter writer, EndpointPlan plan)
    {
        foreach (var field in plan.AttributeFields)
        {
            writer.Line("// The handler's " + field.Value.TypeName.Replace("global::", string.Empty) + ", built once from its compile-time arguments.");
            writer.Assignment("private static readonly " + field.Value.TypeName + " " + field.Key, Creation(field.Value));
            writer.Line();
        }
    }

    /// <summary><c>new T(arguments) { Name = value, ... }</c>: the attribute as its declaration built it.</summary>
    private static Layout Creation(AttributeModel attribute)
    {
        var construction = Layout.List("new " + attribute.TypeName + "(", attribute.Arguments, ")");
        return attribute.NamedArguments.Count == 0
            ? construction
            : Layout.Initializer(construction.Flat, attribute.NamedArguments.Select(n => CSharpNames.Escape(n.Name) + " = " + n.Value));
    }

    private static void EmitConstructor(SourceWriter writer, EndpointPlan plan, string moduleName)
    {
        var handler = plan.Handler;
        List<Layout> description =
        [
            Layout.Text("global::Estuary.Runtime.EndpointKind." + handler.Kind),
            Layout.Text(CSharpLiterals.String(handler.DisplayName)),
            Layout.Text(CSharpLiterals.String(handler.EndpointId ?? (handler.DeclaringType.FullName.Replace("global::", string.Empty) + "." + handler.MethodName))),
            Layout.Text(CSharpLiterals.String(moduleName)),
            Layout.Text(handler.RoutingKey is null ? "null" : CSharpLiterals.String(handler.RoutingKey)),
            Layout.Text("IsSynchronous: " + (plan.IsAsync ? "false" : "true")),
            Layout.Text("Priority: " + handler.Priority.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            Layout.Text("HasPayload: " + (handler.Message is null ? "false" : "true")),
        ];
        if (handler.Asynchronous is { } asynchronous)
        {
            description.Add(AsynchronousDescription(asynchronous).Around("Asynchronous: ", string.Empty));
        }

        if (handler.Schedule is { } schedule)
        {
            description.Add(Layout.Text("Schedule: " + ScheduleDescription(schedule)));
        }

        if (handler.Distributed)
        {
            description.Add(Layout.Text("Distributed: true"));
        }

        if (handler.MessageConsumer)
        {
            description.Add(Layout.Text("MessageConsumer: true"));
        }

        writer.Line("public " + plan.ClassName + "()");
        using (writer.Indented())
        {
            writer.Write(Layout.List(": base(new global::Estuary.Runtime.EndpointDescription(", description, "))"));
        }

        writer.Open(string.Empty);
        if (plan.Arounds.Count > 0)
        {
            var steps = Enumerable.Range(0, plan.Arounds.Count).Select(i => "Around" + i).Concat(new[] { "Handle" });
            writer.Line("// The [Around] chain: interceptors in precedence order, then the handler.");
            writer.Line("_steps = [" + string.Join(", ", steps) + "];");
        }

        writer.Close();
    }

    private static void EmitSyncInvoke(SourceWriter writer, EndpointPlan plan)
    {
        var handler = plan.Handler;
        if (handler.Kind == HandlerKind.Event)
        {
            writer.Open("public override void Invoke(object? @event, " + Context + " context)");
            EmitEventCast(writer, plan);
            EmitBefores(writer, plan, stopStatement: "return;");
            EmitHandlerCall(writer, plan, "context", "this", assignResult: false);
            EmitAfters(writer, plan);
            writer.Close();
            return;
        }

        writer.Wrapped("public override " + plan.ResultType + " Invoke(", [plan.MessageType + " message", Context + " context"], ")");
        writer.Open(string.Empty);
        EmitBefores(writer, plan, stopStatement: "return default!;");
        EmitHandlerCall(writer, plan, "context", "this", assignResult: true);
        EmitAfters(writer, plan);
        writer.Line(handler.ResultType is null ? "return default;" : "return result;");
        writer.Close();
    }

    private static void EmitAsyncInvoke(SourceWriter writer, EndpointPlan plan)
    {
        var handler = plan.Handler;
        if (handler.Kind == HandlerKind.Event)
        {
            writer.Open("public override async global::System.Threading.Tasks.ValueTask InvokeAsync(object? @event, " + Context + " context)");
            EmitEventCast(writer, plan);
            EmitBefores(writer, plan, stopStatement: "return;");
            EmitCoreOrChain(writer, plan, assignResult: false);
            EmitAfters(writer, plan);
            writer.Close();
            return;
        }

        writer.Wrapped("public override async global::System.Threading.Tasks.ValueTask<" + plan.ResultType + "> InvokeAsync(", [plan.MessageType + " message", Context + " context"], ")");
        writer.Open(string.Empty);
        EmitBefores(writer, plan, stopStatement: "return default!;");
        EmitCoreOrChain(writer, plan, assignResult: true);
        EmitAfters(writer, plan);
        writer.Line(handler.ResultType is null ? "return default;" : "return result;");
        writer.Close();
    }

    private static void EmitCoreOrChain(SourceWriter writer, EndpointPlan plan, bool assignResult)
    {
        if (plan.Arounds.Count == 0)
        {
            EmitHandlerCall(writer, plan, "context", "this", assignResult);
            return;
        }

        writer.Line("var invocation = new global::Estuary.Runtime.Invocation(message, context, this, _steps);");
        var call = "await invocation.ProceedAsync().ConfigureAwait(false)";
        if (assignResult && plan.Handler.ResultType is not null)
        {
            writer.Line("var result = (" + plan.ResultType + ")(" + call + ")!;");
        }
        else
        {
            writer.Line(call + ";");
        }
    }

    private static void EmitAroundSteps(SourceWriter writer, EndpointPlan plan)
    {
        const string StepSignature = "global::System.Threading.Tasks.ValueTask<object?> {0}(global::Estuary.Runtime.Invocation invocation)";
        for (var i = 0; i < plan.Arounds.Count; i++)
        {
            var interceptor = plan.Arounds[i];
            var isAsync = HandlerRules.IsAsync(interceptor.Return);
            writer.Line();
            writer.Line("// [Around] " + interceptor.DisplayName);
            writer.Open("private " + (isAsync ? "async " : string.Empty) + string.Format(System.Globalization.CultureInfo.InvariantCulture, StepSignature, "Around" + i));
            EmitStepLocals(writer, plan);
            var (callee, arguments) = InterceptorCall(interceptor, plan, "context", "this");
            if (isAsync)
            {
                writer.Wrapped("return await " + callee + "(", arguments, ").ConfigureAwait(false);");
            }
            else
            {
                writer.Wrapped("return new global::System.Threading.Tasks.ValueTask<object?>((object?)" + callee + "(", arguments, "));");
            }
            writer.Close();
        }

        var handler = plan.Handler;
        writer.Line();
        writer.Line("// The innermost step: the handler itself.");
        writer.Open("private " + (handler.NeedsAsyncEndpoint ? "async " : string.Empty) + string.Format(System.Globalization.CultureInfo.InvariantCulture, StepSignature, "Handle"));
        EmitStepLocals(writer, plan);
        EmitHandlerCall(writer, plan, "context", "this", assignResult: true);
        var result = handler.ResultType is null ? "null" : "result";
        writer.Line(handler.NeedsAsyncEndpoint ? "return " + result + ";" : "return new global::System.Threading.Tasks.ValueTask<object?>((object?)" + result + ");");
        writer.Close();
    }

    private static void EmitStepLocals(SourceWriter writer, EndpointPlan plan)
    {
        writer.Line("var context = invocation.Context;");
        writer.Line("var message = (" + plan.MessageType + ")invocation.Message!;");
    }

    private static void EmitBefores(SourceWriter writer, EndpointPlan plan, string stopStatement)
    {
        foreach (var interceptor in plan.Befores)
        {
            writer.Line("// [Before] " + interceptor.DisplayName);
            var (callee, arguments) = InterceptorCall(interceptor, plan, "context", "this");
            var isAsync = HandlerRules.IsAsync(interceptor.Return);
            var head = (isAsync ? "await " : string.Empty) + callee + "(";
            var end = isAsync ? ").ConfigureAwait(false)" : ")";
            if (interceptor.ChangeHeaders && HandlerRules.HasResult(interceptor.Return))
            {
                writer.Wrapped("context.MergeHeaders(" + head, arguments, end + ");");
            }
            else if (HandlerRules.HasResult(interceptor.Return) && IsBool(interceptor.ResultType))
            {
                writer.Wrapped("if (!" + head, arguments, end + ")");
                writer.Open(string.Empty);
                writer.Line(stopStatement);
                writer.Close();
            }
            else
            {
                writer.Wrapped(head, arguments, end + ";");
            }
        }
    }

    private static void EmitAfters(SourceWriter writer, EndpointPlan plan)
    {
        foreach (var interceptor in plan.Afters)
        {
            writer.Line("// [After] " + interceptor.DisplayName);
            var (callee, arguments) = InterceptorCall(interceptor, plan, "context", "this");
            var isAsync = HandlerRules.IsAsync(interceptor.Return);
            writer.Wrapped((isAsync ? "await " : string.Empty) + callee + "(", arguments, isAsync ? ").ConfigureAwait(false);" : ");");
        }
    }

    /// <summary>Binds the handler's arguments and calls it, storing its result in <c>result</c>.</summary>
    private static void EmitHandlerCall(SourceWriter writer, EndpointPlan plan, string context, string endpoint, bool assignResult)
    {
        var handler = plan.Handler;
        if (handler.Aggregate is not null)
        {
            AggregateEmitter.Emit(writer, plan, assignResult);
            return;
        }

        var arguments = new List<string>();
        if (handler.Message is not null)
        {
            arguments.Add("message");
        }

        arguments.AddRange(handler.Parameters.Select(p => ArgumentEmitter.For(p, context, endpoint, "message", plan)));
        var target = handler.IsStatic ? handler.DeclaringType.FullName : ArgumentEmitter.Service(plan, handler.DeclaringType.FullName, context);
        var returnsState = ReturnsProjectionState(handler);
        var assigned = returnsState ? "var projectionState = " : assignResult && handler.ResultType is not null ? "var result = " : string.Empty;
        var head = assigned + (handler.IsAsync ? "await " : string.Empty) + target + "." + CSharpNames.Escape(handler.MethodName) + "(";
        writer.Line("// " + handler.DisplayName);
        writer.Wrapped(head, arguments, handler.IsAsync ? ").ConfigureAwait(false);" : ");");
        if (returnsState)
        {
            // A projection handler returning its [ProjectionState] type replaces the state.
            writer.Line("global::Estuary.Runtime.ProjectionStates.Set(" + context + ", projectionState);");
        }
    }

    private static bool ReturnsProjectionState(HandlerModel handler) =>
        handler.Projection is not null && handler.ResultType is { } result
        && handler.Parameters.Any(p => p.Binding == ParameterBinding.ProjectionState && ServiceTypes.NonNullable(p.TypeName) == ServiceTypes.NonNullable(result));

    private static (string Callee, List<string> Arguments) InterceptorCall(InterceptorModel interceptor, EndpointPlan plan, string context, string endpoint)
    {
        var arguments = interceptor.Parameters.Select(p => ArgumentEmitter.For(p, context, endpoint, "message", plan)).ToList();
        var target = interceptor.IsStatic ? interceptor.DeclaringType.FullName : ArgumentEmitter.Service(plan, interceptor.DeclaringType.FullName, context);
        return (target + "." + CSharpNames.Escape(interceptor.MethodName), arguments);
    }

    // The event as the handler's message type: converted when it arrived as another shape (JSON, a dictionary).
    private static void EmitEventCast(SourceWriter writer, EndpointPlan plan)
    {
        if (plan.Handler.Message is null)
        {
            writer.Line("var message = @event;");
            return;
        }

        writer.Continued(
            "var message = @event is " + ServiceTypes.NonNullable(plan.MessageType) + " typed",
            "? typed : global::Estuary.Runtime.Payload.Convert<" + plan.MessageType + ">(@event, context, this);");
    }

    private static bool IsBool(string? typeName) => typeName is "bool" or "global::System.Boolean";

    private static string Signature(HandlerModel handler) =>
        handler.DeclaringType.FullName.Replace("global::", string.Empty) + "." + handler.MethodName
        + "(" + (handler.Message is null ? string.Empty : handler.Message.TypeName.Replace("global::", string.Empty)) + ")";

    private static string Xml(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");
}
