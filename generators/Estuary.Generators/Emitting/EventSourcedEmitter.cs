using System.Globalization;
using System.Linq;

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
    private const string Token = "context.CancellationToken";

    public static string RepositoryType(EventSourcedPlan plan) => RepositoryType(plan.TypeName);

    public static string RepositoryType(string aggregateType) => "global::Estuary.EventSourcedRepository<" + aggregateType + ">";

    /// <summary>The EventSourcedAggregate subclass describing one aggregate type, nested in the module.</summary>
    public static void EmitDefinition(SourceWriter writer, EventSourcedPlan plan)
    {
        var model = plan.Model;
        var type = plan.TypeName;
        writer.Line("/// <summary>Describes event-sourced <c>" + type.Replace("global::", string.Empty) + "</c>: stable names, the apply switch, identifier and version.</summary>");
        writer.Line(Names.GeneratedCode);
        using (writer.Block("internal sealed class " + model.DefinitionClass + " : global::Estuary.EventSourcedAggregate<" + type + ">"))
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
            writer.Line("public override string IdOf(" + type + " aggregate) => " + AggregateEmitter.IdText(model.Identifiers, null, model.TypeName) + ";");
            if (model.Version is { } version)
            {
                writer.Line();
                writer.Line("public override bool HasVersionMember => true;");
                writer.Line();
                writer.Line("public override void SetVersion(" + type + " aggregate, long version) => aggregate." + version.Member + " = " + (version.IsInt ? "(int)version" : "version") + ";");
                writer.Line();
                writer.Line("public override long VersionOf(" + type + " aggregate) => aggregate." + version.Member + ";");
            }
        }
    }

    /// <summary>The body of an endpoint on an event-sourced aggregate.</summary>
    public static void EmitEndpoint(SourceWriter writer, EndpointPlan plan, string arguments, bool assignResult)
    {
        var handler = plan.Handler;
        var aggregate = handler.Aggregate!;
        var verb = aggregate.IsFactory ? " starts the stream of " : handler.CreateWith is not null ? " loads or starts " : aggregate.ReadOnly ? " asks " : " acts on ";
        writer.Line("// " + handler.DisplayName + verb + aggregate.Name + " (event-sourced)");
        writer.Line("var repository = " + plan.Service(RepositoryType(aggregate.TypeName), "context") + ";");
        var returns = assignResult && handler.ResultType is not null;
        if (aggregate.IsFactory)
        {
            EmitCreate(writer, plan, handler, arguments, returns ? "var result = " : null);
            return;
        }

        writer.Line("var id = " + AggregateEmitter.TargetId(aggregate) + ";");
        if (handler.CreateWith is { } factory)
        {
            var assign = returns ? "result = " : null;
            if (returns)
            {
                writer.Line(plan.ResultType + " result = default!;");
            }

            writer.Line("var found = await repository.LoadAsync(id, " + Token + ").ConfigureAwait(false);");
            writer.Open("if (found is { } loaded)");
            EmitAct(writer, plan, arguments, assign);
            writer.Close();
            writer.Open("else");
            var factoryArguments = (factory.Message is null ? [] : new[] { "message" }).Concat(factory.Parameters.Select(p => ArgumentEmitter.For(p, "context", "this", "message", plan)));
            EmitCreate(writer, plan, factory, string.Join(", ", factoryArguments), assign);
            writer.Close();
            return;
        }

        if (aggregate.DropWhenNotFound)
        {
            writer.Line("var found = await repository.LoadAsync(id, " + Token + ").ConfigureAwait(false);");
            writer.Open("if (found is { } loaded)");
            EmitAct(writer, plan, arguments, returns ? "var result = " : null);
            writer.Close();
            return;
        }

        writer.Line("var loaded = await " + Runtime + ".LoadAsync(repository, id, " + Token + ").ConfigureAwait(false);");
        EmitAct(writer, plan, arguments, returns ? "var result = " : null);
    }

    private static void EmitAct(SourceWriter writer, EndpointPlan plan, string arguments, string? assign)
    {
        var handler = plan.Handler;
        var aggregate = handler.Aggregate!;
        writer.Line("var aggregate = loaded.Aggregate;");
        var call = Await(handler.IsAsync, "aggregate." + CSharpNames.Escape(handler.MethodName) + "(" + arguments + ")");
        if (aggregate.ReadOnly)
        {
            writer.Line(assign is not null ? assign + call + ";" : call + ";");
            return;
        }

        var answers = handler.Return is not (ReturnKind.Void or ReturnKind.Task or ReturnKind.ValueTask);
        switch (aggregate.Events)
        {
            case EventsSource.ReturnedSingle or EventsSource.ReturnedSequence:
                writer.Line("var events = " + Runtime + ".Events(" + call + ");");
                break;
            case EventsSource.Recorded:
                writer.Line(assign is not null && answers ? assign + call + ";" : call + ";");
                writer.Line("var events = " + Runtime + ".Events(aggregate." + aggregate.EventSourced!.EventsMethod + "());");
                break;
            default:
                writer.Line(call + ";");
                writer.Line("global::System.Collections.Generic.IReadOnlyList<object> events = [];");
                break;
        }

        writer.Line("await repository.AppendAsync(id, aggregate, events, loaded.Version, " + Token + ").ConfigureAwait(false);");
        EmitPublish(writer, plan);
        if (assign is not null && (handler.CreateWith is not null && !answers || aggregate.Events is EventsSource.ReturnedSingle or EventsSource.ReturnedSequence))
        {
            // Load-or-create whose action answers nothing: both branches answer the identifier.
            writer.Line(assign + Identifier(aggregate.EventSourced!, "id") + ";");
        }
    }

    // A factory's events (returned, or recorded by the instance it returns) start a new stream.
    private static void EmitCreate(SourceWriter writer, EndpointPlan plan, HandlerModel factory, string arguments, string? assign)
    {
        var aggregate = factory.Aggregate!;
        var model = aggregate.EventSourced!;
        var call = Await(factory.IsAsync, factory.DeclaringType.FullName + "." + CSharpNames.Escape(factory.MethodName) + "(" + arguments + ")");
        writer.Line("var created = " + call + ";");
        var yielded = aggregate.Events == EventsSource.Recorded || aggregate.Events is null ? "created." + model.EventsMethod + "()" : "created";
        writer.Line("var events = " + Runtime + ".Events(" + yielded + ");");
        writer.Line("var aggregate = (await repository.StartAsync(events, " + Token + ").ConfigureAwait(false)).Aggregate;");
        EmitPublish(writer, plan);
        if (assign is not null)
        {
            writer.Line(assign + Identifier(model, "repository.Definition.IdOf(aggregate)") + ";");
        }
    }

    private static void EmitPublish(SourceWriter writer, EndpointPlan plan)
    {
        writer.Open("foreach (var appended in events)");
        writer.Line("await " + plan.Service(EndpointPlan.EventBus, "context") + ".PublishObjectAsync(appended, null, " + Token + ").ConfigureAwait(false);");
        writer.Close();
    }

    // A single identifier is answered as itself (read from the instance), several as their stored text.
    private static string Identifier(EventSourcedModel model, string text) =>
        model.Identifiers.Count == 1 ? model.Identifiers[0].Access : text;

    private static string Await(bool isAsync, string call) => isAsync ? "await " + call + ".ConfigureAwait(false)" : call;
}
