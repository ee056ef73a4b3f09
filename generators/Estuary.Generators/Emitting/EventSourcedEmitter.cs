using System.Collections.Generic;
using System.Globalization;

namespace Estuary.SourceGeneration;

/// <summary>
/// Event-sourced aggregates: the generated description (apply switch, identifier, version) and the
/// endpoint bodies. A factory's events are applied to a new instance, whose identifier names the
/// stream; an action loads the instance from its stream, calls it, applies and appends its new events
/// with the version loaded; a query loads and asks. New events are published after the append.
/// </summary>
internal static class EventSourcedEmitter
{
    private const string Runtime = "global::Estuary.Runtime.EventSourcingRuntime";
    private const string Flow = "global::Estuary.Runtime.EventSourcedFlow";
    private const string Decisions = "global::Estuary.Runtime.Decisions";

    /// <summary>The EventSourcedAggregate subclass describing one aggregate type, nested in the module.</summary>
    public static void EmitDefinition(SourceWriter writer, EventSourcedPlan plan)
    {
        var model = plan.Model;
        var type = plan.TypeName;
        writer.Line("/// <summary>Describes event-sourced <c>" + type.Replace("global::", string.Empty) + "</c>: stable names, the apply switch, identifier and version.</summary>");
        writer.Line(Names.GeneratedCode);
        writer.Continued("internal sealed class " + model.DefinitionClass, ": global::Estuary.EventSourcedAggregate<" + type + ">");
        using (writer.Block(string.Empty))
        {
            writer.Line("public override string TypeName => " + CSharpLiterals.String(model.TypeName) + ";");
            writer.Line();
            writer.Line("public override string StreamPrefix => " + CSharpLiterals.String(model.StreamPrefix) + ";");
            writer.Line();
            if (model.SnapshotEvery > 0)
            {
                writer.Line("public override int SnapshotEvery => " + model.SnapshotEvery.ToString(CultureInfo.InvariantCulture) + ";");
                writer.Line();
            }

            if (model.HoldsSensitiveData)
            {
                writer.Line("// An applied event has [Sensitive] members: snapshots of the state are stored encrypted.");
                writer.Line("public override bool HoldsSensitiveData => true;");
                writer.Line();
            }

            writer.Line("public override " + type + " Create() => new " + type + "();");
            writer.Line();
            writer.Line("// One case per [EventSourcingHandler]; other events change nothing.");
            using (writer.Block("public override void Apply(" + type + " aggregate, object @event)"))
            {
                using (writer.Block("switch (@event)"))
                {
                    foreach (var apply in model.Applies)
                    {
                        writer.Line("case " + apply.EventType + " applied:");
                        writer.Line("    aggregate." + CSharpNames.Escape(apply.Method) + "(applied);");
                        writer.Line("    break;");
                    }
                }
            }

            writer.Line();
            writer.Continued("public override string IdOf(" + type + " aggregate)", "=> " + AggregateEmitter.IdText(model.Identifiers, model.TypeName) + ";");
            if (model.Version is { } version)
            {
                writer.Line();
                writer.Line("public override bool HasVersionMember => true;");
                writer.Line();
                writer.Continued("public override void SetVersion(" + type + " aggregate, long version)", "=> aggregate." + CSharpNames.Escape(version.Member) + " = " + (version.IsInt ? "(int)version" : "version") + ";");
                writer.Line();
                writer.Continued("public override long VersionOf(" + type + " aggregate)", "=> aggregate." + CSharpNames.Escape(version.Member) + ";");
            }
        }
    }

    /// <summary>The body of an endpoint on an event-sourced aggregate: EventSourcedFlow with the handler call as a static lambda.</summary>
    public static void EmitEndpoint(SourceWriter writer, EndpointPlan plan, bool assignResult)
    {
        var handler = plan.Handler;
        var aggregate = handler.Aggregate!;
        var model = aggregate.EventSourced!;
        var verb = aggregate.IsFactory ? " starts the stream of " : handler.CreateWith is not null ? " loads or starts " : aggregate.ReadOnly ? " asks " : " acts on ";
        writer.Line("// " + handler.DisplayName + verb + aggregate.Name + " (event-sourced)");
        writer.Line("var repository = " + ArgumentEmitter.Service(plan, ServiceTypes.EventSourcedRepository(aggregate.TypeName), "context") + ";");
        var answer = assignResult && handler.ResultType is not null ? "var result = " : string.Empty;
        if (aggregate.IsFactory)
        {
            writer.Write(AggregateEmitter.Call(plan, handler, "context", plan.EndpointReference).Around("var created = ", string.Empty), ";");
            AggregateEmitter.EmitFlowCall(writer, "var aggregate = ", "StartAsync", [Text("repository"), Text(Runtime + ".Events(" + Yielded(aggregate, model, "created") + ")"), Text("context")], Flow);
            if (answer.Length > 0)
            {
                writer.Line(answer + Identifier(model, "aggregate") + ";");
            }

            return;
        }

        List<Layout> arguments = [Text("repository"), Text(AggregateEmitter.TargetId(aggregate)), Text("message"), Text("context")];
        if (aggregate.ReadOnly)
        {
            AggregateEmitter.EmitFlowCall(writer, answer, "AskAsync", [.. arguments, AggregateEmitter.Lambda(plan, handler)], Flow);
            return;
        }

        var answers = AggregateEmitter.ActionAnswers(handler) && aggregate.Events == EventsSource.Recorded;
        arguments.Add(Decide(plan, handler, model, answers));
        string method;
        if (handler.CreateWith is { } factory)
        {
            var created = AggregateEmitter.Call(plan, factory, "context", plan.EndpointReference).Around("var created = ", string.Empty);
            var events = Text(Runtime + ".Events(" + Yielded(factory.Aggregate!, model, "created") + ")");
            arguments.Add(factory.IsAsync
                ? Layout.Block("static async (message, context) =>", [created, events.Around("return ", string.Empty)])
                : Layout.Block("static (message, context) =>", [created, AggregateEmitter.Completed(events).Around("return ", string.Empty)]));
            method = "ActOrStartAsync";
        }
        else
        {
            if (aggregate.DropWhenNotFound)
            {
                arguments.Add(Text("global::Estuary.Runtime.WhenMissing.Skip"));
            }

            method = "ActAsync";
        }

        if (answer.Length == 0)
        {
            AggregateEmitter.EmitFlowCall(writer, string.Empty, method, arguments, Flow);
            return;
        }

        // Load-or-create answers the identifier unless the action answers something itself.
        AggregateEmitter.EmitFlowCall(writer, "var acted = ", method, arguments, Flow);
        var identifier = Identifier(model, "acted.Instance!");
        writer.Line(answer + (answers && handler.CreateWith is not null ? "acted.Created ? " + identifier + " : acted.Result" : answers ? "acted.Result" : identifier) + ";");
    }

    /// <summary>
    /// The handler call as the flow's lambda, answering a Decided: the method's result (when it records
    /// its events and returns something) and its new events, returned by it or recorded by the instance.
    /// </summary>
    private static Layout Decide(EndpointPlan plan, HandlerModel handler, EventSourcedModel model, bool answers)
    {
        var call = AggregateEmitter.Call(plan, handler, "context", plan.EndpointReference, target: "aggregate");
        var head = handler.IsAsync ? "static async (aggregate, message, context) =>" : "static (aggregate, message, context) =>";
        var recorded = Text("aggregate." + CSharpNames.Escape(model.EventsMethod ?? string.Empty) + "()");
        Layout Decided(params Layout[] parts)
        {
            var decided = Layout.List(Decisions + ".Of(", parts, ")");
            return handler.IsAsync ? decided : AggregateEmitter.Completed(decided);
        }

        return handler.Aggregate!.Events switch
        {
            EventsSource.ReturnedSingle or EventsSource.ReturnedSequence => Layout.Then(head, Decided(call)),
            EventsSource.Recorded when answers => Layout.Then(head, Decided(call, recorded)),
            EventsSource.Recorded => Layout.Block(head, [call, Decided(recorded).Around("return ", string.Empty)]),
            _ => Layout.Block(head, [call, Decided(Text("null")).Around("return ", string.Empty)]),
        };
    }

    private static Layout Text(string code) => Layout.Text(code);

    // A factory's events: what it returned, or what the instance it returned recorded.
    private static string Yielded(AggregateModel factory, EventSourcedModel model, string created) =>
        factory.Events == EventsSource.Recorded || factory.Events is null ? created + "." + CSharpNames.Escape(model.EventsMethod!) + "()" : created;

    // A single identifier is answered as itself (read from the instance), several as their stored text.
    private static string Identifier(EventSourcedModel model, string instance) =>
        model.Identifiers.Count == 1 ? instance + "." + CSharpNames.Escape(model.Identifiers[0].Member) : "repository.Definition.IdOf(" + instance + ")";
}
